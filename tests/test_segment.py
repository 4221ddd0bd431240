"""Segment: sentences and list items with line numbers, speakers and lead-ins; noise dropped with reasons."""

from __future__ import annotations

from reportdiff.model import Document, SourceLine, Speaker
from reportdiff.segment import segment_document, split_sentences

RELEASE = """Force must improve, says inspectorate

The inspection raised serious concerns, in particular:

  • how it managed violent and sexual offenders;
  • responding to missing children; and
  • delays in examining devices.

Inspectors found the force was good at working with partners. Mr. Smith agreed.
HM Inspector of Constabulary Jane Doe said:
“The force must act quickly.
“It has made a start.”
Assistant Chief Constable Ann Lee said: “We welcome the report. We have invested heavily.”
Devon and Cornwall Police has made improvements and has been removed from monitoring.
Notes to editors
1. For further information call the press office on 0203 513 0600.
"""
WRAPPED = """The force has not made enough progress in
protecting children who go missing, and
officers do not always share information.

A new paragraph starts here."""
REPEATED = "Title line of the release\nTitle line of the release\nA sentence about the force and children."


def _doc(text: str, role: Speaker = Speaker.INSPECTORATE) -> Document:
    lines = tuple(SourceLine(n, t) for n, t in enumerate(text.split("\n"), start=1))
    return Document(
        id="d",
        path="d.txt",
        name="d.txt",
        format="text",
        title="t",
        publisher="HMIC",
        publisher_role=role,
        subject="Northshire Police",
        sha256="0" * 64,
        lines=lines,
    )


def _texts(segmentation) -> list[str]:
    return [s.text for s in segmentation.segments]


def test_list_items_carry_their_lead_in_and_line_numbers(taxonomy):
    result = segment_document(_doc(RELEASE), taxonomy, "Northshire Police")
    items = [s for s in result.segments if s.list_item]
    assert [s.line_start for s in items] == [5, 6, 7]
    assert all(s.context.startswith("The inspection raised serious concerns") for s in items)


def test_heading_is_structure_not_a_finding(taxonomy):
    result = segment_document(_doc(RELEASE), taxonomy, "Northshire Police")
    assert "Force must improve, says inspectorate" not in _texts(result)


def test_quotes_take_the_speaker_of_their_attribution(taxonomy):
    result = segment_document(_doc(RELEASE), taxonomy, "Northshire Police")
    by_text = {s.text: s for s in result.segments}
    assert by_text["“The force must act quickly."].speaker is Speaker.INSPECTORATE
    assert by_text["“The force must act quickly."].quoted
    assert by_text["We have invested heavily.”"].speaker is Speaker.FORCE


def test_abbreviation_does_not_end_a_sentence(taxonomy):
    text = "Inspectors met Mr. Smith and Det. Insp. J. Jones. They agreed."
    spans = split_sentences(text, taxonomy.language.abbreviations)
    assert [text[a:b].strip() for a, b in spans] == [
        "Inspectors met Mr. Smith and Det. Insp. J. Jones.",
        "They agreed.",
    ]


def test_noise_is_dropped_with_reasons(taxonomy):
    result = segment_document(_doc(RELEASE), taxonomy, "Northshire Police")
    reasons = {d.reason for d in result.dropped}
    assert any(r.startswith("about another organisation") for r in reasons)
    assert "notes to editors and page footer" in reasons
    assert not any("0203" in t or "Devon" in t for t in _texts(result))


def test_hard_wrapped_lines_join_into_one_sentence(taxonomy):
    result = segment_document(_doc(WRAPPED), taxonomy, "Northshire Police")
    first = result.segments[0]
    assert first.text.startswith("The force has not made enough progress in protecting children")
    assert (first.line_start, first.line_end) == (1, 3)
    assert result.segments[1].paragraph != first.paragraph


def test_repeated_title_line_is_dropped(taxonomy):
    result = segment_document(_doc(REPEATED), taxonomy, "Northshire Police")
    assert [d.line for d in result.dropped] == [1, 2] and "twice" in result.dropped[0].reason
    assert [s.text for s in result.segments] == ["A sentence about the force and children."]


def test_force_document_narrative_speaks_for_the_force(taxonomy):
    text = (
        "We have made changes to how we protect children this year.\n\nInspectors found the force was slow."
    )
    result = segment_document(_doc(text, Speaker.FORCE), taxonomy, "Northshire Police")
    assert [s.speaker for s in result.segments] == [Speaker.FORCE, Speaker.INSPECTORATE]


