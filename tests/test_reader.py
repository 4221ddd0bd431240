"""A report a reader can trust at a glance: every finding shown, summaries quoting the evidence that decided,
time made explicit, evidence in context, citations that open their line. Mechanisms on tiny records, and the
invariants on the samples (whose judgement is still being tuned, so no sample sentence is quoted here)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest

from records import C, N, P, finding
from reportdiff.context import build_context
from reportdiff.evidence import Reading, evidence_item, group_evidence
from reportdiff.model import (
    Assessment,
    Polarity,
    Source,
    Speaker,
    ThemeCell,
    ThemeCourse,
    Verdict,
    VerdictBasis,
)
from reportdiff.render import escape_markdown, pdf_document, render_html, render_markdown
from reportdiff.summary import QUOTE_LIMIT, clip, summarise, summary_quote, timing
from reportdiff.verdicts import MIXED_SHARE, assess, build_changelog

A = Assessment.ABSENT
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LABELS = {str(n): f"Visit {n}" for n in range(8)}


def _course(verdict: Verdict, *cells: tuple[Assessment, tuple[str, ...], float, float]) -> ThemeCourse:
    """A theme over inspections "0", "1", ...: each cell's assessment, findings, concern and progress."""
    timeline = tuple(ThemeCell(str(n), a, ids, c, p) for n, (a, ids, c, p) in enumerate(cells))
    return ThemeCourse("training", "Training", timeline, verdict, verdict, VerdictBasis(()))


# 1. Every finding reaches the reader


