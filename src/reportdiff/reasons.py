"""Stage reasons: each theme's verdict put so a reader can check it. Why, step by step, in a sentence that
ends in the verdict that stands; a summary in plain words; the evidence in reading order (and the few printed
reports quote); the closest echoes across inspections word by word; and the report's overview."""

from __future__ import annotations

from difflib import SequenceMatcher

from .model import (
    Alignment,
    Assessment,
    DiffRun,
    Document,
    Echo,
    Finding,
    Inspection,
    Layout,
    Overview,
    Polarity,
    ThemeCell,
    ThemeCourse,
    ThemeResult,
    Verdict,
    WeighedFinding,
    Why,
    WhyStep,
)
from .text import comparable

QUOTE_LIMIT = 240  # characters of the quote in a theme's summary
PRINT_EVIDENCE = 6  # findings per theme in the PDF; the HTML and JSON carry them all
PRINT_ECHOES = 3  # aligned pairs per theme in the PDF
ECHO_LIMIT = 25  # aligned pairs per theme shown side by side in HTML and Markdown; JSON lists all
WIDE_MATRIX = 10  # more inspections than this and the PDF prints the matrix on a landscape page
_POLARITY_RANK = {Polarity.CONCERN: 0, Polarity.PROGRESS: 1, Polarity.NEUTRAL: 2}
_PUNCTUATION = ".,;:\"'\u201c\u201d"


def explain_themes(
    courses: tuple[ThemeCourse, ...],
    findings: tuple[Finding, ...],
    inspections: tuple[Inspection, ...],
    alignments: tuple[Alignment, ...],
) -> tuple[ThemeResult, ...]:
    """Every theme with its reasons, in report order: by verdict as `Verdict` lists them, then by id."""
    by_id = {f.id: f for f in findings}
    labels = {i.id: i.label for i in inspections}
    ranked = sorted(courses, key=lambda c: (list(Verdict).index(c.verdict), c.id))
    return tuple(_result(course, by_id, labels, alignments) for course in ranked)


def _result(
    course: ThemeCourse,
    findings: dict[str, Finding],
    labels: dict[str, str],
    alignments: tuple[Alignment, ...],
) -> ThemeResult:
    evidence = rank_evidence(course, findings)
    ours = tuple(a for a in alignments if course.id in a.themes)
    why = Why(why_text(course), tuple(_steps(course, findings, labels)), ours)
    return ThemeResult(
        id=course.id,
        label=course.label,
        verdict=course.verdict,
        machine_verdict=course.machine,
        timeline=course.timeline,
        provenance=course.provenance,
        basis=course.basis,
        why=why,
        summary=summarise(course, findings, labels),
        evidence=evidence,
        brief=brief_evidence(evidence, findings),
        echoes=closest_echoes(ours, findings),
    )


def why_text(course: ThemeCourse) -> str:
    """The verdict in a sentence a reader can check against the timeline; it ends in the verdict that stands,
    so a person's override reads as such rather than contradicting the evidence's own conclusion."""
    steps = [
        f"{cell.assessment.value} at {cell.inspection} (concern {cell.concern_weight:g}, "
        f"progress {cell.progress_weight:g})"
        for cell in course.timeline
        if cell.assessment is not Assessment.ABSENT
    ]
    said = [p for p in course.provenance if p.field == "verdict"]
    if not said:
        return f"{course.label}: {'; '.join(steps)}; so {course.verdict.value}."
    return (
        f"{course.label}: {'; '.join(steps)}; the evidence says {course.machine.value}; {said[-1].by} set "
        f"the verdict on {said[-1].date}, so {course.verdict.value}."
    )


def _steps(course: ThemeCourse, findings: dict[str, Finding], labels: dict[str, str]) -> list[WhyStep]:
    return [
        _step(course.id, cell, findings, labels)
        for cell in course.timeline
        if cell.assessment is not Assessment.ABSENT or cell.findings
    ]


def _step(theme: str, cell: ThemeCell, findings: dict[str, Finding], labels: dict[str, str]) -> WhyStep:
    """One inspection's weighing: every finding that leaned either way or gave a grade (counted, or a claim
    that was not); neutral ones only counted, since they weigh nothing and the theme's evidence lists them."""
    weighed = [_weighed(findings[f], theme) for f in cell.findings]
    shown = tuple(w for w in weighed if w.polarity is not Polarity.NEUTRAL or w.grades)
    return WhyStep(
        cell.inspection,
        labels[cell.inspection],
        cell.assessment,
        cell.concern_weight,
        cell.progress_weight,
        shown,
        len(weighed) - len(shown),
    )


def _weighed(finding: Finding, theme: str) -> WeighedFinding:
    hit = next((h for h in finding.hits if h.theme == theme), None)
    weight = hit.weight if hit else 0.0
    return WeighedFinding(
        finding.id,
        hit.polarity if hit else finding.polarity,
        weight,
        hit.cues if hit else (),
        tuple(f"{g.grade} ({g.area})" for g in finding.grades),
        finding.speaker.is_evidence and bool(weight),
        finding.speaker,
    )


