"""Stage context: map the typed `Report` to one plain, JSON-safe structure that every output format reads.

Nothing is decided here: the order of every list, each verdict and its words, the evidence a printed report
quotes and what changed since a baseline all come from the `Report`. The JSON output is this structure as it
stands; the HTML, fragment, PDF and Markdown templates only lay it out. `diff` and `inspect` show parts of it.
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .chart import timeline_chart
from .model import (
    CHANGES,
    MONTH_NAMES,
    Alignment,
    Assessment,
    BaselineComparison,
    BuildSummary,
    ChangelogEntry,
    Document,
    Dropped,
    Echo,
    EvidenceGroup,
    EvidenceItem,
    Finding,
    GradedArea,
    Inspection,
    InspectionGrades,
    OtherFindings,
    Overview,
    PartialDate,
    Provenance,
    RecommendationFate,
    Report,
    ThemeCell,
    ThemeResult,
    Verdict,
    VerdictBasis,
    Why,
)

SCHEMA_VERSION = 1
Data = dict[str, Any]


def build_context(report: Report) -> Data:
    """The whole report as plain data: lists in the report's order; strings, numbers, booleans, nulls."""
    findings = {f.id: f for f in report.findings}
    documents = {d.id: d for d in report.documents}
    keys = {d.id: f"S{n}" for n, d in enumerate(report.documents, start=1)}
    inspections = {i.id: i for i in report.inspections}
    dropped = _grouped(report.dropped)
    not_weighed = {u.inspection: u.reason for u in report.unweighed}
    inspection_items = [
        _inspection(i, g, not_weighed.get(i.id, ""), i.id in report.overview.silent)
        for i, g in zip(report.inspections, report.grades, strict=True)
    ]
    changelog = [_change(c, inspections) for c in report.changelog]
    return {
        "schema": SCHEMA_VERSION,
        "generator": {"name": "reportdiff", "version": __version__, "generated": report.generated},
        "subject": report.subject,
        "summary": _summary(report, inspection_items, changelog),
        "documents": [_document(d, dropped.get(d.id, []), keys[d.id]) for d in report.documents],
        "inspections": inspection_items,
        "timeline_chart": timeline_chart(
            report.inspections,
            {i["id"]: i["grade_note"] for i in inspection_items},
            graded=[g.inspection for g in report.grades if g.graded],
        ),
        "themes": [_theme(t, findings, inspections) for t in report.themes],
        "findings": [_finding(f, documents, inspections, keys) for f in report.findings],
        "others": [_others(o, inspections, not_weighed) for o in report.others],
        "alignments": [_alignment(a, findings) for a in report.alignments],
        "recommendations": [_recommendation(r) for r in report.recommendations],
        "changelog": changelog,
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "unassessed_themes": [t.id for t in report.unassessed],
        "unassessed_theme_labels": [t.label for t in report.unassessed],
        "legend": legend(),
        "layout": {
            "print_evidence": report.layout.print_evidence,
            "print_echoes": report.layout.print_echoes,
            "matrix_wide": report.layout.matrix_wide,
        },
        "baseline": comparison(report.baseline) if report.baseline else None,
    }


def legend() -> Data:
    """The display words and symbols of assessments, verdicts and changes, in the order a key lists them."""
    return {
        "assessments": [
            {"value": a.value, "symbol": a.symbol, "label": a.label, "text": a.meaning} for a in Assessment
        ],
        "verdicts": [
            {"value": v.value, "label": v.label, "text": v.meaning, "open": v.is_open, "group": v.group}
            for v in Verdict
        ],
        "changes": [{"value": v.value, "label": v.change} for v in CHANGES],
    }


def _summary(report: Report, inspections: list[Data], changelog: list[Data]) -> Data:
    """Page 1: the counts, the themes by verdict, and the latest inspection's changes and grades."""
    o = report.overview
    return {
        "organisation": o.organisation,
        "span": o.span,
        "inspections": o.inspections,
        "documents": o.documents,
        "findings": o.findings,
        "themed_findings": o.themed,
        "other_findings": o.other,
        "verdicts": {v.value: o.count(v) for v in Verdict},
        "open": o.open,
        "closed": o.count(Verdict.RESOLVED),
        "strengths": o.count(Verdict.STRENGTH),
        "headline": o.headline,
        "groups": _groups(o, report),
        "latest_change": next((c for c in changelog if c["to"] == o.latest), None),
        "latest_grades": next((i for i in inspections if i["id"] == o.graded), None),
    }