class Quotes(HTMLParser):
    """The text of every quoted finding in an HTML report (its blockquotes), with lead-ins and quotations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.quotes: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self.depth += 1
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "blockquote"

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.quotes[-1] += data


@pytest.fixture(scope="module")
def context(samples_report):
    return build_context(samples_report)


@pytest.fixture(scope="module")
def html(context) -> str:
    return render_html(context).decode("utf-8")


@pytest.fixture(scope="module")
def markdown(context) -> str:
    return render_markdown(context).decode("utf-8")


def test_every_finding_is_under_a_theme_or_among_other_findings(samples_report):
    themed = {f for t in samples_report.themes for f in t.evidence}
    others = [f for o in samples_report.others for f in o.findings]
    assert len(others) == len(set(others)) and not themed & set(others)
    assert themed | set(others) == {f.id for f in samples_report.findings}
    overview = samples_report.overview
    assert (overview.themed, overview.other) == (len(themed), len(others))


def test_every_json_finding_is_visible_in_html_and_markdown(cli, tmp_path):
    """The JSON a build writes, whatever maps it: each of its findings is quoted in the HTML (outside the
    Sources appendix, which holds every line) and on an evidence line of the Markdown."""
    outs = {ext: tmp_path / f"report.{ext}" for ext in ("json", "html", "md")}
    result = cli("build", SAMPLES, *[arg for out in outs.values() for arg in ("--out", out)], "--quiet")
    assert result.status == 0, result.stderr
    listed = json.loads(outs["json"].read_text(encoding="utf-8"))["findings"]
    parser = Quotes()
    parser.feed(outs["html"].read_text(encoding="utf-8"))
    quoted = [" ".join(q.split()) for q in parser.quotes]
    evidence_lines = [
        line
        for line in outs["md"].read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*- \*(concern|progress|neutral)\*", line)
    ]
    assert listed
    for item in listed:
        text = " ".join(item["text"].split())
        assert any(text in q for q in quoted), item["id"]
        assert any(escape_markdown(text) in line for line in evidence_lines), item["id"]


def test_page_one_counts_equal_what_the_formats_show(context, html, markdown):
    s = context["summary"]
    shown = {f for t in context["themes"] for f in t["evidence"]}
    other = [f for o in context["others"] for f in o["findings"]]
    assert (s["findings"], s["themed_findings"], s["other_findings"]) == (
        len(shown) + len(other),
        len(shown),
        len(other),
    )
    assert f"{s['findings']} findings: {s['themed_findings']} under themes" in html
    assert f"{s['other_findings']} under [Other findings](#other-findings)" in markdown
    assert markdown.count("\n- *") + markdown.count("\n  - *") >= s["findings"]


# 2. Summaries quote the evidence that decided the verdict, never a claim

CLAIM = finding(
    "c1", "1", ("training", P), text="We are proud of our training.", weight=5.0, speaker=Speaker.FORCE
)
FOUND = finding("e1", "1", ("training", P), text="Officers are now well trained.", weight=1.0)
DOUBT = finding("e2", "1", ("training", C), text="Some officers lack training.", weight=0.4)
BY_ID = {f.id: f for f in (CLAIM, FOUND, DOUBT)}


def test_a_claim_is_never_the_summary_quote_however_heavy():
    cell = ThemeCell("1", Assessment.PROGRESS, ("c1", "e1", "e2"), 0.4, 1.0)
    assert summary_quote("training", cell, BY_ID) is FOUND
    assert summary_quote("training", replace(cell, findings=("c1",)), BY_ID) is None


def test_the_inspectorates_own_words_come_before_a_report_of_them():
    reported = replace(FOUND, id="r1", reported=True, hits=(replace(FOUND.hits[0], weight=3.0),))
    cell = ThemeCell("1", Assessment.PROGRESS, ("r1", "e1"), 0.0, 4.0)
    assert summary_quote("training", cell, {**BY_ID, "r1": reported}) is FOUND


def test_no_sample_summary_quotes_a_claim(samples_report):
    findings = {f.id: f for f in samples_report.findings}
    claims = [f for f in samples_report.findings if not f.speaker.is_evidence]
    for theme in samples_report.themes:
        if theme.quote:
            assert findings[theme.quote].speaker.is_evidence, theme.id
            assert clip(findings[theme.quote].text)[:60] in theme.summary or findings[theme.quote].list_item
        for claim in claims:
            assert clip(claim.text)[:60] not in theme.summary, (theme.id, claim.id)


def test_a_summary_names_the_speaker_and_says_where_the_verdict_rests_on_a_balance():
    course = _course(
        Verdict.RESOLVED, (Assessment.CONCERN, ("x",), 1, 0), (Assessment.PROGRESS, ("e1", "e2"), 2, 11)
    )
    text = summarise(course, LABELS, FOUND, "HMICFRS")
    assert (
        "Latest (Visit 1, progress: progress 11 against concern 2), HMICFRS: \u201cOfficers are now" in text
    )
    assert text.endswith(f"Verdict: resolved \u2014 {Verdict.RESOLVED.meaning}.")


def test_the_keys_words_match_the_weighing_rule():
    """Assessment.meaning says "more than twice": MIXED_SHARE's rule, and only while it is one half."""
    assert MIXED_SHARE == 0.5, "the key's words in model.Assessment say 'twice': change them with the share"
    assert assess(2.01, 1) is Assessment.CONCERN and assess(2, 1) is Assessment.MIXED
    assert assess(1, 2.01) is Assessment.PROGRESS and assess(1, 2) is Assessment.MIXED
    assert (
        "more than twice" in Assessment.PROGRESS.meaning and "more than twice" in Assessment.CONCERN.meaning
    )
    assert "neither more than twice" in Assessment.MIXED.meaning
    assert "only" not in Verdict.RESOLVED.meaning  # progress may outweigh some concern


def test_a_quote_is_cut_only_at_a_word_boundary():
    text = "word " * 100
    cut = clip(text)
    assert len(cut) <= QUOTE_LIMIT and cut.endswith("word\u2026")
    assert clip("\u201cShort enough.\u201d") == "Short enough."


# 3. Time made explicit

LONG_AGO = _course(
    Verdict.PERSISTING,
    (Assessment.CONCERN, ("a",), 1, 0),
    (A, (), 0, 0),
    (A, (), 0, 0),
    (A, (), 0, 0),
    (Assessment.CONCERN, ("b",), 1, 0),
)


def test_a_persisting_theme_last_assessed_long_ago_says_so():
    assert timing(LONG_AGO, LABELS) == (
        "Concern at Visit 4; before that, concern at Visit 0, "
        "with 3 inspections between that did not assess it"
    )
    (latest, *_) = build_changelog((LONG_AGO,), ["0", "1", "2", "3", "4"], labels=LABELS)
    (change,) = latest.changes
    assert change.since == "compared with Visit 0 (concern); not assessed at the 3 inspections between"


