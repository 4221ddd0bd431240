"""Verdicts: assessment from weighed evidence, verdict from the sequence, its basis, changelog transitions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from records import finding, inspection
from reportdiff.model import (
    CHANGES,
    OPEN_VERDICTS,
    Assessment,
    Basis,
    Polarity,
    Speaker,
    ThemeCell,
    ThemeCourse,
    Verdict,
    VerdictBasis,
)
from reportdiff.verdicts import (
    assess,
    assessing,
    build_changelog,
    change_at,
    deciding_cells,
    in_series,
    unweighed,
    verdict_of,
    weigh_themes,
)

C, P, M, A = Assessment.CONCERN, Assessment.PROGRESS, Assessment.MIXED, Assessment.ABSENT
CONCERN, PROGRESS = Polarity.CONCERN, Polarity.PROGRESS


@pytest.mark.parametrize(
    "sequence,verdict",
    [
        ([A, A, C], Verdict.NEW),
        ([P, A, C], Verdict.NEW),
        ([C, A, C], Verdict.PERSISTING),
        ([C, A, M], Verdict.PERSISTING),
        ([M, C], Verdict.PERSISTING),
        ([C, P, C], Verdict.RECURRING),
        ([C, P, A, M], Verdict.RECURRING),
        ([C, A, P], Verdict.RESOLVED),
        ([C, P, A], Verdict.RESOLVED),
        ([C, A, A], Verdict.NOT_REASSESSED),
        ([A, C, P, C, A], Verdict.NOT_REASSESSED),
        ([P, A, P], Verdict.STRENGTH),
        ([A, A, A], None),
    ],
)
def test_verdict_follows_the_issue_definitions(sequence, verdict):
    assert verdict_of(sequence) is verdict


@pytest.mark.parametrize(
    "concern,progress,assessment",
    [
        (0, 0, A),
        (2, 0, C),
        (0, 1, P),
        (3, 1, C),
        (1, 4, P),
        (2, 2, M),
        (2, 3, M),
        (5, 2, C),
    ],
)
def test_one_stray_sentence_does_not_flip_an_inspection(concern, progress, assessment):
    assert assess(concern, progress) is assessment


def test_changelog_reports_transitions_not_states():
    sequence = [C, P, P, C]
    assert [change_at(sequence, i) for i in range(1, 4)] == [Verdict.RESOLVED, None, Verdict.RECURRING]


# Weighing, basis and changelog on tiny typed records

INSPECTIONS = (inspection("2018"), inspection("2021"), inspection("2024", estimated=True))


def _course(taxonomy, *findings, inspections=INSPECTIONS, theme="partnership"):
    return next(c for c in weigh_themes(tuple(findings), inspections, taxonomy) if c.id == theme)


def test_a_forces_claim_of_progress_does_not_resolve_a_concern(taxonomy):
    course = _course(
        taxonomy,
        finding("a", "2018", ("partnership", CONCERN)),
        finding("b", "2024", ("partnership", PROGRESS), speaker=Speaker.FORCE),
    )
    assert [c.assessment for c in course.timeline] == [C, A, A]
    assert course.verdict.is_open and course.verdict is not Verdict.RESOLVED


def test_basis_names_each_deciding_inspection_and_the_later_claims(taxonomy):
    course = _course(
        taxonomy,
        finding("a", "2018", ("partnership", CONCERN)),
        finding("b", "2024", ("partnership", PROGRESS), speaker=Speaker.FORCE),
    )
    assert [(s.inspection, s.basis, s.estimated) for s in course.basis.steps] == [
        ("2018", Basis.DOCUMENTS, False),
        ("2024", Basis.CLAIMS, True),
    ]
    assert course.basis.text == (
        "the inspectorate's own documents at 2018; only the force's or commissioner's "
        "claims (no evidence) at 2024 (date estimated)"
    )


def test_basis_tells_the_inspectorates_own_documents_from_press_reports_of_them(taxonomy):
    course = _course(
        taxonomy,
        finding("a", "2018", ("partnership", CONCERN)),
        finding("b", "2021", ("partnership", PROGRESS), reported=True),
        finding("c", "2024", ("partnership", PROGRESS), reported=True),
        finding("d", "2024", ("partnership", PROGRESS)),
    )
    assert course.verdict is Verdict.RESOLVED
    assert [(s.inspection, s.basis) for s in course.basis.steps] == [
        ("2018", Basis.DOCUMENTS),
        ("2024", Basis.DOCUMENTS),
    ]
    reported_only = _course(
        taxonomy,
        finding("a", "2018", ("partnership", CONCERN)),
        finding("b", "2024", ("partnership", PROGRESS), reported=True),
    )
    assert [s.basis for s in reported_only.basis.steps] == [Basis.DOCUMENTS, Basis.REPORTED]


@pytest.mark.parametrize(
    "sequence,deciding",
    [
        ([C, A, C], [0, 2]),  # persisting: the concern before and the concern now
        ([C, P, C], [0, 1, 2]),  # recurring: concern, progress, concern again
        ([C, P, P], [0, 2]),  # resolved: the last concern and the latest progress
        ([P, A, C], [2]),  # new
        ([C, A, A], [0]),  # not reassessed
        ([P, A, P], [0, 2]),  # strength: every assessment
    ],
)
def test_deciding_cells_are_those_the_verdict_reads(sequence, deciding):
    timeline = tuple(ThemeCell(str(i), a, (), 0.0, 0.0) for i, a in enumerate(sequence))
    verdict = verdict_of(sequence)
    assert [int(c.inspection) for c in deciding_cells(timeline, verdict)] == deciding


def _changelog_course(verdict: Verdict, machine: Verdict, *sequence: Assessment) -> ThemeCourse:
    cells = tuple(ThemeCell(str(i), a, (), 0.0, 0.0) for i, a in enumerate(sequence))
    return ThemeCourse("training", "Training", cells, machine, verdict, VerdictBasis(()))


def test_changelog_is_newest_first_with_theme_labels():
    entries = build_changelog(
        (_changelog_course(Verdict.RECURRING, Verdict.RECURRING, C, P, C),), ["0", "1", "2"]
    )
    assert [(e.from_inspection, e.to_inspection) for e in entries] == [("1", "2"), ("0", "1")]
    assert entries[0].themes(Verdict.RECURRING) == ("training",) and entries[1].themes(Verdict.RESOLVED) == (
        "training",
    )
    assert entries[0].changes[0].label == "Training"


def test_a_persons_verdict_stands_at_the_latest_change():
    reopened = _changelog_course(Verdict.PERSISTING, Verdict.RESOLVED, C, C, P)
    closed = _changelog_course(Verdict.RESOLVED, Verdict.NOT_REASSESSED, C, C, A)
    latest = build_changelog((reopened,), ["0", "1", "2"])[0]
    assert latest.themes(Verdict.PERSISTING) == ("training",) and not latest.themes(Verdict.RESOLVED)
    assert build_changelog((closed,), ["0", "1", "2"])[0].themes(Verdict.RESOLVED) == ("training",)
    earlier = build_changelog((reopened,), ["0", "1", "2"])[1]
    assert earlier.themes(Verdict.PERSISTING) == ("training",)  # history before the latest change stands


def test_verdict_words_and_lists_are_defined_on_the_enum():
    assert [v.value for v in OPEN_VERDICTS] == ["new", "recurring", "persisting", "not-reassessed"]
    assert [v.change for v in CHANGES] == ["New", "Recurring", "Persisting", "Resolved"]
    assert Verdict.NOT_REASSESSED.label == "not reassessed" and not Verdict.STRENGTH.is_open
    assert [a.symbol for a in Assessment] == ["\u2716", "\u25d0", "\u2714", "\u2013"]
    assert Speaker.INSPECTORATE.is_evidence and not Speaker.FORCE.is_evidence


def test_inspections_of_the_series_are_weighed_and_those_without_theme_evidence_passed_over(taxonomy):
    national = replace(inspection("2021"), scope="a national thematic report")
    silent = inspection("2022")  # its documents speak of no theme, or only through the force's claims
    inspections = (inspection("2018"), national, silent, inspection("2024"))
    findings = (
        finding("a", "2018", ("training", CONCERN)),
        finding("b", "2021", ("training", CONCERN)),
        finding("c", "2022", ("training", PROGRESS), speaker=Speaker.FORCE),
        finding("d", "2018", ("partnership", CONCERN)),
        finding("e", "2024", ("training", CONCERN)),
    )
    series = in_series(inspections)
    assert [i.id for i in series] == ["2018", "2022", "2024"]
    assert [(u.inspection, u.reason) for u in unweighed(inspections, series)] == [
        ("2021", "a national thematic report")
    ]
    assert assessing(series, findings) == {"2018", "2024"}
    courses = {c.id: c for c in weigh_themes(findings, series, taxonomy)}
    assert [c.inspection for c in courses["training"].timeline] == ["2018", "2022", "2024"]
    assert courses["training"].verdict is Verdict.PERSISTING
    trailing = weigh_themes(findings[:4], series, taxonomy)  # 2024 silent too: the last word is 2018's
    assert {c.id: c.verdict for c in trailing} == {"partnership": Verdict.NEW, "training": Verdict.NEW}
    entries = build_changelog(tuple(courses.values()), ["2018", "2024"])
    assert [(e.from_inspection, e.to_inspection, e.themes(Verdict.PERSISTING)) for e in entries] == [
        ("2018", "2024", ("training",))
    ]
