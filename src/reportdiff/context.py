"""Stage 7, context: turn a `Report` into one plain, sorted, JSON-safe structure that every output format reads.

The JSON output is this structure as it stands; the HTML, fragment and Markdown templates only lay it out.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from . import __version__
from .model import (
    OPEN_VERDICTS, Assessment, Document, Finding, Inspection, Polarity, Report, ThemeResult, Verdict,
)

SCHEMA_VERSION = 1
VERDICT_ORDER = ("new", "recurring", "persisting", "not-reassessed", "resolved", "strength")
ASSESSMENT_SYMBOLS = {"concern": "\u2716", "progress": "\u2714", "mixed": "\u25d0", "absent": "\u2013"}
VERDICT_TEXT = {
    "new": "a concern now, never a concern before",
    "persisting": "a concern at the last inspection that assessed it, and still a concern",
    "resolved": "a concern before; only progress at the latest inspection that assessed it",
    "recurring": "a concern, then progress, then a concern again",
    "not-reassessed": "a concern that no later inspection mentions",
    "strength": "only ever progress",
}
QUOTE_LIMIT = 240


def build_context(report: Report, generated: str | None = None) -> dict[str, Any]:
    """The whole report as plain data: lists in a fixed order, strings, numbers, booleans and nulls only."""
    documents = {d.id: d for d in report.documents}
    findings = {f.id: f for f in report.findings}
    inspections = {i.id: i for i in report.inspections}
    return {
        "schema": SCHEMA_VERSION,
        "generator": {"name": "reportdiff", "version": __version__, "generated": generated},
        "subject": report.subject,
        "summary": _summary(report),
        "documents": [_document(d, report) for d in report.documents],
        "inspections": [_inspection(i, report) for i in report.inspections],
        "timeline_chart": timeline_chart(report.inspections),
        "themes": [_theme(t, findings, inspections, report) for t in _sorted_themes(report.themes)],
        "findings": [_finding(f, documents, inspections) for f in report.findings],
        "alignments": [_alignment(a.earlier, a.later, a.themes, a.ratio, findings) for a in report.alignments],
        "changelog": [_change(c.from_inspection, c.to_inspection, c, inspections, report)
                      for c in reversed(report.changelog)],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "unassessed_themes": sorted(set(dict(report.theme_labels)) - {t.id for t in report.themes}),
    }


def _sorted_themes(themes: tuple[ThemeResult, ...]) -> list[ThemeResult]:
    return sorted(themes, key=lambda t: (VERDICT_ORDER.index(t.verdict.value), t.id))


def _summary(report: Report) -> dict[str, Any]:
    counts = {verdict: sum(1 for t in report.themes if t.verdict.value == verdict) for verdict in VERDICT_ORDER}
    first, last = (report.inspections[0], report.inspections[-1]) if report.inspections else (None, None)
    return {
        "organisation": report.subject or "the organisation",
        "span": f"{first.label} \u2013 {last.label}" if first and last and first is not last else
                (first.label if first else ""),
        "inspections": len(report.inspections),
        "documents": len(report.documents),
        "findings": len(report.findings),
        "verdicts": counts,
        "open": sum(counts[v.value] for v in OPEN_VERDICTS),
        "closed": counts["resolved"],
        "strengths": counts["strength"],
        "headline": _headline(report.subject, counts),
    }


def _headline(subject: str, counts: dict[str, int]) -> str:
    open_count = counts["new"] + counts["persisting"] + counts["recurring"] + counts["not-reassessed"]
    parts = [f"{counts[v]} {v}" for v in ("new", "persisting", "recurring", "not-reassessed") if counts[v]]
    detail = f" ({', '.join(parts)})" if parts else ""
    return (f"{subject or 'The organisation'}: {open_count} open concern{'s' if open_count != 1 else ''}{detail}, "
            f"{counts['resolved']} resolved, {counts['strength']} strength{'s' if counts['strength'] != 1 else ''}.")


def _document(document: Document, report: Report) -> dict[str, Any]:
    dropped = [d for d in report.dropped if d.document == document.id]
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
        "published_label": dating.published.label() if dating else "undated",
        "date_source": dating.source if dating else "",
        "date_inferred": dating.inferred if dating else False,
        "sha256": document.sha256,
        "dropped": [{"line": d.line, "text": d.text, "reason": d.reason} for d in dropped],
        "dropped_count": len(dropped),
    }


def _inspection(inspection: Inspection, report: Report) -> dict[str, Any]:
    grades = {}
    for finding in report.findings:
        if finding.inspection == inspection.id:
            for grade in finding.grades:
                grades.setdefault((grade.area.lower(), grade.grade), grade)
    return {
        "id": inspection.id,
        "label": inspection.label,
        "date": inspection.date.iso(),
        "end": inspection.end.iso() if inspection.end else None,
        "kind": inspection.kind,
        "documents": list(inspection.documents),
        "grades": [{"area": g.area, "grade": g.grade, "scale": g.scale} for g in grades.values()],
        "year": inspection.date.year,
    }


def _theme(theme: ThemeResult, findings: dict[str, Finding], inspections: dict[str, Inspection],
           report: Report) -> dict[str, Any]:
    return {
        "id": theme.id,
        "label": theme.label,
        "verdict": theme.verdict.value,
        "verdict_text": VERDICT_TEXT[theme.verdict.value],
        "open": theme.verdict in OPEN_VERDICTS,
        "why": theme.why,
        "summary": summarise(theme, findings, inspections),
        "timeline": [{
            "inspection": cell.inspection,
            "label": inspections[cell.inspection].label,
            "assessment": cell.assessment.value,
            "symbol": ASSESSMENT_SYMBOLS[cell.assessment.value],
            "findings": list(cell.findings),
            "concern_weight": cell.concern_weight,
            "progress_weight": cell.progress_weight,
        } for cell in theme.timeline],
        "evidence": _evidence(theme, findings),
        "echoes": [_alignment(a.earlier, a.later, a.themes, a.ratio, findings)
                   for a in report.alignments if theme.id in a.themes],
    }


def _evidence(theme: ThemeResult, findings: dict[str, Finding]) -> list[str]:
    """The theme's findings, newest inspection first, concerns before progress before neutral."""
    rank = {Polarity.CONCERN: 0, Polarity.PROGRESS: 1, Polarity.NEUTRAL: 2}
    ordered = []
    for position, cell in reversed(list(enumerate(theme.timeline))):
        cell_findings = [findings[f] for f in cell.findings]
        cell_findings.sort(key=lambda f: (rank[_polarity_for(f, theme.id)], f.id))
        ordered.extend(f.id for f in cell_findings)
    return ordered