REPORT = """# Northshire Police: child protection inspection

2 Causes of concern
The force does not respond effectively to children who go missing.

2.1 Recommendations
1. Ensure every missing child is risk assessed.
2. Improve supervision.

KEY FINDINGS
Officers work well with partners.
"""


def test_numbered_and_capitalised_headings_give_a_section_path(taxonomy):
    result = segment_document(_doc(REPORT), taxonomy, "Northshire Police")
    by_text = {s.text: s for s in result.segments}
    assert (
        by_text["The force does not respond effectively to children who go missing."].section
        == "2 Causes of concern"
    )
    assert (
        by_text["Ensure every missing child is risk assessed."].section
        == "2 Causes of concern \u203a 2.1 Recommendations"
    )
    assert by_text["Ensure every missing child is risk assessed."].number == "1"
    assert by_text["Officers work well with partners."].section == "KEY FINDINGS"


def test_running_headers_footers_and_page_numbers_are_dropped(taxonomy):
    lines = []
    for page in range(1, 6):
        body = [
            "Officers were slow to find missing children.",
            "Supervisors checked every case.",
            "The force shares information promptly.",
            "Training is now better.",
            "Leaders give priority.",
        ]
        lines += [
            (page, "Northshire Police – Child protection inspection"),
            (page, body[page - 1]),
            (page, f"Page {page} of 5"),
        ]
    document = _doc("x")
    from dataclasses import replace

    from reportdiff.model import SourceLine

    document = replace(document, lines=tuple(SourceLine(n, t, page) for n, (page, t) in enumerate(lines, 1)))
    result = segment_document(document, taxonomy, "Northshire Police")
    assert len(result.segments) == 5 and all(s.page for s in result.segments)
    assert {d.reason for d in result.dropped} == {"running header or footer"}
    assert len(result.dropped) == 10


TABLE = """Our judgements

Area of child protection          Grade
Responding to children at risk    Good
Investigating abuse and neglect\tRequires improvement

The force did well.  It must still improve its records.
"""


def test_table_rows_are_findings_with_their_cells_kept_apart(taxonomy):
    texts = _texts(segment_document(_doc(TABLE), taxonomy, "Northshire Police"))
    assert "Responding to children at risk | Good" in texts
    assert "Investigating abuse and neglect | Requires improvement" in texts
    assert "The force did well." in texts  # two spaces after a full stop are prose, not a table
    markdown = _texts(
        segment_document(
            _doc("| Area | Grade |\n|---|---|\n| Working with partners | Good |\n"),
            taxonomy,
            "Northshire Police",
        )
    )
    assert "Working with partners | Good" in markdown and not any("---" in t for t in markdown)


def test_named_speakers_are_screened_exactly() -> None:
    """The corpus's named people, screened by one alternation, are attributed as trying each pattern finds."""
    from dataclasses import replace

    from reportdiff import segment
    from reportdiff.people import _patterns
    from reportdiff.taxonomy import load_taxonomy
    from reportdiff.text import for_matching

    base = load_taxonomy()
    named = tuple(
        (role, pattern)
        for name, role in (("Zoë Billingham", Speaker.INSPECTORATE), ("Ann Lee", Speaker.FORCE))
        for pattern in _patterns(name, base.language.honorific)
    )
    taxonomy = replace(base, speakers=base.speakers + named)

    def every_pattern(sentence: str) -> Speaker | None:
        plain = for_matching(sentence)
        best: tuple[int, Speaker] | None = None
        for role, pattern in taxonomy.speakers:
            for match in pattern.finditer(plain):
                after = plain[match.end() : match.end() + segment.ATTRIBUTION_WINDOW]
                before = plain[max(0, match.start() - 20) : match.start()]
                if taxonomy.reporting.search(after) or taxonomy.language.according.search(before):
                    if best is None or match.start() < best[0]:
                        best = (match.start(), role)
                    break
        return best[1] if best else None

    sentences = [
        "Zoe Billingham, who led the inspection, said the force had improved.",
        "According to Ms Lee the force has invested heavily.",
        "Ms Billingham found that Ann Lee said nothing.",
        "Ann Lee noted that inspectors found gaps.",
        "The force has not made enough progress.",
        "billingham said so.",
    ]
    for sentence in sentences:
        assert segment.attributed_speaker(sentence, taxonomy) == every_pattern(sentence), sentence
    assert segment.attributed_speaker(sentences[0], taxonomy) is Speaker.INSPECTORATE
    assert segment.attributed_speaker(sentences[3], taxonomy) is Speaker.FORCE
