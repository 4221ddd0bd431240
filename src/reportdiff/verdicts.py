"""Stage verdicts: weigh each theme at each inspection, give its verdict and the basis of that verdict, and
say what changed from each inspection to the next.

Only evidence weighs (`Speaker.is_evidence`): the force's or the commissioner's claims are shown, not counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

from .model import (
    Assessment,
    Basis,
    BasisStep,
    ChangelogEntry,
    Finding,
    Inspection,
    Polarity,
    Taxonomy,
    ThemeCell,
    ThemeChange,
    ThemeCourse,
    Unweighed,
    Verdict,
    VerdictBasis,
)

# Where concern and progress both weigh in, the smaller side must reach this share of the larger to make
# "mixed"; below it, the larger side stands, so one stray sentence does not flip an inspection's assessment.
MIXED_SHARE = 0.5

Cells = dict[tuple[str, str], list[Finding]]


def in_series(inspections: tuple[Inspection, ...]) -> tuple[Inspection, ...]:
    """The inspections of the force's series, whose findings are weighed: the others (a national report,
    another body's inspection) are listed, not weighed."""
    return tuple(i for i in inspections if i.in_scope)


def unweighed(inspections: tuple[Inspection, ...], series: tuple[Inspection, ...]) -> tuple[Unweighed, ...]:
    """The inspections listed but not weighed, each with the reason it is outside the series."""
    weighed = {i.id for i in series}
    return tuple(Unweighed(i.id, i.scope) for i in inspections if i.id not in weighed)


def assessing(series: tuple[Inspection, ...], findings: tuple[Finding, ...]) -> set[str]:
    """The inspections of the series that give some theme evidence. Verdicts and the changelog pass over the
    others: one that says nothing of any theme is not a "later inspection" that left a concern unmentioned."""
    evidenced = {f.inspection for f in findings if f.themes and f.speaker.is_evidence}
    return {i.id for i in series if i.id in evidenced}


def weigh_themes(
    findings: tuple[Finding, ...], inspections: tuple[Inspection, ...], taxonomy: Taxonomy
) -> tuple[ThemeCourse, ...]:
    """Every theme some inspection assessed, in taxonomy order: its timeline, verdict and basis."""
    touching = _by_cell(findings)
    by_id = {f.id: f for f in findings}
    by_inspection = {i.id: i for i in inspections}
    counted = assessing(inspections, findings)
    courses = []
    for theme in taxonomy.themes:
        cells = tuple(_cell(theme.id, i.id, touching.get((i.id, theme.id), [])) for i in inspections)
        verdict = verdict_of([cell.assessment for cell in cells if cell.inspection in counted])
        if verdict is not None:
            basis = basis_of(theme.id, cells, verdict, by_id, by_inspection)
            courses.append(ThemeCourse(theme.id, theme.label, cells, verdict, verdict, basis))
    return tuple(courses)


def _by_cell(findings: tuple[Finding, ...]) -> Cells:
    """The findings of each (inspection, theme), in order: one pass, rather than one per cell."""
    cells: Cells = defaultdict(list)
    for finding in findings:
        for theme in finding.themes:
            cells[(finding.inspection, theme)].append(finding)
    return cells


def _cell(theme: str, inspection: str, touching: list[Finding]) -> ThemeCell:
    concern = progress = 0.0
    for finding in touching:
        for hit in finding.hits if finding.speaker.is_evidence else ():
            if hit.theme == theme and hit.polarity is Polarity.CONCERN:
                concern += hit.weight
            elif hit.theme == theme and hit.polarity is Polarity.PROGRESS:
                progress += hit.weight
    return ThemeCell(inspection, assess(concern, progress), tuple(f.id for f in touching), concern, progress)


def assess(concern: float, progress: float) -> Assessment:
    """One inspection's view of a theme from the weight of its concern and progress evidence."""
    if concern <= 0 and progress <= 0:
        return Assessment.ABSENT
    if min(concern, progress) >= MIXED_SHARE * max(concern, progress):
        return Assessment.MIXED
    return Assessment.CONCERN if concern > progress else Assessment.PROGRESS


def verdict_of(assessments: list[Assessment]) -> Verdict | None:
    """A theme's verdict from its assessments in date order; None when it was never assessed."""
    assessed = [(i, a) for i, a in enumerate(assessments) if a is not Assessment.ABSENT]
    if not assessed:
        return None
    if not any(a.concerned for _, a in assessed):
        return Verdict.STRENGTH
    last_index, last = assessed[-1]
    if last is Assessment.PROGRESS:
        return Verdict.RESOLVED
    if last_index != len(assessments) - 1:
        return Verdict.NOT_REASSESSED
    earlier = [a for _, a in assessed[:-1]]
    if not any(a.concerned for a in earlier):
        return Verdict.NEW
    return Verdict.PERSISTING if earlier[-1].concerned else Verdict.RECURRING


def change_at(assessments: list[Assessment], position: int) -> Verdict | None:
    """What the inspection at `position` changed for a theme: new, persisting, resolved, recurring or none."""
    now = assessments[position]
    before = [a for a in assessments[:position] if a is not Assessment.ABSENT]
    if now.concerned:
        if not any(a.concerned for a in before):
            return Verdict.NEW
        return Verdict.PERSISTING if before[-1].concerned else Verdict.RECURRING
    if now is Assessment.PROGRESS and before and before[-1].concerned:
        return Verdict.RESOLVED
    return None