def _polarity_for(finding: Finding, theme: str) -> Polarity:
    return next((h.polarity for h in finding.hits if h.theme == theme), finding.polarity)


def summarise(theme: ThemeResult, findings: dict[str, Finding], inspections: dict[str, Inspection]) -> str:
    """One paragraph in plain words: where the theme was raised, how it stood last, and the verdict."""
    assessed = [c for c in theme.timeline if c.assessment is not Assessment.ABSENT]
    concerns = [c for c in assessed if c.assessment in (Assessment.CONCERN, Assessment.MIXED)]
    sentences = []
    if concerns:
        labels = ", ".join(inspections[c.inspection].label for c in concerns)
        sentences.append(f"Raised as a concern at {_count(len(concerns), 'inspection')} ({labels}).")
    progress = [c for c in assessed if c.assessment is Assessment.PROGRESS]
    if progress:
        labels = ", ".join(inspections[c.inspection].label for c in progress)
        sentences.append(f"Progress found at {labels}.")
    last = assessed[-1]
    quote = _strongest(theme.id, last, findings)
    if quote:
        sentences.append(f"Latest ({inspections[last.inspection].label}, {last.assessment.value}): "
                         f"\u201c{_clip(quote.text)}\u201d")
    sentences.append(f"Verdict: {theme.verdict.value} \u2014 {VERDICT_TEXT[theme.verdict.value]}.")
    return " ".join(sentences)


def _strongest(theme: str, cell: Any, findings: dict[str, Finding]) -> Finding | None:
    wanted = Polarity.PROGRESS if cell.assessment is Assessment.PROGRESS else Polarity.CONCERN
    candidates = [findings[f] for f in cell.findings if _polarity_for(findings[f], theme) is wanted]
    candidates.sort(key=lambda f: (-max((h.weight for h in f.hits if h.theme == theme), default=0), f.id))
    return candidates[0] if candidates else None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _clip(text: str) -> str:
    text = text.strip("\u201c\u201d\" ")
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "\u2026"


