"""Stage 7, context: turn a `Report` into one plain, sorted, JSON-safe structure that every output format reads.

The JSON output is this structure as it stands; the HTML, fragment and Markdown templates only lay it out.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from . import __version__
from .chart import timeline_chart
from .baseline import compare_builds
from .explain import explain_theme, grade_changes, inspection_grades, provenance_items, recommendation_status
from .model import (
    MONTH_NAMES, OPEN_VERDICTS, Alignment, Assessment, Document, Finding, Inspection, PartialDate, Polarity, Report,
    ThemeResult,
    Verdict,
)
from .text import comparable

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
ASSESSMENT_LABELS = {"concern": "concern", "mixed": "mixed", "progress": "progress", "absent": "not assessed"}
PRINT_EVIDENCE = 6  # findings per theme in the PDF; the HTML and JSON carry them all
PRINT_ECHOES = 3  # aligned pairs per theme in the PDF
ECHO_LIMIT = 25  # aligned pairs per theme shown side by side in HTML and Markdown; JSON lists all
WIDE_MATRIX = 10  # more inspections than this and the PDF prints the matrix on a landscape page


def build_context(report: Report, generated: str | None = None, baseline: dict[str, Any] | None = None,
                  baseline_label: str = "") -> dict[str, Any]:
    """The whole report as plain data: lists in a fixed order, strings, numbers, booleans and nulls only.

    With `baseline` (a previous build's JSON), `baseline` says what changed since that build; else it is null.
    """
    context = _report_context(report, generated)
    context["baseline"] = compare_builds(baseline, context, baseline_label) if baseline is not None else None
    return context


def _report_context(report: Report, generated: str | None) -> dict[str, Any]:
    documents = {d.id: d for d in report.documents}
    findings = {f.id: f for f in report.findings}
    dropped = _grouped(report.dropped, lambda d: d.document)
    inspections = {i.id: i for i in report.inspections}
    graded = _graded(report)
    inspection_items = [_inspection(i, graded[i.id]) for i in report.inspections]
    return {
        "schema": SCHEMA_VERSION,
        "generator": {"name": "reportdiff", "version": __version__, "generated": generated},
        "subject": report.subject,
        "summary": _summary(report),
        "documents": [_document(d, dropped.get(d.id, [])) for d in report.documents],
        "inspections": inspection_items,
        "timeline_chart": timeline_chart(report.inspections, {i["id"]: i["grade_note"] for i in inspection_items}),
        "themes": [_theme(t, findings, inspections, report) for t in _sorted_themes(report.themes)],
        "findings": [_finding(f, documents, inspections) for f in report.findings],
        "alignments": [_alignment_ids(a, findings) for a in report.alignments],
        "recommendations": recommendation_status(report.findings, report.alignments, report.themes, inspections),
        "changelog": [_change(c.from_inspection, c.to_inspection, c, inspections, report)
                      for c in reversed(report.changelog)],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "unassessed_themes": sorted(set(dict(report.theme_labels)) - {t.id for t in report.themes}),
        "unassessed_theme_labels": _unassessed_labels(report),
        "legend": legend(),
        "layout": {"print_evidence": PRINT_EVIDENCE, "print_echoes": PRINT_ECHOES,
                   "matrix_wide": len(report.inspections) > WIDE_MATRIX},
    }


def legend() -> dict[str, Any]:
    """Display words and symbols for assessments and verdicts, in the order a key lists them."""
    return {
        "assessments": [{"value": a, "symbol": ASSESSMENT_SYMBOLS[a], "label": label}
                        for a, label in ASSESSMENT_LABELS.items()],
        "verdicts": [{"value": v, "label": v.replace("-", " "), "text": VERDICT_TEXT[v],
                      "open": v in {o.value for o in OPEN_VERDICTS}} for v in VERDICT_ORDER],
    }


def _unassessed_labels(report: Report) -> list[str]:
    assessed = {t.id for t in report.themes}
    return sorted(label for theme, label in report.theme_labels if theme not in assessed)


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


def _grouped(items: Any, key: Any) -> dict[str, list[Any]]:
    """Items in lists by key, in their order: one pass instead of a filter per key."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _document(document: Document, dropped: list[Any]) -> dict[str, Any]:
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


def _inspection(inspection: Inspection, grades: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": inspection.id,
        "label": inspection.label,
        "date": inspection.date.iso(),
        "end": inspection.end.iso() if inspection.end else None,
        "kind": inspection.kind,
        "short_label": short_label(inspection.date, inspection.end),
        "documents": list(inspection.documents),
        "grades": grades,
        "grade_note": grade_note([g["grade"] for g in grades]),
        "year": inspection.date.year,
    }


def _graded(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Each inspection's grades, with how each moved since its area was last graded."""
    by_inspection = _grouped(report.findings, lambda f: f.inspection)
    grades = {i.id: inspection_grades(by_inspection.get(i.id, [])) for i in report.inspections}
    order = [i.id for i in report.inspections]
    return grade_changes(grades, order, {i.id: i.label for i in report.inspections}, report.grade_scales)


def short_label(start: PartialDate, end: PartialDate | None) -> str:
    """An inspection's dates in a few characters for narrow columns: "Nov\u2013Dec 2020", "Jan 2013", "2018"."""
    def part(date: PartialDate, year: bool) -> str:
        month = MONTH_NAMES[date.month - 1][:3] if date.month else ""
        return " ".join(x for x in (month, str(date.year) if year else "") if x)

    if end is None or end == start:
        return part(start, True)
    if end.year == start.year and start.month and end.month:
        return f"{part(start, False)}\u2013{part(end, True)}"
    return f"{part(start, True)} \u2013 {part(end, True)}"


def grade_note(grades: list[str]) -> str:
    """Graded judgements in a few words: "graded good, adequate ×2"; empty when there were none."""
    counts: dict[str, int] = {}
    for grade in grades:
        counts[grade] = counts.get(grade, 0) + 1
    words = [f"{grade} \u00d7{n}" if n > 1 else grade for grade, n in counts.items()]
    return f"graded {', '.join(words)}" if words else ""


def _theme(theme: ThemeResult, findings: dict[str, Finding], inspections: dict[str, Inspection],
           report: Report) -> dict[str, Any]:
    evidence = _evidence(theme, findings)
    return {
        "id": theme.id,
        "label": theme.label,
        "verdict": theme.verdict.value,
        "verdict_text": VERDICT_TEXT[theme.verdict.value],
        "verdict_label": theme.verdict.value.replace("-", " "),
        "open": theme.verdict in OPEN_VERDICTS,
        "why": explain_theme(theme, findings, report.alignments, inspections),
        "provenance": provenance_items(theme.provenance),
        "machine_verdict": theme.provenance[0].machine if theme.provenance else theme.verdict.value,
        "summary": summarise(theme, findings, inspections),
        "timeline": [{
            "inspection": cell.inspection,
            "label": inspections[cell.inspection].label,
            "assessment": cell.assessment.value,
            "symbol": ASSESSMENT_SYMBOLS[cell.assessment.value],
            "assessment_label": ASSESSMENT_LABELS[cell.assessment.value],
            "findings": list(cell.findings),
            "concern_weight": cell.concern_weight,
            "progress_weight": cell.progress_weight,
        } for cell in theme.timeline],
        "evidence": evidence,
        "brief": brief_evidence(evidence, findings),
        "echoes": _echoes(theme.id, report.alignments, findings),
    }


def brief_evidence(evidence: list[str], findings: dict[str, Finding], limit: int = PRINT_EVIDENCE) -> list[str]:
    """The findings a printed report shows: each inspection's first in turn, newest first, kept in evidence order."""
    by_inspection: dict[str, list[str]] = {}
    for finding in evidence:
        by_inspection.setdefault(findings[finding].inspection, []).append(finding)
    chosen: set[str] = set()
    depth, wanted = 0, min(limit, len(set(evidence)))
    while len(chosen) < wanted:
        for ids in by_inspection.values():
            if depth < len(ids) and len(chosen) < limit:
                chosen.add(ids[depth])
        depth += 1
    return [finding for finding in evidence if finding in chosen]


def _evidence(theme: ThemeResult, findings: dict[str, Finding]) -> list[str]:
    """The theme's findings, newest inspection first, concerns before progress before neutral."""
    rank = {Polarity.CONCERN: 0, Polarity.PROGRESS: 1, Polarity.NEUTRAL: 2}
    ordered: list[str] = []
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


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


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
            "citation": _citation(documents[s.document], s.line_start, s.line_end, s.page, finding.section),
        } for s in finding.sources],
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
    """"Title (Publisher, date), Section \u203a Subsection, p. 14, lines 3\u20134"."""
    lines = f"line {start}" if start == end else f"lines {start}\u2013{end}"
    where = ", ".join(part for part in (section, f"p. {page}" if page else "", lines) if part)
    date = document.dating.published.label() if document.dating else "undated"
    return f"{document.title} ({document.publisher}, {date}), {where}"