def _groups(overview: Overview, report: Report) -> list[Data]:
    labels = {t.id: t.label for t in report.themes}
    return [
        {
            "verdict": g.verdict.value,
            "label": g.verdict.label,
            "group": g.verdict.group,
            "open": g.verdict.is_open,
            "themes": [{"id": t, "label": labels[t]} for t in g.themes],
        }
        for g in overview.groups
    ]


def _grouped(dropped: tuple[Dropped, ...]) -> dict[str, list[Dropped]]:
    """Dropped passages by document, in their order."""
    groups: dict[str, list[Dropped]] = {}
    for item in dropped:
        groups.setdefault(item.document, []).append(item)
    return groups


def _document(document: Document, dropped: list[Dropped], key: str) -> Data:
    dating = document.dating
    noise = {d.line for d in dropped}
    return {
        "id": document.id,
        "key": key,
        "path": document.path,
        "name": document.name,
        "format": document.format,
        "title": document.title,
        "publisher": document.publisher,
        "publisher_role": document.publisher_role.value,
        "subject": document.subject,
        "published": dating.published.iso() if dating else None,
        "published_label": dating.published.label() if dating else "undated",
        "date_source": dating.source if dating else "",
        "date_inferred": dating.inferred if dating else False,
        "sha256": document.sha256,
        "dropped": [{"line": d.line, "text": d.text, "reason": d.reason} for d in dropped],
        "dropped_count": len(dropped),
        "lines": [
            {"number": line.number, "text": line.text, "page": line.page, "noise": line.number in noise}
            for line in document.lines
        ],
    }


def _inspection(inspection: Inspection, grades: InspectionGrades, not_weighed: str, silent: bool) -> Data:
    return {
        "id": inspection.id,
        "label": inspection.label,
        "date": inspection.date.iso(),
        "end": inspection.end.iso() if inspection.end else None,
        "kind": inspection.kind,
        "short_label": short_label(inspection.date, inspection.end),
        "documents": list(inspection.documents),
        "grades": [_grade(g) for g in grades.grades],
        "grade_note": grades.note,
        "year": inspection.date.year,
        "weighed": not not_weighed,
        "not_weighed": not_weighed,
        "silent": silent,
    }


def _grade(graded: GradedArea) -> Data:
    change = graded.change
    return {
        "area": graded.area,
        "grade": graded.grade,
        "scale": graded.scale,
        "scale_label": graded.scale_label,
        "change": None
        if change is None
        else {
            "from_inspection": change.from_inspection,
            "from_label": change.from_label,
            "from_grade": change.from_grade,
            "direction": change.movement.value,
            "symbol": change.movement.symbol,
        },
    }


def short_label(start: PartialDate, end: PartialDate | None) -> str:
    """An inspection's dates in a few characters: "Nov\u2013Dec 2020", "Jan 2013", "2018"."""

    def part(date: PartialDate, year: bool) -> str:
        month = MONTH_NAMES[date.month - 1][:3] if date.month else ""
        return " ".join(x for x in (month, str(date.year) if year else "") if x)

    if end is None or end == start:
        return part(start, True)
    if end.year == start.year and start.month and end.month:
        return f"{part(start, False)}\u2013{part(end, True)}"
    return f"{part(start, True)} \u2013 {part(end, True)}"


def _theme(theme: ThemeResult, findings: dict[str, Finding], inspections: dict[str, Inspection]) -> Data:
    return {
        "id": theme.id,
        "label": theme.label,
        "verdict": theme.verdict.value,
        "verdict_text": theme.verdict.meaning,
        "verdict_label": theme.verdict.label,
        "open": theme.verdict.is_open,
        "basis": _basis(theme.basis),
        "why": _why(theme.why, theme, findings),
        "provenance": provenance_items(theme.provenance),
        "machine_verdict": theme.machine_verdict.value,
        "summary": theme.summary,
        "timing": theme.timing,
        "quote": theme.quote,
        "timeline": [_cell(c, inspections) for c in theme.timeline],
        "evidence": list(theme.evidence),
        "groups": [_group(g, inspections) for g in theme.groups],
        "brief": list(theme.brief),
        "echoes": [_echo(e, findings) for e in theme.echoes],
    }


def _group(group: EvidenceGroup, inspections: dict[str, Inspection]) -> Data:
    return {
        "inspection": group.inspection,
        "label": inspections[group.inspection].label,
        "leaning": [_item(i) for i in group.leaning],
        "neutral": [_item(i) for i in group.neutral],
    }