def test_a_concern_not_reassessed_says_how_many_inspections_since():
    course = _course(Verdict.NOT_REASSESSED, (Assessment.CONCERN, ("a",), 1, 0), (A, (), 0, 0), (A, (), 0, 0))
    assert timing(course, LABELS) == (
        "Concern at Visit 0, the last inspection that assessed it; not assessed at the 2 inspections since"
    )


def test_an_inspection_with_no_themed_findings_is_listed_and_passed_over():
    entries = build_changelog((LONG_AGO,), ["0", "1", "2", "3", "4"], assessed={"0", "2", "4"}, labels=LABELS)
    assert [(e.to_inspection, e.from_inspection, e.assessed) for e in entries] == [
        ("4", "2", True),
        ("3", "2", False),
        ("2", "0", True),
        ("1", "0", False),
    ]
    assert entries[0].changes[0].previous == "0" and not entries[1].changes


def test_an_inspection_that_assessed_no_theme_says_so_in_the_matrix_and_the_changelog(samples_report, html):
    silent = samples_report.overview.silent
    unassessed = {e.to_inspection for e in samples_report.changelog if not e.assessed}
    assert unassessed <= set(silent)
    for inspection in silent:
        assert all(
            t.timeline[samples_report.series.index(inspection)].assessment is A for t in samples_report.themes
        )
    matrix = html[html.index('<table class="rd-matrix">') : html.index("</table>")]
    assert matrix.count("no themed findings") == len(silent)


def test_sample_persisting_themes_name_their_previous_assessment_and_the_gap(samples_report):
    labels = {i.id: i.label for i in samples_report.inspections}
    latest = next(e for e in samples_report.changelog if e.assessed)
    for theme in samples_report.themes:
        assessed = [n for n, c in enumerate(theme.timeline) if c.assessment is not A]
        if theme.verdict is not Verdict.PERSISTING or len(assessed) < 2:
            continue
        gap = assessed[-1] - assessed[-2] - 1
        before = labels[theme.timeline[assessed[-2]].inspection]
        assert (
            f"before that, concern at {before}" in theme.timing
            or f"before that, mixed at {before}" in theme.timing
        )
        assert (f"{gap} inspection" in theme.timing) is bool(gap), theme.id
        (change,) = [c for c in latest.changes if c.theme == theme.id]
        assert change.previous_label == before and change.between == gap


# 5. Evidence in context

DOC = "doc"


def _said(fid: str, text: str, line: int, *hits: tuple[str, Polarity], quoted: bool = True, **kw: object):
    return replace(
        finding(fid, "1", *hits, text=text, **kw), sources=(Source(DOC, line, line),), quoted=quoted
    )


QUOTATION = (
    _said("q1", "\u201cWe looked at six cases.", 5, ("training", N)),
    _said("q2", "In five the force failed.", 5, ("training", C)),
    _said("q3", "It must do better.\u201d", 5, ("training", C)),
    _said("q4", "\u201cA new quotation.\u201d", 5),
)


def test_a_quotation_is_kept_whole_and_in_order():
    reading = Reading.of(QUOTATION)
    middle = evidence_item(QUOTATION[1], "training", reading, {})
    assert (middle.before, middle.after) == ("\u201cWe looked at six cases.", "It must do better.\u201d")
    first = evidence_item(QUOTATION[0], "training", reading, {})
    assert (first.before, first.after) == ("", "In five the force failed. It must do better.\u201d")
    assert evidence_item(QUOTATION[3], "training", reading, {}).before == ""


def test_evidence_is_grouped_by_inspection_in_reading_order_with_neutral_mentions_apart():
    course = _course(Verdict.NEW, (Assessment.CONCERN, ("q3", "q1", "q2"), 2, 0))
    (group,) = group_evidence(course, {f.id: f for f in QUOTATION}, Reading.of(QUOTATION), {})
    assert [i.finding for i in group.leaning] == ["q2", "q3"] and [i.finding for i in group.neutral] == ["q1"]


