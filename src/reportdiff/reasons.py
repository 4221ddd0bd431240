"""Stage reasons: each theme's verdict put so a reader can check it. Why, step by step, in a sentence that
ends in the verdict that stands; when the theme was assessed, in words; a summary quoting the inspectorate's
finding the verdict rests on; the evidence grouped by inspection and in context (`evidence.py`), and the few a
printed report quotes; the closest echoes across inspections word by word; and the overview page 1 shows: the
themes by verdict, how many findings they show, the latest inspection's changes and grades, and the findings
no theme shows, per inspection."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .evidence import Reading, flatten, group_evidence
from .model import (
    Alignment,
    Assessment,
    ChangelogEntry,
    DiffRun,
    Document,
    Echo,
    EvidenceGroup,
    Finding,
    Inspection,
    InspectionGrades,
    Layout,
    OtherFindings,
    Overview,
    Polarity,
    ThemeCell,
    ThemeCourse,
    ThemeResult,
    Verdict,
    VerdictGroup,
    WeighedFinding,
    Why,
    WhyStep,
)
from .summary import last_assessed, speaker_name, summarise, summary_quote, timing
from .text import comparable

PRINT_EVIDENCE = 6  # findings per theme in the PDF; the HTML and Markdown show them all
PRINT_ECHOES = 3  # aligned pairs per theme in the PDF
ECHO_LIMIT = 25  # aligned pairs per theme shown side by side in HTML and Markdown; JSON lists all
WIDE_MATRIX = 10  # more inspections than this and the PDF prints the matrix on a landscape page
_PUNCTUATION = ".,;:\"'\u201c\u201d"


@dataclass(frozen=True, slots=True)
class _Known:
    """What explaining a theme looks things up in: findings, inspection labels, reading order, theme labels
    and the documents."""

    findings: dict[str, Finding]
    labels: dict[str, str]
    reading: Reading
    themes: dict[str, str]
    documents: dict[str, Document]


def explain_themes(
    courses: tuple[ThemeCourse, ...],
    findings: tuple[Finding, ...],
    inspections: tuple[Inspection, ...],
    alignments: tuple[Alignment, ...],
    documents: tuple[Document, ...] = (),
) -> tuple[ThemeResult, ...]:
    """Every theme with its reasons, in report order: by verdict as `Verdict` lists them, then by id."""
    known = _Known(
        {f.id: f for f in findings},
        {i.id: i.label for i in inspections},
        Reading.of(findings),
        {c.id: c.label for c in courses},
        {d.id: d for d in documents},
    )
    ranked = sorted(courses, key=lambda c: (list(Verdict).index(c.verdict), c.id))
    return tuple(_result(course, known, alignments) for course in ranked)


def _result(course: ThemeCourse, known: _Known, alignments: tuple[Alignment, ...]) -> ThemeResult:
    groups = group_evidence(course, known.findings, known.reading, known.themes)
    ours = tuple(a for a in alignments if course.id in a.themes)
    why = Why(why_text(course, known.labels), tuple(_steps(course, known.findings, known.labels)), ours)
    quote = summary_quote(course.id, last_assessed(course), known.findings)
    return ThemeResult(
        id=course.id,
        label=course.label,
        verdict=course.verdict,
        machine_verdict=course.machine,
        timeline=course.timeline,
        provenance=course.provenance,
        basis=course.basis,
        why=why,
        summary=summarise(course, known.labels, quote, speaker_name(quote, known.documents) if quote else ""),
        evidence=flatten(groups),
        brief=brief_evidence(groups),
        echoes=closest_echoes(ours, known.findings),
        timing=timing(course, known.labels),
        quote=quote.id if quote else "",
        groups=groups,
    )


def why_text(course: ThemeCourse, labels: dict[str, str] | None = None) -> str:
    """The verdict in a sentence a reader can check against the timeline; it ends in the verdict that stands,
    so a person's override reads as such rather than contradicting the evidence's own conclusion."""
    named = labels or {}
    steps = [
        f"{cell.assessment.label} at {named.get(cell.inspection, cell.inspection)} "
        f"(concern {cell.concern_weight:g}, progress {cell.progress_weight:g})"
        for cell in course.timeline
        if cell.assessment is not Assessment.ABSENT
    ]
    said = [p for p in course.provenance if p.field == "verdict"]
    if not said:
        return f"{course.label}: {'; '.join(steps)}; so {course.verdict.label}."
    return (
        f"{course.label}: {'; '.join(steps)}; the evidence says {course.machine.label}; {said[-1].by} set "
        f"the verdict on {said[-1].date}, so {course.verdict.label}."
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
    """A finding as the weighing saw it. Its cues are the words that decided its lean on the theme; a finding
    that took its lean from what it continues (a lead-in, the sentence before) has none of its own, so the
    finding's cues name what it continues."""
    hit = next((h for h in finding.hits if h.theme == theme), None)
    weight = hit.weight if hit else 0.0
    return WeighedFinding(
        finding.id,
        hit.polarity if hit else finding.polarity,
        weight,
        (hit.cues or finding.cues) if hit else (),
        tuple(f"{g.grade} ({g.area})" for g in finding.grades),
        finding.speaker.is_evidence and bool(weight),
        finding.speaker,
    )