def _item(item: EvidenceItem) -> Data:
    return {
        "finding": item.finding,
        "polarity": item.polarity.value,
        "before": item.before,
        "after": item.after,
        "note": item.note,
    }


def _basis(basis: VerdictBasis) -> Data:
    return {
        "text": basis.text,
        "set_by": basis.set_by,
        "steps": [
            {
                "inspection": s.inspection,
                "label": s.label,
                "basis": s.basis.value,
                "basis_label": s.basis.label,
                "estimated": s.estimated,
            }
            for s in basis.steps
        ],
    }


def _why(why: Why, theme: ThemeResult, findings: dict[str, Finding]) -> Data:
    steps = [
        {
            "inspection": s.inspection,
            "label": s.label,
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
                    "speaker": w.speaker.value,
                    "claim": not w.speaker.is_evidence,
                }
                for w in s.findings
            ],
            "neutral_findings": s.neutral,
        }
        for s in why.steps
    ]
    aligned = [
        {
            "earlier": a.earlier,
            "later": a.later,
            "ratio": a.ratio,
            "earlier_inspection": findings[a.earlier].inspection,
            "later_inspection": findings[a.later].inspection,
        }
        for a in why.alignments
    ]
    return {
        "text": why.text,
        "verdict": theme.verdict.value,
        "steps": steps,
        "alignments": aligned,
        "overrides": provenance_items(theme.provenance),
    }


def _cell(cell: ThemeCell, inspections: dict[str, Inspection]) -> Data:
    return {
        "inspection": cell.inspection,
        "label": inspections[cell.inspection].label,
        "assessment": cell.assessment.value,
        "symbol": cell.assessment.symbol,
        "assessment_label": cell.assessment.label,
        "findings": list(cell.findings),
        "concern_weight": cell.concern_weight,
        "progress_weight": cell.progress_weight,
    }


def provenance_items(records: tuple[Provenance, ...]) -> list[dict[str, str]]:
    """Overrides as data: who, when, why, and the machine's view beside the person's."""
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


def _finding(
    finding: Finding, documents: dict[str, Document], inspections: dict[str, Inspection], keys: dict[str, str]
) -> Data:
    return {
        "id": finding.id,
        "theme": finding.theme,
        "themes": list(finding.themes),
        "theme_polarity": {h.theme: h.polarity.value for h in finding.hits},
        "polarity": finding.polarity.value,
        "speaker": finding.speaker.value,
        "claim": not finding.speaker.is_evidence,
        "reported": finding.reported,
        "text": finding.text,
        "inspection": finding.inspection,
        "inspection_label": inspections[finding.inspection].label,
        "sources": [
            {
                "document": s.document,
                "line_start": s.line_start,
                "line_end": s.line_end,
                "page": s.page,
                "citation": _citation(
                    documents[s.document], s.line_start, s.line_end, s.page, finding.section
                ),
                "key": keys[s.document],
                "short": _short(keys[s.document], s.line_start, s.line_end, s.page),
                "line_id": line_id(s.document, s.line_start),
                "publisher": documents[s.document].publisher,
            }
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
        "provenance": provenance_items(finding.provenance),
    }


def _citation(document: Document, start: int, end: int, page: int | None, section: str = "") -> str:
    """ "Title (Publisher, date), Section \u203a Subsection, p. 14, lines 3\u20134"."""
    lines = f"line {start}" if start == end else f"lines {start}\u2013{end}"
    where = ", ".join(part for part in (section, f"p. {page}" if page else "", lines) if part)
    date = document.dating.published.label() if document.dating else "undated"
    return f"{document.title} ({document.publisher}, {date}), {where}"


def _short(key: str, start: int, end: int, page: int | None) -> str:
    """A citation in a few characters, its document by key: "S5, line 10", "S2, p. 3, lines 4\u20136"."""
    lines = f"line {start}" if start == end else f"lines {start}\u2013{end}"
    return ", ".join(part for part in (key, f"p. {page}" if page else "", lines) if part)


def line_id(document: str, line: int) -> str:
    """The id (before the report's prefix) of a line in the Sources appendix, which a citation links to."""
    return f"doc-{document}-L{line}"


def _others(others: OtherFindings, inspections: dict[str, Inspection], not_weighed: dict[str, str]) -> Data:
    return {
        "inspection": others.inspection,
        "label": inspections[others.inspection].label,
        "kind": inspections[others.inspection].kind,
        "not_weighed": not_weighed.get(others.inspection, ""),
        "findings": list(others.findings),
    }


def _alignment(alignment: Alignment, findings: dict[str, Finding]) -> Data:
    return {
        "earlier": alignment.earlier,
        "later": alignment.later,
        "themes": list(alignment.themes),
        "ratio": alignment.ratio,
        "earlier_inspection": findings[alignment.earlier].inspection,
        "later_inspection": findings[alignment.later].inspection,
        "provenance": provenance_items(alignment.provenance),
    }


def _echo(echo: Echo, findings: dict[str, Finding]) -> Data:
    """An alignment with both texts in changed and unchanged runs, for the side-by-side view."""
    return {
        **_alignment(echo.alignment, findings),
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
        "status": r.status,
    }


def _change(entry: ChangelogEntry, inspections: dict[str, Inspection]) -> Data:
    change: Data = {
        "from": entry.from_inspection,
        "to": entry.to_inspection,
        "from_label": inspections[entry.from_inspection].label,
        "to_label": inspections[entry.to_inspection].label,
    }
    for verdict in CHANGES:
        change[verdict.value] = list(entry.themes(verdict))
    change["labels"] = {c.theme: c.label for c in entry.changes}
    change["since"] = {c.theme: c.since for c in entry.changes}
    change["empty"] = not entry.changes
    change["assessed"] = entry.assessed
    change["to_kind"] = inspections[entry.to_inspection].kind
    return change


def comparison(c: BaselineComparison) -> Data:
    """What changed since a baseline build, as plain data."""
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
                "from_label": _verdict_label(v.before),
                "to_label": _verdict_label(v.after),
            }
            for v in c.verdict_changes
        ],
        "concerns_added": list(c.concerns_added),
        "concerns_closed": list(c.concerns_closed),
        "findings_added": list(c.findings_added),
        "findings_removed": list(c.findings_removed),
        "empty": c.empty,
    }


