"""The JSON contract: the typed `Report` as data only, in the shape `data/report.schema.json` describes.

This is what `--out report.json` writes and what a later build reads back as its `--baseline`. It holds ids,
values and the report's own sentences (headline, summaries, why), never layout: no display labels that an enum
or the inspection list already gives, no symbols, no chart geometry, no print limits. The template context
(`context.py`) is free to change for the views; this module changes only with the schema, and a change that
removes or renames a key raises `SCHEMA_VERSION`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__
from .model import (
    CHANGES,
    Alignment,
    BaselineComparison,
    ChangelogEntry,
    Document,
    Dropped,
    Echo,
    Finding,
    GradedArea,
    Inspection,
    InspectionGrades,
    Provenance,
    RecommendationFate,
    Report,
    ThemeCell,
    ThemeResult,
    Verdict,
    Why,
)

SCHEMA_VERSION = 2
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "report.schema.json"
Data = dict[str, Any]


def build_contract(report: Report) -> Data:
    """The whole report as the JSON contract: lists in report order; strings, numbers, booleans, null."""
    not_weighed = {u.inspection: u.reason for u in report.unweighed}
    dropped = _dropped(report.dropped)
    return {
        "schema": SCHEMA_VERSION,
        "generator": {"name": "reportdiff", "version": __version__, "generated": report.generated},
        "subject": report.subject,
        "summary": _summary(report),
        "documents": [_document(d, dropped.get(d.id, [])) for d in report.documents],
        "inspections": [
            _inspection(i, g, not_weighed.get(i.id, ""))
            for i, g in zip(report.inspections, report.grades, strict=True)
        ],
        "themes": [_theme(t) for t in report.themes],
        "findings": [_finding(f) for f in report.findings],
        "alignments": [_alignment(a) for a in report.alignments],
        "recommendations": [_recommendation(r) for r in report.recommendations],
        "changelog": [_change(c) for c in report.changelog],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "unassessed_themes": [t.id for t in report.unassessed],
        "baseline": _baseline(report.baseline) if report.baseline else None,
    }


def _summary(report: Report) -> Data:
    o = report.overview
    return {
        "organisation": o.organisation,
        "inspections": o.inspections,
        "documents": o.documents,
        "findings": o.findings,
        "verdicts": {v.value: o.count(v) for v in Verdict},
        "open": o.open,
        "headline": o.headline,
    }


def _dropped(dropped: tuple[Dropped, ...]) -> dict[str, list[Data]]:
    """The passages dropped as noise, by document, in their order."""
    groups: dict[str, list[Data]] = {}
    for d in dropped:
        groups.setdefault(d.document, []).append({"line": d.line, "text": d.text, "reason": d.reason})
    return groups


def _document(document: Document, dropped: list[Data]) -> Data:
    dating = document.dating
    return {
        "id": document.id,
        "path": document.path,
        "name": document.name,
        "format": document.format,
        "title": document.title,
        "publisher": document.publisher,
        "publisher_role": document.publisher_role.value,
        "subject": document.subject,
        "published": dating.published.iso() if dating else None,
        "date_method": dating.method.value if dating else None,
        "date_source": dating.source if dating else "",
        "date_inferred": dating.inferred if dating else False,
        "sha256": document.sha256,
        "dropped": dropped,
    }


def _inspection(inspection: Inspection, grades: InspectionGrades, not_weighed: str) -> Data:
    return {
        "id": inspection.id,
        "label": inspection.label,
        "date": inspection.date.iso(),
        "end": inspection.end.iso() if inspection.end else None,
        "kind": inspection.kind,
        "estimated": inspection.estimated,
        "documents": list(inspection.documents),
        "grades": [_grade(g) for g in grades.grades],
        "weighed": not not_weighed,
        "not_weighed": not_weighed,
    }


def _grade(graded: GradedArea) -> Data:
    change = graded.change
    moved = (
        None
        if change is None
        else {
            "from_inspection": change.from_inspection,
            "from_grade": change.from_grade,
            "direction": change.movement.value,
        }
    )
    return {"area": graded.area, "grade": graded.grade, "scale": graded.scale, "change": moved}


def _theme(theme: ThemeResult) -> Data:
    return {
        "id": theme.id,
        "label": theme.label,
        "verdict": theme.verdict.value,
        "machine_verdict": theme.machine_verdict.value,
        "open": theme.verdict.is_open,
        "basis": {
            "text": theme.basis.text,
            "set_by": theme.basis.set_by,
            "steps": [
                {"inspection": s.inspection, "basis": s.basis.value, "estimated": s.estimated}
                for s in theme.basis.steps
            ],
        },
        "summary": theme.summary,
        "why": _why(theme.why),
        "provenance": _provenance(theme.provenance),
        "timeline": [_cell(c) for c in theme.timeline],
        "evidence": list(theme.evidence),
        "echoes": [_echo(e) for e in theme.echoes],
    }


def _why(why: Why) -> Data:
    steps = [
        {
            "inspection": s.inspection,
            "assessment": s.assessment.value,
            "concern_weight": s.concern_weight,
            "progress_weight": s.progress_weight,
            "findings": [
                {
                    "finding": w.finding,
                    "polarity": w.polarity.value,
                    "weight": w.weight,
                    "cues": list(w.cues),
                    "grades": list(w.grades),
                    "counted": w.counted,
                }
                for w in s.findings
            ],
            "neutral_findings": s.neutral,
        }
        for s in why.steps
    ]
    aligned = [{"earlier": a.earlier, "later": a.later, "ratio": a.ratio} for a in why.alignments]
    return {"text": why.text, "steps": steps, "alignments": aligned}


def _cell(cell: ThemeCell) -> Data:
    return {
        "inspection": cell.inspection,
        "assessment": cell.assessment.value,
        "findings": list(cell.findings),
        "concern_weight": cell.concern_weight,
        "progress_weight": cell.progress_weight,
    }


def _provenance(records: tuple[Provenance, ...]) -> list[Data]:
    return [
        {
            "by": p.by,
            "date": p.date,
            "reason": p.reason,
            "field": p.field,
            "machine": p.machine,
            "human": p.human,
        }
        for p in records
    ]


def _finding(finding: Finding) -> Data:
    return {
        "id": finding.id,
        "theme": finding.theme,
        "themes": list(finding.themes),
        "theme_polarity": {h.theme: h.polarity.value for h in finding.hits},
        "polarity": finding.polarity.value,
        "speaker": finding.speaker.value,
        "claim": not finding.speaker.is_evidence,
        "text": finding.text,
        "inspection": finding.inspection,
        "sources": [
            {"document": s.document, "line_start": s.line_start, "line_end": s.line_end, "page": s.page}
            for s in finding.sources
        ],
        "cues": list(finding.cues),
        "context": finding.context,
        "dated_by": finding.dated_by,
        "list_item": finding.list_item,
        "quoted": finding.quoted,
        "section": finding.section,
        "kind": finding.kind,
        "number": finding.number,
        "grades": [{"area": g.area, "grade": g.grade, "scale": g.scale} for g in finding.grades],
        "provenance": _provenance(finding.provenance),
    }


def _alignment(alignment: Alignment) -> Data:
    return {
        "earlier": alignment.earlier,
        "later": alignment.later,
        "themes": list(alignment.themes),
        "ratio": alignment.ratio,
        "provenance": _provenance(alignment.provenance),
    }


def _echo(echo: Echo) -> Data:
    """An alignment with both texts in changed and unchanged runs."""
    return {
        "earlier": echo.alignment.earlier,
        "later": echo.alignment.later,
        "ratio": echo.alignment.ratio,
        "earlier_parts": [{"text": r.text, "changed": r.changed} for r in echo.earlier_parts],
        "later_parts": [{"text": r.text, "changed": r.changed} for r in echo.later_parts],
    }


def _recommendation(r: RecommendationFate) -> Data:
    return {
        "finding": r.finding,
        "number": r.number,
        "inspection": r.inspection,
        "text": r.text,
        "themes": list(r.themes),
        "repeated": [
            {"finding": x.finding, "inspection": x.inspection, "number": x.number, "ratio": x.ratio}
            for x in r.repeated
        ],
        "fate": r.fate.value,
    }


def _change(entry: ChangelogEntry) -> Data:
    change: Data = {"from": entry.from_inspection, "to": entry.to_inspection}
    for verdict in CHANGES:
        change[verdict.value] = list(entry.themes(verdict))
    return change


def _baseline(c: BaselineComparison) -> Data:
    return {
        "path": c.path,
        "documents_added": list(c.documents_added),
        "documents_removed": list(c.documents_removed),
        "verdict_changes": [
            {
                "theme": v.theme,
                "label": v.label,
                "from": v.before.value if v.before else None,
                "to": v.after.value if v.after else None,
            }
            for v in c.verdict_changes
        ],
        "concerns_added": list(c.concerns_added),
        "concerns_closed": list(c.concerns_closed),
        "findings_added": list(c.findings_added),
        "findings_removed": list(c.findings_removed),
        "empty": c.empty,
    }