def brief_evidence(groups: tuple[EvidenceGroup, ...], limit: int = PRINT_EVIDENCE) -> tuple[str, ...]:
    """The findings a printed report quotes: each inspection's leaning findings in turn, newest first, kept in
    evidence order; neutral mentions are left to the HTML and Markdown."""
    columns = [[item.finding for item in group.leaning] for group in groups]
    wanted = min(limit, len({f for column in columns for f in column}))
    chosen: set[str] = set()
    depth = 0
    while len(chosen) < wanted:
        for ids in columns:
            if depth < len(ids) and len(chosen) < limit:
                chosen.add(ids[depth])
        depth += 1
    return tuple(finding for finding in flatten(groups) if finding in chosen)


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
    changelog: tuple[ChangelogEntry, ...] = (),
    grades: tuple[InspectionGrades, ...] = (),
) -> Overview:
    """The report at a glance: the span, the counts, the themes by verdict, and which inspection's changes and
    grades page 1 shows (the latest to give findings on a theme, and the latest graded)."""
    first, last = (inspections[0], inspections[-1]) if inspections else (None, None)
    span = first.label if first else ""
    if first and last and first is not last:
        span = f"{first.label} \u2013 {last.label}"
    groups = tuple(
        VerdictGroup(verdict, tuple(t.id for t in themes if t.verdict is verdict))
        for verdict in Verdict
        if any(t.verdict is verdict for t in themes)
    )
    return Overview(
        subject,
        span,
        len(inspections),
        len(documents),
        len(findings),
        tuple(t.verdict for t in themes),
        groups=groups,
        themed=len({f for t in themes for f in t.evidence}),
        latest=next((e.to_inspection for e in changelog if e.assessed), ""),
        graded=next((g.inspection for g in reversed(grades) if g.grades), ""),
        silent=silent_inspections(themes),
    )


def silent_inspections(themes: tuple[ThemeResult, ...]) -> tuple[str, ...]:
    """The weighed inspections at which no theme was assessed: a matrix column of "not assessed" only."""
    columns = zip(*(t.timeline for t in themes), strict=True) if themes else ()
    return tuple(
        cells[0].inspection for cells in columns if all(c.assessment is Assessment.ABSENT for c in cells)
    )


def other_findings(
    themes: tuple[ThemeResult, ...], findings: tuple[Finding, ...], inspections: tuple[Inspection, ...]
) -> tuple[OtherFindings, ...]:
    """Per inspection, in reading order, the findings no theme's evidence shows: so every finding is shown."""
    shown = {f for t in themes for f in t.evidence}
    return tuple(
        OtherFindings(i.id, others)
        for i in inspections
        if (others := tuple(f.id for f in findings if f.inspection == i.id and f.id not in shown))
    )


def layout(inspections: tuple[Inspection, ...]) -> Layout:
    """How much the printed report quotes, and whether its matrix needs a landscape page."""
    return Layout(PRINT_EVIDENCE, PRINT_ECHOES, len(inspections) > WIDE_MATRIX)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
