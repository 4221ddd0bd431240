"""Stage align: pair the findings of different inspections that share a theme and read alike (echoes)."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from .model import Alignment, Finding
from .similarity import best_matches
from .text import words

# Findings of different inspections at least this alike (difflib ratio on words) are shown as echoes.
ALIGN_RATIO = 0.5
# How many earlier findings each finding is aligned with at most: its closest echoes (`build --echoes`).
ECHOES = 1


def align_findings(
    findings: tuple[Finding, ...], order: list[str], threshold: float = ALIGN_RATIO, echoes: int = ECHOES
) -> tuple[Alignment, ...]:
    """Each finding with the `echoes` findings of earlier inspections, sharing a theme, that read most like
    it.

    Exactly the pairs `align_findings_naive` finds, without comparing every pair (see `similarity`).
    """
    if not 0 < threshold <= 1:
        return align_findings_naive(findings, order, threshold, echoes)
    rank = {inspection: index for index, inspection in enumerate(order)}
    themed = [f for f in findings if f.hits]
    matches = best_matches(
        [words(f.text) for f in themed],
        [rank[f.inspection] for f in themed],
        [f.themes for f in themed],
        threshold,
        echoes,
    )
    return _alignments((themed[i], themed[j], ratio) for i, j, ratio in matches)


def align_findings_naive(
    findings: tuple[Finding, ...], order: list[str], threshold: float = ALIGN_RATIO, echoes: int = ECHOES
) -> tuple[Alignment, ...]:
    """The definition of `align_findings`, comparing every pair: the reference for tests and the benchmark.

    A finding's echoes are its highest ratios at or above the threshold; between equal ratios, the later
    inspection, then the finding that comes first.
    """
    rank = {inspection: index for index, inspection in enumerate(order)}
    themed = [f for f in findings if f.hits]
    tokens = [words(f.text) for f in themed]
    pairs = []
    for j, later in enumerate(themed):
        scored = [
            (-ratio, -rank[themed[i].inspection], i, ratio)
            for i in _candidate_pairs(themed, rank, j)
            if (ratio := SequenceMatcher(None, tokens[i], tokens[j], autojunk=False).ratio()) >= threshold
        ]
        pairs += [(themed[i], later, ratio) for *_, i, ratio in sorted(scored)[: max(0, echoes)]]
    return _alignments(pairs)


def _candidate_pairs(findings: list[Finding], rank: dict[str, int], later: int) -> Iterable[int]:
    """The findings of earlier inspections that share a theme with finding `later`."""
    b = findings[later]
    for i, a in enumerate(findings):
        if rank[a.inspection] < rank[b.inspection] and set(a.themes) & set(b.themes):
            yield i


def _alignments(pairs: Iterable[tuple[Finding, Finding, float]]) -> tuple[Alignment, ...]:
    """Alignments of (earlier, later, ratio) with the themes they share, sorted by the ids."""
    out = [
        Alignment(
            earlier.id, later.id, tuple(t for t in earlier.themes if t in later.themes), round(ratio, 3)
        )
        for earlier, later, ratio in pairs
    ]
    return tuple(sorted(out, key=lambda a: (a.earlier, a.later)))
