"""Stage follow-up: what became of earlier judgements. Each recommendation's fate (repeated in other words,
addressed, still open, or not reassessed) and each grade's movement since its area was last graded."""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from .model import (
    Alignment,
    Assessment,
    Fate,
    Finding,
    Grade,
    GradeChange,
    GradedArea,
    GradeScale,
    Inspection,
    InspectionGrades,
    Movement,
    RecommendationFate,
    Repeat,
    ThemeCourse,
)
from .text import comparable, words

AREA_RATIO = 0.6  # two graded areas this alike (difflib ratio on words) are the same area
RECOMMENDATION = "recommendation"  # the finding kind whose fate is followed


def recommendation_fates(
    findings: tuple[Finding, ...],
    alignments: tuple[Alignment, ...],
    courses: tuple[ThemeCourse, ...],
    inspections: tuple[Inspection, ...],
) -> tuple[RecommendationFate, ...]:
    """Every recommendation with what became of it: repeated (reworded), addressed, open, not reassessed."""
    by_id = {f.id: f for f in findings}
    later: dict[str, list[Repeat]] = {}
    for a in alignments:
        repeat = by_id[a.later]
        if repeat.kind == RECOMMENDATION:
            later.setdefault(a.earlier, []).append(Repeat(a.later, repeat.inspection, repeat.number, a.ratio))
    return tuple(
        _fate(f, tuple(later.get(f.id, ())), courses, inspections)
        for f in findings
        if f.kind == RECOMMENDATION
    )


def _fate(
    finding: Finding,
    repeats: tuple[Repeat, ...],
    courses: tuple[ThemeCourse, ...],
    inspections: tuple[Inspection, ...],
) -> RecommendationFate:
    fate = RecommendationFate(
        finding.id, finding.number, finding.inspection, finding.text, finding.themes, repeats, Fate.REPEATED
    )
    if repeats:
        return fate
    order = [i.id for i in inspections]
    position = order.index(finding.inspection)
    for course in courses:
        if course.id not in finding.themes:
            continue
        after = [c for c in course.timeline[position + 1 :] if c.assessment is not Assessment.ABSENT]
        if after:
            at = inspections[order.index(after[-1].inspection)].label
            progressed = after[-1].assessment is Assessment.PROGRESS
            return replace(
                fate, fate=Fate.ADDRESSED if progressed else Fate.OPEN, theme=course.label.lower(), at=at
            )
    return replace(fate, fate=Fate.LATEST if position == len(order) - 1 else Fate.NOT_REASSESSED)


def grade_movements(
    findings: tuple[Finding, ...], inspections: tuple[Inspection, ...], scales: tuple[GradeScale, ...]
) -> tuple[InspectionGrades, ...]:
    """Each inspection's grades, one per area, with how each moved since its area was last graded."""
    by_scale = {scale.id: scale for scale in scales}
    graded: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.grades:
            graded.setdefault(finding.inspection, []).append(finding)
    given = {i.id: inspection_grades(graded.get(i.id, [])) for i in inspections}
    out = []
    for position, inspection in enumerate(inspections):
        earlier = inspections[:position]
        out.append(
            InspectionGrades(
                inspection.id,
                tuple(
                    GradedArea(
                        g.area,
                        g.grade,
                        g.scale,
                        by_scale[g.scale].label if g.scale in by_scale else g.scale,
                        _change(g, earlier, given, by_scale),
                        by_scale[g.scale].graded if g.scale in by_scale else True,
                    )
                    for g in given[inspection.id]
                ),
            )
        )
    return tuple(out)


def inspection_grades(findings: list[Finding]) -> list[Grade]:
    """The grades one inspection's findings gave, one per area: a near-repeat of a grade counts once."""
    kept: list[Grade] = []
    for finding in findings:
        for grade in finding.grades:
            if not any(k.grade == grade.grade and same_area(k.area, grade.area) for k in kept):
                kept.append(grade)
    return kept


@lru_cache(maxsize=8192)  # areas repeat across a corpus's grades, and every grade is compared with many
def same_area(a: str, b: str) -> bool:
    """Whether two graded areas are the same: one's words contain the other's, or difflib finds them alike."""
    left, right = words(a), words(b)
    if not left or not right:
        return False
    if set(left) <= set(right) or set(right) <= set(left):
        return True
    if not comparable(left, right):
        return False
    return SequenceMatcher(None, left, right, autojunk=False).ratio() >= AREA_RATIO


def _change(
    grade: Grade,
    earlier: tuple[Inspection, ...],
    given: dict[str, list[Grade]],
    scales: dict[str, GradeScale],
) -> GradeChange | None:
    for inspection in reversed(earlier):
        old = next((g for g in given[inspection.id] if same_area(g.area, grade.area)), None)
        if old is not None:
            return GradeChange(inspection.id, inspection.label, old.grade, movement(old, grade, scales))
    return None


def movement(old: Grade, new: Grade, scales: dict[str, GradeScale]) -> Movement:
    """How a grade moved: up, down or the same on one scale (best first); not comparable across scales."""
    scale = scales.get(new.scale)
    if (
        old.scale != new.scale
        or scale is None
        or old.grade not in scale.words
        or new.grade not in scale.words
    ):
        return Movement.NOT_COMPARABLE
    step = scale.words.index(old.grade) - scale.words.index(new.grade)
    return Movement.UP if step > 0 else Movement.DOWN if step < 0 else Movement.SAME
