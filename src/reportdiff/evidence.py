"""The reasons stage's helper for evidence as a reader sees it: a theme's findings grouped by inspection,
newest first; within one inspection the inspectorate's own documents first, then its findings as others
reported them, then claims, each in reading order, with the neutral mentions apart. Each finding comes with
the words around it (a list item's lead-in or the sentence it continues, the rest of a quotation it is part
of) and, where it is neutral on the theme but leans on another, why."""

from __future__ import annotations

from dataclasses import dataclass

from .model import EvidenceGroup, EvidenceItem, Finding, Polarity, ThemeCourse

QUOTATION_SPAN = 8  # sentences of one quotation shown around a finding, at most
_OPENING = ("\u201c", '"')
_CLOSING = ("\u201d", '"')


@dataclass(frozen=True, slots=True)
class Reading:
    """The findings as a reader meets them: each one's place in the report, and each document's in order."""

    position: dict[str, int]
    by_document: dict[str, list[Finding]]

    @classmethod
    def of(cls, findings: tuple[Finding, ...]) -> Reading:
        by_document: dict[str, list[Finding]] = {}
        for finding in findings:
            by_document.setdefault(finding.sources[0].document, []).append(finding)
        for sequence in by_document.values():
            sequence.sort(
                key=lambda f: f.sources[0].line_start
            )  # stable: sentences of a line keep their order
        return cls({f.id: n for n, f in enumerate(findings)}, by_document)


def polarity_for(finding: Finding, theme: str) -> Polarity:
    """The finding's lean on one theme (a sentence can praise one theme and criticise another)."""
    return next((h.polarity for h in finding.hits if h.theme == theme), finding.polarity)


def source_rank(finding: Finding) -> int:
    """The inspectorate's own words first, then its findings as others reported them, then claims."""
    if not finding.speaker.is_evidence:
        return 2
    return 1 if finding.reported else 0


def group_evidence(
    course: ThemeCourse, findings: dict[str, Finding], reading: Reading, themes: dict[str, str]
) -> tuple[EvidenceGroup, ...]:
    """The theme's evidence by inspection, newest first; `themes` labels the themes a neutral one leans on."""
    groups = []
    for cell in reversed(course.timeline):
        ordered = sorted(
            (findings[f] for f in dict.fromkeys(cell.findings)),
            key=lambda f: (source_rank(f), reading.position[f.id]),
        )
        items = [evidence_item(f, course.id, reading, themes) for f in ordered]
        leaning = tuple(i for i in items if i.polarity is not Polarity.NEUTRAL)
        neutral = tuple(i for i in items if i.polarity is Polarity.NEUTRAL)
        if items:
            groups.append(EvidenceGroup(cell.inspection, leaning, neutral))
    return tuple(groups)


def flatten(groups: tuple[EvidenceGroup, ...]) -> tuple[str, ...]:
    """The finding ids in the order a reader meets them: each inspection's leaning ones, then its neutral."""
    return tuple(item.finding for group in groups for item in (*group.leaning, *group.neutral))


def evidence_item(finding: Finding, theme: str, reading: Reading, themes: dict[str, str]) -> EvidenceItem:
    """One finding with the words around it and, if it is neutral here but leans elsewhere, why."""
    before, after = quotation_around(finding, reading)
    polarity = polarity_for(finding, theme)
    note = neutral_note(finding, theme, themes) if polarity is Polarity.NEUTRAL else ""
    return EvidenceItem(finding.id, polarity, before or finding.context, after, note)


def quotation_around(finding: Finding, reading: Reading) -> tuple[str, str]:
    """The sentences of the quotation a finding is part of, before it and after it, within its paragraph: back
    to the sentence that opens the quotation, on to the one that closes it or the end of the paragraph (a
    quotation over several paragraphs opens each one and closes only the last). None before, without an
    opening."""
    if not finding.quoted:
        return "", ""
    sequence = reading.by_document[finding.sources[0].document]
    here = next(n for n, f in enumerate(sequence) if f.id == finding.id)
    start = here
    while not _opens(sequence[start].text) and start > 0 and _joined(sequence[start - 1], sequence[start]):
        start -= 1
    if not _opens(sequence[start].text) or here - start > QUOTATION_SPAN:
        start = here
    end = here
    while not _closes(sequence[end].text) and end + 1 < len(sequence) and end - here < QUOTATION_SPAN:
        following = sequence[end + 1]
        if _opens(following.text) or not _joined(sequence[end], following):
            break
        end += 1
    return _words(sequence[start:here]), _words(sequence[here + 1 : end + 1])


def _joined(first: Finding, second: Finding) -> bool:
    """Whether two findings read one after the other within one quotation: both quoted, the second on the line
    after the first at most (a wrapped paragraph)."""
    return first.quoted and second.quoted and second.sources[0].line_start <= first.sources[0].line_end + 1


def _opens(text: str) -> bool:
    return text.lstrip().startswith(_OPENING)


def _closes(text: str) -> bool:
    return text.rstrip().endswith(_CLOSING)


def _words(findings: list[Finding]) -> str:
    return " ".join(f.text for f in findings)


def neutral_note(finding: Finding, theme: str, themes: dict[str, str]) -> str:
    """Why a finding that leans on other themes is neutral on this one: where it leans, on which words."""
    elsewhere = [h for h in finding.hits if h.theme != theme and h.polarity is not Polarity.NEUTRAL]
    if not elsewhere:
        return ""
    named = ", ".join(dict.fromkeys(themes.get(h.theme, h.theme) for h in elsewhere))
    cues = ", ".join(f"\u201c{cue}\u201d" for cue in dict.fromkeys(c for h in elsewhere for c in h.cues))
    words = f" ({cues})" if cues else ""
    return f"Neutral here: its {elsewhere[0].polarity.value}{words} is about {named}."