def _alignment_ids(alignment: Alignment, findings: dict[str, Finding]) -> dict[str, Any]:
    earlier, later = findings[alignment.earlier], findings[alignment.later]
    return {"earlier": earlier.id, "later": later.id, "themes": list(alignment.themes), "ratio": alignment.ratio,
            "earlier_inspection": earlier.inspection, "later_inspection": later.inspection,
            "provenance": provenance_items(alignment.provenance)}


def _alignment(alignment: Alignment, findings: dict[str, Finding]) -> dict[str, Any]:
    """An alignment with both texts split into changed and unchanged runs, for the side-by-side view."""
    before, after = word_diff(findings[alignment.earlier].text, findings[alignment.later].text)
    return {**_alignment_ids(alignment, findings), "earlier_parts": before, "later_parts": after}


def _echoes(theme: str, alignments: tuple[Alignment, ...], findings: dict[str, Finding]) -> list[dict[str, Any]]:
    """The theme's closest echoes, side by side: at most ECHO_LIMIT (the JSON `alignments` lists every one)."""
    ours = sorted((a for a in alignments if theme in a.themes), key=lambda a: (-a.ratio, a.earlier, a.later))
    return [_alignment(a, findings) for a in ours[:ECHO_LIMIT]]


def word_diff(earlier: str, later: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Both texts as runs of words, each run marked changed or not, for a side-by-side view."""
    a, b = earlier.split(), later.split()
    if not comparable(a, b):
        return [{"text": earlier, "changed": True}], [{"text": later, "changed": True}]
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


def _change(start: str, end: str, entry: Any, inspections: dict[str, Inspection], report: Report) -> dict[str, Any]:
    labels = dict(report.theme_labels)
    change: dict[str, Any] = {"from": start, "to": end, "from_label": inspections[start].label,
                              "to_label": inspections[end].label}
    for key in ("new", "persisting", "resolved", "recurring"):
        change[key] = list(getattr(entry, key))
    change["labels"] = {t: labels.get(t, t) for key in ("new", "persisting", "resolved", "recurring")
                        for t in change[key]}
    change["empty"] = not any(change[key] for key in ("new", "persisting", "resolved", "recurring"))
    return change


def verdict_names() -> tuple[str, ...]:
    """Every verdict word, for validating user input such as --fail-on."""
    return tuple(v.value for v in Verdict)
