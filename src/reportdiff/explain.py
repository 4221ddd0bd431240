"""Explanations for the context: why each verdict, how grades moved, what became of each recommendation, and the
people's overrides beside the machine's view. Plain data only."""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from .model import (
    Alignment, Assessment, Finding, GradeScale, Inspection, Polarity, Provenance, ThemeResult,
)
from .text import comparable, words

AREA_RATIO = 0.6  # two graded areas this alike (difflib ratio on words) are the same area


def provenance_items(records: tuple[Provenance, ...]) -> list[dict[str, str]]:
    """Overrides as data: who, when, why, and the machine's view beside the person's."""
    return [{"by": p.by, "date": p.date, "reason": p.reason, "field": p.field, "machine": p.machine,
             "human": p.human} for p in records]


def explain_theme(theme: ThemeResult, findings: dict[str, Finding], alignments: tuple[Alignment, ...],
                  inspections: dict[str, Inspection]) -> dict[str, Any]:
    """Which findings, cue words, grades and alignments produced the verdict, inspection by inspection."""
    steps = [_step(theme.id, cell, findings, inspections) for cell in theme.timeline
             if cell.assessment is not Assessment.ABSENT or cell.findings]
    echoes = [{"earlier": a.earlier, "later": a.later, "ratio": a.ratio,
               "earlier_inspection": findings[a.earlier].inspection, "later_inspection": findings[a.later].inspection}
              for a in alignments if theme.id in a.themes]
    return {"text": theme.why, "verdict": theme.verdict.value, "steps": steps, "alignments": echoes,
            "overrides": provenance_items(theme.provenance)}


def _step(theme: str, cell: Any, findings: dict[str, Finding], inspections: dict[str, Inspection]) -> dict[str, Any]:
    """One inspection's weighing: every finding that leaned either way or gave a grade (counted, or a claim that was
    not); neutral ones only counted, since they weigh nothing and the theme's evidence lists them."""
    evidence, neutral = [], 0
    for finding_id in cell.findings:
        finding = findings[finding_id]
        hit = next((h for h in finding.hits if h.theme == theme), None)
        polarity = hit.polarity if hit else finding.polarity
        if polarity is Polarity.NEUTRAL and not finding.grades:
            neutral += 1
            continue
        evidence.append({
            "finding": finding_id, "polarity": polarity.value, "weight": hit.weight if hit else 0.0,
            "cues": list(hit.cues) if hit else [], "grades": [f"{g.grade} ({g.area})" for g in finding.grades],
            "counted": finding.speaker.value == "inspectorate" and bool(hit and hit.weight),
            "speaker": finding.speaker.value,
        })
    return {"inspection": cell.inspection, "label": inspections[cell.inspection].label,
            "assessment": cell.assessment.value, "concern_weight": cell.concern_weight,
            "progress_weight": cell.progress_weight, "findings": evidence, "neutral_findings": neutral}


def inspection_grades(findings: list[Finding]) -> list[dict[str, str]]:
    """The grades one inspection's findings gave, one per area: a near-repeat with the same grade counts once."""
    kept: list[dict[str, str]] = []
    for finding in findings:
        for grade in finding.grades:
            entry = {"area": grade.area, "grade": grade.grade, "scale": grade.scale}
            if not any(k["grade"] == grade.grade and same_area(k["area"], grade.area) for k in kept):
                kept.append(entry)
    return kept


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


def grade_changes(grades: dict[str, list[dict[str, str]]], order: list[str], labels: dict[str, str],
                  scales: tuple[GradeScale, ...]) -> dict[str, list[dict[str, Any]]]:
    """Each grade with how it moved since the area was last graded: up, down, same, or not comparable."""
    by_id = {scale.id: scale for scale in scales}
    out: dict[str, list[dict[str, Any]]] = {}
    for position, inspection in enumerate(order):
        out[inspection] = []
        for grade in grades.get(inspection, []):
            before = _previous_grade(grade, order[:position], grades)
            out[inspection].append({**grade, "scale_label": by_id[grade["scale"]].label
                                    if grade["scale"] in by_id else grade["scale"],
                                    "change": _movement(before, grade, by_id, labels)})
    return out


def _previous_grade(grade: dict[str, str], earlier: list[str],
                    grades: dict[str, list[dict[str, str]]]) -> tuple[str, dict[str, str]] | None:
    for inspection in reversed(earlier):
        for candidate in grades.get(inspection, []):
            if same_area(candidate["area"], grade["area"]):
                return inspection, candidate
    return None


def _movement(before: tuple[str, dict[str, str]] | None, grade: dict[str, str], scales: dict[str, GradeScale],
              labels: dict[str, str]) -> dict[str, str] | None:
    if before is None:
        return None
    inspection, old = before
    change = {"from_inspection": inspection, "from_label": labels[inspection], "from_grade": old["grade"]}
    scale = scales.get(grade["scale"])
    if old["scale"] != grade["scale"] or scale is None or old["grade"] not in scale.words:
        return {**change, "direction": "not comparable", "symbol": "\u2260"}
    step = scale.words.index(old["grade"]) - scale.words.index(grade["grade"])
    direction = "up" if step > 0 else "down" if step < 0 else "same"
    return {**change, "direction": direction, "symbol": {"up": "\u2191", "down": "\u2193", "same": "="}[direction]}


def recommendation_status(findings: tuple[Finding, ...], alignments: tuple[Alignment, ...],
                          themes: tuple[ThemeResult, ...], inspections: dict[str, Inspection]) -> list[dict[str, Any]]:
    """Every recommendation with what became of it: repeated later (reworded), addressed, or not reassessed."""
    order = list(inspections)
    by_id = {f.id: f for f in findings}
    later: dict[str, list[Alignment]] = {}
    for alignment in alignments:
        if by_id[alignment.later].kind == "recommendation":
            later.setdefault(alignment.earlier, []).append(alignment)
    out = []
    for finding in findings:
        if finding.kind != "recommendation":
            continue
        repeats = later.get(finding.id, [])
        out.append({"finding": finding.id, "number": finding.number, "inspection": finding.inspection,
                    "text": finding.text, "themes": list(finding.themes),
                    "repeated": [{"finding": a.later, "inspection": by_id[a.later].inspection,
                                  "number": by_id[a.later].number, "ratio": a.ratio} for a in repeats],
                    "status": _recommendation_status(finding, repeats, themes, order, inspections)})
    return out


def _recommendation_status(finding: Finding, repeats: list[Alignment], themes: tuple[ThemeResult, ...],
                           order: list[str], inspections: dict[str, Inspection]) -> str:
    if repeats:
        return "repeated (still open)"
    position = order.index(finding.inspection)
    for theme in themes:
        if theme.id not in finding.themes:
            continue
        later = [c for c in theme.timeline[position + 1:] if c.assessment is not Assessment.ABSENT]
        if later and later[-1].assessment is Assessment.PROGRESS:
            return f"addressed: progress on {theme.label.lower()} at {inspections[later[-1].inspection].label}"
        if later:
            return f"open: {theme.label.lower()} still a concern at {inspections[later[-1].inspection].label}"
    return "latest inspection" if position == len(order) - 1 else "not reassessed"