def deciding_cells(timeline: tuple[ThemeCell, ...], verdict: Verdict) -> tuple[ThemeCell, ...]:
    """The inspections whose assessments the verdict reads, oldest first: for "resolved" the last concern and
    the progress after it, for "recurring" the concern, the progress and the concern again, and so on."""
    assessed = [cell for cell in timeline if cell.assessment is not Assessment.ABSENT]
    if verdict is Verdict.STRENGTH:
        return tuple(assessed)
    last = assessed[-1]
    concerns = [cell for cell in assessed[:-1] if cell.assessment.concerned]
    if verdict is Verdict.PERSISTING:
        return (assessed[-2], last)
    if verdict is Verdict.RESOLVED:
        return (concerns[-1], last)
    if verdict is Verdict.RECURRING:
        return (concerns[-1], assessed[-2], last)
    return (last,)


def basis_of(
    theme: str,
    timeline: tuple[ThemeCell, ...],
    verdict: Verdict,
    findings: dict[str, Finding],
    inspections: dict[str, Inspection],
) -> VerdictBasis:
    """What the verdict rests on: each deciding inspection's footing, then any later inspection where only
    claims spoke to the theme (they did not count, but a reader should know that the question was raised)."""
    deciding = deciding_cells(timeline, verdict)
    later = timeline[timeline.index(deciding[-1]) + 1 :]
    steps = [_step(theme, cell, findings, inspections) for cell in (*deciding, *later)]
    return VerdictBasis(tuple(step for step in steps if step is not None))


def _step(
    theme: str, cell: ThemeCell, findings: dict[str, Finding], inspections: dict[str, Inspection]
) -> BasisStep | None:
    leaning = [findings[f] for f in cell.findings if _leans(findings[f], theme)]
    evidence = [f for f in leaning if f.speaker.is_evidence]
    if cell.assessment is Assessment.ABSENT and (evidence or not leaning):
        return None
    if any(not f.reported for f in evidence):
        basis = Basis.DOCUMENTS
    else:
        basis = Basis.REPORTED if evidence else Basis.CLAIMS
    inspection = inspections[cell.inspection]
    return BasisStep(inspection.id, inspection.label, basis, inspection.estimated)


def _leans(finding: Finding, theme: str) -> bool:
    """Whether the finding leans either way on the theme with some weight."""
    return any(h.theme == theme and h.polarity is not Polarity.NEUTRAL and h.weight > 0 for h in finding.hits)


def build_changelog(
    courses: tuple[ThemeCourse, ...],
    order: list[str],
    assessed: set[str] | None = None,
    labels: dict[str, str] | None = None,
) -> tuple[ChangelogEntry, ...]:
    """For each inspection of `order` after the first that gave findings on a theme (`assessed`; all of them
    when not given), newest first: the themes that became new, persisted, resolved or recurred there, each
    against the last inspection that assessed it. An inspection that gave no findings on any theme is listed
    with no changes, so a reader sees it was passed over. A verdict a person set stands at the latest change,
    so the changelog ends in that verdict."""
    counted = [i for i in order if assessed is None or i in assessed]
    named = labels or {}
    entries = []
    for inspection in order[order.index(counted[0]) + 1 :] if counted else ():
        earlier = [i for i in counted if order.index(i) < order.index(inspection)]
        if inspection not in counted:
            entries.append(ChangelogEntry(earlier[-1], inspection, (), assessed=False))
            continue
        changes = tuple(_changes(courses, counted, counted.index(inspection), named))
        entries.append(ChangelogEntry(earlier[-1], inspection, changes))
    return tuple(reversed(entries))


def _changes(
    courses: tuple[ThemeCourse, ...], order: list[str], position: int, labels: dict[str, str]
) -> Iterator[ThemeChange]:
    """The changes at `position` of `order`, the inspections giving theme evidence (timelines hold more), by
    theme id: the order a report lists the themes of one verdict in."""
    latest = position == len(order) - 1
    for course in sorted(courses, key=lambda c: c.id):
        cells = {cell.inspection: cell.assessment for cell in course.timeline}
        change = change_at([cells[inspection] for inspection in order], position)
        if latest and course.verdict is not course.machine:
            change = course.verdict if course.verdict.change else None
        if change is not None:
            yield _against_previous(
                ThemeChange(course.id, course.label, change), course, order[position], labels
            )


def _against_previous(
    change: ThemeChange, course: ThemeCourse, inspection: str, labels: dict[str, str]
) -> ThemeChange:
    """The change with the last inspection before `inspection` that assessed the theme, and how many
    inspections of the timeline between did not."""
    position = next(n for n, cell in enumerate(course.timeline) if cell.inspection == inspection)
    before = [
        n for n, cell in enumerate(course.timeline[:position]) if cell.assessment is not Assessment.ABSENT
    ]
    if not before:
        return change
    previous = course.timeline[before[-1]]
    return replace(
        change,
        previous=previous.inspection,
        previous_label=labels.get(previous.inspection, previous.inspection),
        previous_assessment=previous.assessment,
        between=position - before[-1] - 1,
    )
