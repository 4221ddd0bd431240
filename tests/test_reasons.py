"""Reasons: why, in a sentence ending in the verdict that stands; summaries; evidence order; echoes."""

from __future__ import annotations

from dataclasses import replace

from records import C, N, P, finding, inspection
from reportdiff.evidence import Reading, group_evidence
from reportdiff.model import (
    Alignment,
    Assessment,
    DiffRun,
    EvidenceGroup,
    EvidenceItem,
    Provenance,
    ThemeCell,
    ThemeCourse,
    Verdict,
    VerdictBasis,
)
from reportdiff.reasons import (
    brief_evidence,
    closest_echoes,
    explain_themes,
    overview,
    why_text,
    word_diff,
)
from reportdiff.summary import summarise, summary_quote

FINDINGS = (
    finding("a1", "2018", ("training", C), text="Officers had no training in child protection."),
    finding("a2", "2018", ("training", N)),
    finding(
        "b1", "2024", ("training", P), text="Officers now have training in child protection.", weight=2.0
    ),
    finding("b2", "2024", ("training", C), weight=0.5),
)
BY_ID = {f.id: f for f in FINDINGS}
LABELS = {"2018": "March 2018", "2024": "2024"}
CELLS = (
    ThemeCell("2018", Assessment.CONCERN, ("a1", "a2"), 1.0, 0.0),
    ThemeCell("2024", Assessment.PROGRESS, ("b1", "b2"), 0.5, 2.0),
)
COURSE = ThemeCourse("training", "Training", CELLS, Verdict.RESOLVED, Verdict.RESOLVED, VerdictBasis(()))
REOPENED = replace(
    COURSE,
    verdict=Verdict.PERSISTING,
    provenance=(
        Provenance("J. Analyst", "2026-01-10", "read the report", "verdict", "resolved", "persisting"),
    ),
)


def test_why_ends_in_the_verdict():
    assert why_text(COURSE) == (
        "Training: concern at 2018 (concern 1, progress 0); progress at 2024 (concern 0.5, "
        "progress 2); so resolved."
    )


def test_an_overrides_why_ends_in_its_own_verdict_and_keeps_the_evidences():
    text = why_text(REOPENED)
    assert text.endswith("so persisting.")
    assert "the evidence says resolved; J. Analyst set the verdict on 2026-01-10" in text


def test_summary_names_where_raised_quotes_the_latest_and_gives_the_verdict_that_stands():
    quote = summary_quote("training", CELLS[-1], BY_ID)
    summary = summarise(REOPENED, LABELS, quote, "HMICFRS")
    assert summary.startswith("Raised as a concern at 1 inspection (March 2018). Progress found at 2024.")
    assert (
        "Latest (2024, progress: progress 2 against concern 0.5), HMICFRS: "
        "\u201cOfficers now have training in child protection.\u201d" in summary
    )
    assert summary.endswith(f"Verdict: persisting \u2014 {Verdict.PERSISTING.meaning}.")


def test_evidence_is_newest_first_in_reading_order_with_neutral_mentions_last():
    groups = group_evidence(COURSE, BY_ID, Reading.of(FINDINGS), {})
    assert [g.inspection for g in groups] == ["2024", "2018"]
    assert [[i.finding for i in (*g.leaning, *g.neutral)] for g in groups] == [["b1", "b2"], ["a1", "a2"]]


def _groups(*columns: tuple[str, ...]) -> tuple[EvidenceGroup, ...]:
    return tuple(EvidenceGroup(ids[0][0], tuple(EvidenceItem(f, P) for f in ids), ()) for ids in columns)


def test_brief_evidence_takes_each_inspection_in_turn_newest_first():
    groups = _groups(("c0", "c1", "c2", "c3"), ("b0", "b1"), ("a0", "a1", "a2"))
    assert brief_evidence(groups, limit=5) == ("c0", "c1", "b0", "b1", "a0")
    assert brief_evidence(_groups(("c0", "c1")), limit=5) == ("c0", "c1")
    neutral = (EvidenceGroup("a", (), (EvidenceItem("a0", N),)),)
    assert brief_evidence(neutral, limit=5) == ()


def test_word_diff_marks_what_changed_on_each_side():
    before, after = word_diff("Officers had no training.", "Officers now have training.")
    assert before == (DiffRun("Officers", False), DiffRun("had no", True), DiffRun("training.", False))
    assert after == (DiffRun("Officers", False), DiffRun("now have", True), DiffRun("training.", False))


def test_closest_echoes_come_first_and_are_capped():
    alignments = (Alignment("a1", "b1", ("training",), 0.6), Alignment("a2", "b2", ("training",), 0.9))
    echoes = closest_echoes(alignments, BY_ID, limit=1)
    assert [e.alignment.earlier for e in echoes] == ["a2"]


def test_explained_themes_come_in_report_order_and_carry_their_reasons():
    new = ThemeCourse("partnership", "Partnership", CELLS, Verdict.NEW, Verdict.NEW, VerdictBasis(()))
    themes = explain_themes((COURSE, new), FINDINGS, (inspection("2018"), inspection("2024")), ())
    assert [t.id for t in themes] == ["partnership", "training"]
    steps = themes[1].why.steps
    assert [s.neutral for s in steps] == [1, 0] and steps[1].findings[0].counted


def test_headline_lists_open_verdicts_in_report_order():
    themes = explain_themes((COURSE, REOPENED), FINDINGS, (inspection("2018"), inspection("2024")), ())
    glance = overview("", (), (inspection("2018"),), FINDINGS, themes)
    assert glance.headline == "The organisation: 1 open concern (1 persisting), 1 resolved, 0 strengths."
    assert [(g.verdict, g.themes) for g in glance.groups] == [
        (Verdict.PERSISTING, ("training",)),
        (Verdict.RESOLVED, ("training",)),
    ]
    assert glance.themed == 4 and glance.other == 0
    assert glance.organisation == "the organisation" and glance.span == "2018"