def polarity_for(finding: Finding, theme: str) -> Polarity:
    """The finding's lean on one theme (a sentence can praise one theme and criticise another)."""
    return next((h.polarity for h in finding.hits if h.theme == theme), finding.polarity)


def rank_evidence(course: ThemeCourse, findings: dict[str, Finding]) -> tuple[str, ...]:
    """The theme's findings, newest inspection first, concerns before progress before neutral."""
    ordered: list[str] = []
    for cell in reversed(course.timeline):
        ranked = sorted(
            (findings[f] for f in cell.findings),
            key=lambda f: (_POLARITY_RANK[polarity_for(f, course.id)], f.id),
        )
        ordered.extend(f.id for f in ranked)
    return tuple(ordered)


def brief_evidence(
    evidence: tuple[str, ...], findings: dict[str, Finding], limit: int = PRINT_EVIDENCE
) -> tuple[str, ...]:
    """The findings a printed report shows: each inspection's first in turn, newest first, evidence order."""
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
    return tuple(finding for finding in evidence if finding in chosen)


def summarise(course: ThemeCourse, findings: dict[str, Finding], labels: dict[str, str]) -> str:
    """One paragraph in plain words: where the theme was raised, how it stood last, the final verdict."""
    assessed = [c for c in course.timeline if c.assessment is not Assessment.ABSENT]
    concerns = [c for c in assessed if c.assessment.concerned]
    sentences = []
    if concerns:
        named = ", ".join(labels[c.inspection] for c in concerns)
        sentences.append(
            f"Raised as a concern at {len(concerns)} inspection{'s' * (len(concerns) != 1)} ({named})."
        )
    progress = [c for c in assessed if c.assessment is Assessment.PROGRESS]
    if progress:
        sentences.append(f"Progress found at {', '.join(labels[c.inspection] for c in progress)}.")
    last = assessed[-1]
    quote = summary_quote(course.id, last, findings)
    if quote:
        sentences.append(
            f"Latest ({labels[last.inspection]}, {last.assessment.value}): \u201c{_clip(quote.text)}\u201d"
        )
    sentences.append(f"Verdict: {course.verdict.value} \u2014 {course.verdict.meaning}.")
    return " ".join(sentences)


def summary_quote(theme: str, cell: ThemeCell, findings: dict[str, Finding]) -> Finding | None:
    """The finding a summary quotes for an inspection: the heaviest that leans the way the inspection did."""
    wanted = Polarity.PROGRESS if cell.assessment is Assessment.PROGRESS else Polarity.CONCERN
    candidates = [findings[f] for f in cell.findings if polarity_for(findings[f], theme) is wanted]
    candidates.sort(key=lambda f: (-max((h.weight for h in f.hits if h.theme == theme), default=0), f.id))
    return candidates[0] if candidates else None


def _clip(text: str) -> str:
    text = text.strip('\u201c\u201d" ')
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "\u2026"


def closest_echoes(
    alignments: tuple[Alignment, ...], findings: dict[str, Finding], limit: int = ECHO_LIMIT
) -> tuple[Echo, ...]:
    """A theme's closest echoes, side by side: at most `limit` (the JSON `alignments` lists every one)."""
    closest = sorted(alignments, key=lambda a: (-a.ratio, a.earlier, a.later))[:limit]
    return tuple(Echo(a, *word_diff(findings[a.earlier].text, findings[a.later].text)) for a in closest)


def word_diff(earlier: str, later: str) -> tuple[tuple[DiffRun, ...], tuple[DiffRun, ...]]:
    """Both texts as runs of words, each run marked changed or not, for a side-by-side view."""
    a, b = earlier.split(), later.split()
    if not comparable(a, b):
        return (DiffRun(earlier, True),), (DiffRun(later, True),)
    matcher = SequenceMatcher(
        None,
        [w.lower().strip(_PUNCTUATION) for w in a],
        [w.lower().strip(_PUNCTUATION) for w in b],
        autojunk=False,
    )
    left: list[DiffRun] = []
    right: list[DiffRun] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append(DiffRun(" ".join(a[i1:i2]), op != "equal"))
        if j2 > j1:
            right.append(DiffRun(" ".join(b[j1:j2]), op != "equal"))
    return tuple(left), tuple(right)


def overview(
    subject: str,
    documents: tuple[Document, ...],
    inspections: tuple[Inspection, ...],
    findings: tuple[Finding, ...],
    themes: tuple[ThemeResult, ...],
) -> Overview:
    """The report at a glance."""
    first, last = (inspections[0], inspections[-1]) if inspections else (None, None)
    span = first.label if first else ""
    if first and last and first is not last:
        span = f"{first.label} \u2013 {last.label}"
    return Overview(
        subject, span, len(inspections), len(documents), len(findings), tuple(t.verdict for t in themes)
    )


def layout(inspections: tuple[Inspection, ...]) -> Layout:
    """How much the printed report quotes, and whether its matrix needs a landscape page."""
    return Layout(PRINT_EVIDENCE, PRINT_ECHOES, len(inspections) > WIDE_MATRIX)
