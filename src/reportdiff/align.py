"""Stage align: pair the findings of different inspections that share a theme and read alike (echoes)."""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterable

from .model import Alignment, Finding
from .similarity import ratio_join
from .text import words

# Findings of different inspections at least this alike (difflib ratio on words) are shown as echoes.
ALIGN_RATIO = 0.5


def align_findings(findings: tuple[Finding, ...], order: list[str],
                   threshold: float = ALIGN_RATIO) -> tuple[Alignment, ...]:
    """Pairs of findings from different inspections that share a theme and read alike.

    Exactly the pairs `align_findings_naive` finds, without comparing every pair (see `similarity`).
    """
    if not 0 < threshold <= 1:
        return align_findings_naive(findings, order, threshold)
    rank = {inspection: index for index, inspection in enumerate(order)}
    themed = [f for f in findings if f.hits]
    joined = ratio_join([words(f.text) for f in themed], [rank[f.inspection] for f in themed],
                        [f.themes for f in themed], threshold)
    pairs = []
    for i, j, ratio in joined:
        earlier, later = themed[i], themed[j]
        shared = tuple(t for t in earlier.themes if t in later.themes)
        pairs.append(Alignment(earlier.id, later.id, shared, round(ratio, 3)))
    return tuple(sorted(pairs, key=lambda a: (a.earlier, a.later)))


def align_findings_naive(findings: tuple[Finding, ...], order: list[str],
                         threshold: float = ALIGN_RATIO) -> tuple[Alignment, ...]:
    """The definition of `align_findings`, comparing every pair: the reference for tests and the benchmark."""
    rank = {inspection: index for index, inspection in enumerate(order)}
    themed = [f for f in findings if f.hits]
    tokens = {f.id: words(f.text) for f in themed}
    pairs = []
    for earlier, later in _candidate_pairs(themed, rank):
        shared = tuple(t for t in earlier.themes if t in later.themes)
        ratio = SequenceMatcher(None, tokens[earlier.id], tokens[later.id], autojunk=False).ratio()
        if ratio >= threshold:
            pairs.append(Alignment(earlier.id, later.id, shared, round(ratio, 3)))
    return tuple(sorted(pairs, key=lambda a: (a.earlier, a.later)))


def _candidate_pairs(findings: list[Finding], rank: dict[str, int]) -> Iterable[tuple[Finding, Finding]]:
    for a in findings:
        for b in findings:
            if rank[a.inspection] < rank[b.inspection] and set(a.themes) & set(b.themes):
                yield a, b