def test_neutral_mentions_are_tucked_away_and_never_printed(context, html):
    for theme in context["themes"]:
        neutral = {i["finding"] for g in theme["groups"] for i in g["neutral"]}
        assert not neutral & set(theme["brief"]), theme["id"]
    tucked = re.findall(r'<details class="rd-neutral">.*?</details>', html, flags=re.S)
    assert sum(t.count('<li class="rd-finding rd-p-neutral">') for t in tucked) == sum(
        len(g["neutral"]) for t in context["themes"] for g in t["groups"]
    )


def test_a_list_item_shows_its_lead_in_and_a_summary_quotes_it_as_a_sentence():
    item = replace(
        finding("l1", "0", ("training", C), text="the training of its staff; and"),
        list_item=True,
        context="Inspectors raised concerns about, in particular:",
    )
    shown = evidence_item(item, "training", Reading.of((item,)), {})
    assert shown.before == "Inspectors raised concerns about, in particular:"
    course = _course(Verdict.NEW, (Assessment.CONCERN, ("l1",), 1, 0))
    assert (
        "\u201cInspectors raised concerns about, in particular: the training of its staff\u201d"
        in summarise(course, LABELS, item, "HMICFRS")
    )


def test_a_finding_neutral_here_says_where_it_leans():
    mixed = finding("m1", "1", ("training", N), ("resources", C))
    mixed = replace(mixed, hits=(mixed.hits[0], replace(mixed.hits[1], cues=("requires improvement",))))
    note = evidence_item(mixed, "training", Reading.of((mixed,)), {"resources": "Resources"}).note
    assert note == "Neutral here: its concern (\u201crequires improvement\u201d) is about Resources."


# 4 and 6. Page 1, one vocabulary, citations that open their line


def test_every_citation_opens_its_line(context, html):
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for item in context["findings"]:
        for source in item["sources"]:
            target = next(i for i in ids if i.endswith(source["line_id"]))
            assert f'href="#{target}"' in html and f">{source['short']}</a>" in html
            assert re.fullmatch(r"S\d+, (p\. \d+, )?lines? \d+(\u2013\d+)?", source["short"])


def test_one_vocabulary_for_verdicts(context, markdown):
    visible = re.sub(r"<[^>]+>", " ", render_html(context, css_href="report.css").decode("utf-8"))
    for verdict in Verdict:
        if verdict.value != verdict.label:
            assert verdict.value not in visible and verdict.value not in markdown


@pytest.fixture(scope="module")
def pdf(context):
    return pdf_document(context)


@pytest.fixture(scope="module")
def first_page(pdf, tmp_path_factory) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path_factory.mktemp("reader") / "report.pdf"
    path.write_bytes(pdf.write_pdf())
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(text.stdout.split())


def test_pdf_citations_are_internal_links_to_their_source(context, pdf):
    links = [link for page in pdf.pages for link in page.links]
    anchors = {anchor for page in pdf.pages for anchor in page.anchors}
    assert links and all(kind == "internal" and target in anchors for kind, target, *_ in links)
    cited = {
        s["document"]
        for f in context["findings"]
        for s in f["sources"]
        if any(f["id"] in t["brief"] for t in context["themes"])
    }
    targets = {target for _, target, *_ in links}
    assert all(any(t.endswith(f"doc-{d}") for t in targets) for d in cited)


def test_page_one_names_the_open_concerns_and_the_latest_grades(context, first_page):
    s = context["summary"]
    for group in s["groups"]:
        assert f"{group['group']} ({len(group['themes'])})" in first_page
        for theme in group["themes"]:
            assert " ".join(theme["label"].split()) in first_page
    for grade in s["latest_grades"]["grades"] if s["latest_grades"] else ():
        assert f"{grade['grade']} for {' '.join(grade['area'].split())}" in first_page
    assert "Machine-read." in first_page and f"What changed at {s['latest_change']['to_label']}" in first_page


def test_html_escapes_the_words_around_a_finding(context):
    changed = json.loads(json.dumps(context))
    group = next(g for t in changed["themes"] for g in t["groups"] if g["leaning"])
    group["leaning"][0]["before"] = "<b>lead-in</b>"
    html = render_html(changed).decode("utf-8")
    assert "<b>lead-in</b>" not in html and str(markupsafe.escape("<b>lead-in</b>")) in html
