"""Follow-up: what became of each recommendation, and how each grade moved since its area was last graded."""

from __future__ import annotations

import pytest

from records import C, finding, inspection
from reportdiff.followup import grade_movements, inspection_grades, movement, recommendation_fates, same_area
from reportdiff.model import (
    Alignment,
    Assessment,
    Fate,
    Grade,
    GradedArea,
    GradeScale,
    InspectionGrades,
    Movement,
    ThemeCell,
    ThemeCourse,
    Verdict,
    VerdictBasis,
)

INSPECTIONS = (inspection("2018"), inspection("2021"), inspection("2024"))
PEEL = GradeScale("peel", "PEEL", 2014, 2100, ("outstanding", "good", "requires improvement", "inadequate"))
OTHER = GradeScale("other", "Other scale", 2014, 2100, ("good", "poor"))


def _course(theme: str, *assessments: Assessment) -> ThemeCourse:
    cells = tuple(ThemeCell(i.id, a, (), 0.0, 0.0) for i, a in zip(INSPECTIONS, assessments, strict=False))
    return ThemeCourse(theme, theme.title(), cells, Verdict.NEW, Verdict.NEW, VerdictBasis(()))


def _recommendation(fid: str, inspection_id: str, theme: str = "training"):
    return finding(fid, inspection_id, (theme, C), kind="recommendation", number="1")


EXTRA = (_recommendation("r-later", "2024"),)


def test_a_recommendation_repeated_later_in_other_words_is_still_open():
    fates = recommendation_fates(
        (_recommendation("r", "2018"), *EXTRA),
        (Alignment("r", "r-later", ("training",), 0.7),),
        (),
        INSPECTIONS,
    )
    assert fates[0].fate is Fate.REPEATED and fates[0].status == "repeated (still open)"
    assert [(x.finding, x.inspection, x.ratio) for x in fates[0].repeated] == [("r-later", "2024", 0.7)]


@pytest.mark.parametrize(
    "later,status",
    [
        (
            (Assessment.CONCERN, Assessment.PROGRESS, Assessment.ABSENT),
            "addressed: progress on training at 2021",
        ),
        ((Assessment.CONCERN, Assessment.ABSENT, Assessment.MIXED), "open: training still a concern at 2024"),
        ((Assessment.CONCERN, Assessment.ABSENT, Assessment.ABSENT), "not reassessed"),
    ],
)
def test_a_recommendation_follows_its_themes_later_assessments(later, status):
    (fate,) = recommendation_fates(
        (_recommendation("r", "2018"),), (), (_course("training", *later),), INSPECTIONS
    )
    assert fate.status == status


def test_a_recommendation_of_the_latest_inspection_says_so():
    (fate,) = recommendation_fates((_recommendation("r", "2024"),), (), (), INSPECTIONS)
    assert fate.fate is Fate.LATEST


def test_grade_on_the_same_scale_moves_up_or_down_and_across_scales_is_not_comparable():
    graded = (
        finding("a", "2018", grades=(Grade("protecting children", "requires improvement", "peel"),)),
        finding("b", "2021", grades=(Grade("protecting children from harm", "good", "peel"),)),
        finding("c", "2024", grades=(Grade("protecting children", "good", "other"),)),
    )
    moved = grade_movements(graded, INSPECTIONS, (PEEL, OTHER))
    assert moved[0].grades[0].change is None
    change = moved[1].grades[0].change
    assert (
        change is not None and change.movement is Movement.UP and change.from_grade == "requires improvement"
    )
    assert moved[1].grades[0].scale_label == "PEEL"
    assert moved[2].grades[0].change.movement is Movement.NOT_COMPARABLE


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ("good", "inadequate", Movement.DOWN),
        ("good", "good", Movement.SAME),
        ("inadequate", "good", Movement.UP),
        ("good", "excellent", Movement.NOT_COMPARABLE),
    ],
)
def test_movement_reads_the_scale_best_first(old, new, expected):
    assert movement(Grade("x", old, "peel"), Grade("x", new, "peel"), {"peel": PEEL}) is expected
    assert expected.symbol in "\u2191\u2193=\u2260"


def test_one_grade_per_area_and_a_note_in_a_few_words():
    findings = [
        finding("a", "2018", grades=(Grade("protecting children", "good", "peel"),)),
        finding(
            "b",
            "2018",
            grades=(
                Grade("protecting children from harm", "good", "peel"),
                Grade("leadership", "adequate", "peel"),
                Grade("custody", "adequate", "peel"),
            ),
        ),
    ]
    assert [g.area for g in inspection_grades(findings)] == ["protecting children", "leadership", "custody"]
    note = InspectionGrades(
        "2018", tuple(GradedArea(g.area, g.grade, g.scale, "", None) for g in inspection_grades(findings))
    ).note
    assert note == "graded good, adequate \u00d72" and InspectionGrades("x", ()).note == ""
    assert same_area("protecting children", "protecting children from harm") and not same_area("custody", "")
