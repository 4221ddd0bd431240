"""Stage 6, align: weigh each theme at each inspection, give its verdict, align echoed findings, build the changelog."""
from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher
from typing import Iterable

from .model import (
    AlignResult, Alignment, Assessment, ChangelogEntry, Finding, Inspection, Polarity, Speaker, Taxonomy,
    ThemeCell, ThemeResult, Verdict,
)
from .similarity import best_matches
from .text import words

# Where concern and progress both weigh in, the smaller side must reach this share of the larger to make "mixed";
# below it, the larger side stands, so that one stray sentence does not flip an inspection's assessment.
MIXED_SHARE = 0.5
# Findings of different inspections at least this alike (difflib ratio on words) are shown as echoes.
ALIGN_RATIO = 0.5
# How many earlier findings each finding is aligned with at most: its closest echoes (`build --echoes`).
ECHOES = 1
# Only the inspectorate's findings are evidence; other speakers' statements are claims, shown but not weighed.
EVIDENCE = (Speaker.INSPECTORATE,)
_CONCERNED = (Assessment.CONCERN, Assessment.MIXED)


def align(findings: tuple[Finding, ...], inspections: tuple[Inspection, ...], taxonomy: Taxonomy,
          echoes: int = ECHOES) -> AlignResult:
    """Themes with timelines and verdicts, finding alignments, and the changelog between successive inspections.

    Inspections outside the force's series (a national report, another body's inspection) are listed, not weighed.
    """
    touching = _by_cell(findings)
    order = [i.id for i in inspections if i.in_scope]
    assessing = {i for i in order if _assesses(i, touching)}
    themes = tuple(t for t in (_theme_result(theme.id, theme.label, touching, order, assessing)
                               for theme in taxonomy.themes) if t is not None)
    weighed = tuple(f for f in findings if f.inspection in set(order))
    return AlignResult(themes, align_findings(weighed, order, echoes=echoes),
                       build_changelog(themes, [i for i in order if i in assessing]))


def _assesses(inspection: str, touching: dict[tuple[str, str], list[Finding]]) -> bool:
    """Whether the documents give the inspection any themed evidence: one that says nothing of any theme is
    listed, but it is not a "later inspection" that left a concern unmentioned."""
    return any(key[0] == inspection and any(f.speaker in EVIDENCE for f in found)
               for key, found in touching.items())


def _by_cell(findings: tuple[Finding, ...]) -> dict[tuple[str, str], list[Finding]]:
    """The findings of each (inspection, theme), in order: one pass, rather than one per cell."""
    cells: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        for theme in finding.themes:
            cells[(finding.inspection, theme)].append(finding)
    return cells


def _theme_result(theme: str, label: str, touching: dict[tuple[str, str], list[Finding]],
                  order: list[str], assessing: set[str]) -> ThemeResult | None:
    cells = tuple(_cell(theme, inspection, touching.get((inspection, theme), [])) for inspection in order)
    verdict = verdict_of([cell.assessment for cell in cells if cell.inspection in assessing])
    if verdict is None:
        return None
    return ThemeResult(theme, label, verdict, cells, explain(label, cells, verdict))


def _cell(theme: str, inspection: str, touching: list[Finding]) -> ThemeCell:
    concern = progress = 0.0
    for finding in touching:
        if finding.speaker not in EVIDENCE:
            continue
        for hit in finding.hits:
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
    if not any(a in _CONCERNED for _, a in assessed):
        return Verdict.STRENGTH
    last_index, last = assessed[-1]
    if last is Assessment.PROGRESS:
        return Verdict.RESOLVED
    if last_index != len(assessments) - 1:
        return Verdict.NOT_REASSESSED
    earlier = [a for _, a in assessed[:-1]]
    if not any(a in _CONCERNED for a in earlier):
        return Verdict.NEW
    return Verdict.PERSISTING if earlier[-1] in _CONCERNED else Verdict.RECURRING


def explain(label: str, cells: tuple[ThemeCell, ...], verdict: Verdict) -> str:
    """The verdict in a sentence a reader can check against the timeline."""
    steps = [f"{cell.assessment.value} at {cell.inspection} (concern {cell.concern_weight:g}, "
             f"progress {cell.progress_weight:g})" for cell in cells if cell.assessment is not Assessment.ABSENT]
    return f"{label}: {'; '.join(steps)}; so {verdict.value}."