def _verdict_label(verdict: Verdict | None) -> str:
    """A verdict's words; a theme a build did not assess has none."""
    return verdict.label if verdict else Assessment.ABSENT.label


def select_diff(context: Data, old: str, new: str) -> Data:
    """The `diff` view of a build of two documents: its changelog and verdicts."""
    return _diff_view(old, new, context["subject"], None, context["changelog"], context["themes"])


def select_build_diff(
    newer: Data, verdicts: BuildSummary, compared: BaselineComparison, old: str, new: str
) -> Data:
    """The `diff` view of two builds: what changed, and the newer build's changelog and verdicts (`newer` is
    the build's JSON as `baseline.load_build` read it; `verdicts` the same build, typed)."""
    themes = [
        {
            "id": t.theme,
            "label": t.label,
            "verdict": t.verdict.value,
            "verdict_label": t.verdict.label,
            "basis": {"text": t.basis},
        }
        for t in verdicts.verdicts
    ]
    return _diff_view(old, new, newer.get("subject", ""), comparison(compared), newer["changelog"], themes)


def _diff_view(
    old: str, new: str, subject: str, compared: Data | None, changelog: list[Data], themes: list[Data]
) -> Data:
    return {
        "old": old,
        "new": new,
        "mode": "documents" if compared is None else "builds",
        "subject": subject,
        "comparison": compared,
        "changelog": changelog,
        "themes": themes,
        "legend": legend(),
    }


def select_inspection(context: Data) -> Data:
    """The `inspect` view of a one-document build: what was read, and why each verdict came out as it did."""
    keep = (
        "id",
        "theme",
        "themes",
        "theme_polarity",
        "polarity",
        "speaker",
        "inspection",
        "text",
        "cues",
        "dated_by",
        "sources",
        "grades",
    )
    document = context["documents"][0]
    return {
        "document": {k: v for k, v in document.items() if k != "dropped"},
        "inspections": context["inspections"],
        "findings": [
            {**{k: f[k] for k in keep}, "lines": _lines(f["sources"][0])} for f in context["findings"]
        ],
        "dropped": document["dropped"],
        "themes": [
            {"id": t["id"], "verdict": t["verdict"], "basis": t["basis"]["text"], "why": t["why"]}
            for t in context["themes"]
        ],
    }


def _lines(source: Data) -> str:
    """A source's lines in a few characters: "12" or "12-14"."""
    start, end = source["line_start"], source["line_end"]
    return str(start) if start == end else f"{start}-{end}"