def _finding(finding: Finding, documents: dict[str, Document], inspections: dict[str, Inspection]) -> dict[str, Any]:
    return {
        "id": finding.id,
        "theme": finding.theme,
        "themes": list(finding.themes),
        "theme_polarity": {h.theme: h.polarity.value for h in finding.hits},
        "polarity": finding.polarity.value,
        "speaker": finding.speaker.value,
        "claim": finding.speaker.value != "inspectorate",
        "text": finding.text,
        "inspection": finding.inspection,
        "inspection_label": inspections[finding.inspection].label,
        "sources": [{
            "document": s.document, "line_start": s.line_start, "line_end": s.line_end, "page": s.page,
            "citation": _citation(documents[s.document], s.line_start, s.line_end, s.page),
        } for s in finding.sources],
        "cues": list(finding.cues),
        "context": finding.context,
        "dated_by": finding.dated_by,
        "list_item": finding.list_item,
        "quoted": finding.quoted,
        "section": finding.section,
        "grades": [{"area": g.area, "grade": g.grade, "scale": g.scale} for g in finding.grades],
    }


def _citation(document: Document, start: int, end: int, page: int | None) -> str:
    lines = f"line {start}" if start == end else f"lines {start}\u2013{end}"
    where = f"p. {page}, {lines}" if page else lines
    date = document.dating.published.label() if document.dating else "undated"
    return f"{document.title} ({document.publisher}, {date}), {where}"


def _alignment(earlier: str, later: str, themes: tuple[str, ...], ratio: float,
               findings: dict[str, Finding]) -> dict[str, Any]:
    before, after = word_diff(findings[earlier].text, findings[later].text)
    return {"earlier": earlier, "later": later, "themes": list(themes), "ratio": ratio,
            "earlier_inspection": findings[earlier].inspection, "later_inspection": findings[later].inspection,
            "earlier_parts": before, "later_parts": after}


def word_diff(earlier: str, later: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Both texts as runs of words, each run marked changed or not, for a side-by-side view."""
    a, b = earlier.split(), later.split()
    matcher = SequenceMatcher(None, [w.lower().strip(".,;:\"'“”") for w in a],
                              [w.lower().strip(".,;:\"'“”") for w in b], autojunk=False)
    left: list[dict[str, Any]] = []
    right: list[dict[str, Any]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append({"text": " ".join(a[i1:i2]), "changed": op != "equal"})
        if j2 > j1:
            right.append({"text": " ".join(b[j1:j2]), "changed": op != "equal"})
    return left, right


CHART_WIDTH = 760
CHART_MARGIN = 48
LABEL_SPACE = 96


def timeline_chart(inspections: tuple[Inspection, ...]) -> dict[str, Any]:
    """Positions for the time-axis drawing: inspections placed by date, labels stacked where they would collide."""
    if not inspections:
        return {"width": CHART_WIDTH, "height": 60, "marks": [], "ticks": [], "axis_y": 30}
    start = inspections[0].date.year
    end = max(inspections[-1].date.year + 1, start + 2)
    span = CHART_WIDTH - 2 * CHART_MARGIN
    step = 1 if end - start <= 14 else 2 if end - start <= 28 else 5
    ticks = [{"year": y, "x": round(CHART_MARGIN + (y - start) / (end - start) * span, 1)}
             for y in range(start, end + 1) if (y - start) % step == 0]
    items, row_ends = [], []
    for inspection in inspections:
        value = inspection.date.year + ((inspection.date.month or 7) - 1) / 12
        x = round(CHART_MARGIN + (value - start) / (end - start) * span, 1)
        row = next((r for r, last in enumerate(row_ends) if x - last >= LABEL_SPACE), len(row_ends))
        if row < len(row_ends):
            row_ends[row] = x
        else:
            row_ends.append(x)
        items.append({"id": inspection.id, "label": inspection.label, "kind": inspection.kind, "x": x, "row": row})
    rows = max(len(row_ends), 1)
    axis_y = 24
    for item in items:
        item["label_y"] = axis_y + 26 + item["row"] * 30
        item["kind_y"] = item["label_y"] + 12
    return {"width": CHART_WIDTH, "height": axis_y + 30 + rows * 30 + 10, "marks": items, "ticks": ticks,
            "axis_y": axis_y}


def _change(start: str, end: str, entry: Any, inspections: dict[str, Inspection], report: Report) -> dict[str, Any]:
    labels = dict(report.theme_labels)
    change = {"from": start, "to": end, "from_label": inspections[start].label, "to_label": inspections[end].label}
    for key in ("new", "persisting", "resolved", "recurring"):
        change[key] = list(getattr(entry, key))
    change["labels"] = {t: labels.get(t, t) for key in ("new", "persisting", "resolved", "recurring")
                        for t in change[key]}
    change["empty"] = not any(change[key] for key in ("new", "persisting", "resolved", "recurring"))
    return change


def verdict_names() -> tuple[str, ...]:
    """Every verdict word, for validating user input such as --fail-on."""
    return tuple(v.value for v in Verdict)