def build_changelog(themes: tuple[ThemeResult, ...], order: list[str]) -> tuple[ChangelogEntry, ...]:
    """For each pair of successive inspections, the themes that became new, persisted, resolved or recurred."""
    entries = []
    for position in range(1, len(order)):
        buckets: dict[Verdict, list[str]] = defaultdict(list)
        for theme in themes:
            cells = {cell.inspection: cell.assessment for cell in theme.timeline}
            change = change_at([cells[inspection] for inspection in order], position)
            if change is not None:
                buckets[change].append(theme.id)
        entries.append(ChangelogEntry(
            order[position - 1], order[position], tuple(buckets[Verdict.NEW]), tuple(buckets[Verdict.PERSISTING]),
            tuple(buckets[Verdict.RESOLVED]), tuple(buckets[Verdict.RECURRING]),
        ))
    return tuple(entries)


def change_at(assessments: list[Assessment], position: int) -> Verdict | None:
    """What the inspection at `position` changed for a theme: new, persisting, resolved, recurring, or nothing."""
    now = assessments[position]
    before = [a for a in assessments[:position] if a is not Assessment.ABSENT]
    ever_concerned = any(a in _CONCERNED for a in before)
    if now in _CONCERNED:
        if not ever_concerned:
            return Verdict.NEW
        return Verdict.PERSISTING if before[-1] in _CONCERNED else Verdict.RECURRING
    if now is Assessment.PROGRESS and before and before[-1] in _CONCERNED:
        return Verdict.RESOLVED
    return None


def align_findings(findings: tuple[Finding, ...], order: list[str], threshold: float = ALIGN_RATIO,
                   echoes: int = ECHOES) -> tuple[Alignment, ...]:
    """Each finding with the `echoes` findings of earlier inspections, sharing a theme, that read most like it.

    Exactly the pairs `align_findings_naive` finds, without comparing every pair (see `similarity`).
    """
    if not 0 < threshold <= 1:
        return align_findings_naive(findings, order, threshold, echoes)
    rank = {inspection: index for index, inspection in enumerate(order)}
    themed = [f for f in findings if f.hits]
    matches = best_matches([words(f.text) for f in themed], [rank[f.inspection] for f in themed],
                           [f.themes for f in themed], threshold, echoes)
    return _alignments((themed[i], themed[j], ratio) for i, j, ratio in matches)


def align_findings_naive(findings: tuple[Finding, ...], order: list[str], threshold: float = ALIGN_RATIO,
                         echoes: int = ECHOES) -> tuple[Alignment, ...]:
    """The definition of `align_findings`, comparing every pair: the reference for tests and the benchmark.

    A finding's echoes are its highest ratios at or above the threshold; between equal ratios, the later
    inspection, then the finding that comes first.
    """
    rank = {inspection: index for index, inspection in enumerate(order)}
    themed = [f for f in findings if f.hits]
    tokens = [words(f.text) for f in themed]
    pairs = []
    for j, later in enumerate(themed):
        scored = [(-ratio, -rank[themed[i].inspection], i, ratio) for i in _candidate_pairs(themed, rank, j)
                  if (ratio := SequenceMatcher(None, tokens[i], tokens[j], autojunk=False).ratio()) >= threshold]
        pairs += [(themed[i], later, ratio) for *_, i, ratio in sorted(scored)[:max(0, echoes)]]
    return _alignments(pairs)


def _candidate_pairs(findings: list[Finding], rank: dict[str, int], later: int) -> Iterable[int]:
    """The findings of earlier inspections that share a theme with finding `later`."""
    b = findings[later]
    for i, a in enumerate(findings):
        if rank[a.inspection] < rank[b.inspection] and set(a.themes) & set(b.themes):
            yield i


def _alignments(pairs: Iterable[tuple[Finding, Finding, float]]) -> tuple[Alignment, ...]:
    """Alignments of (earlier, later, ratio) with the themes they share, sorted by the ids."""
    out = [Alignment(earlier.id, later.id, tuple(t for t in earlier.themes if t in later.themes), round(ratio, 3))
           for earlier, later, ratio in pairs]
    return tuple(sorted(out, key=lambda a: (a.earlier, a.later)))
