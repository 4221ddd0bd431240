"""Shared content between documents: the passages, figures and titles that show two texts report one event.

Coverage of one inspection repeats the inspector's words, the report's figures ("24 cases", "81%") and its
title; a repost repeats whole paragraphs. Passages every inspection text carries (the taxonomy's `standard`
phrases) are masked first, so that they do not make two inspections one.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Kinship
from .text import for_matching, words

SHINGLE = 5  # words in a shared run's smallest unit
FIGURE_SHINGLE = 3  # a number with two words beside it ("24 child protection") is shared content too
TITLE_WORDS = 4  # a title this long that another text names exactly ties the two
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def find_kinship(
    texts: dict[str, list[str]],
    titles: dict[str, str],
    standard: tuple[re.Pattern[str], ...],
    template: frozenset[tuple[str, ...]] = frozenset(),
) -> tuple[Kinship, ...]:
    """Every pair of documents sharing a passage, a figure or a title, in a fixed order.

    `texts` holds each document's content lines (noise already dropped), `titles` each document's title;
    `template` holds word runs (of SHINGLE words) known to be shared by texts of different events: they are
    not evidence of one event.
    """
    lines = {doc: [words(_masked(line, standard)) for line in doc_lines] for doc, doc_lines in texts.items()}
    passages = _shared_runs(lines, template)
    figures = _shared_figures(lines)
    named = _shared_titles(lines, titles)
    pairs = sorted(set(passages) | set(figures) | set(named))
    return tuple(
        Kinship(
            a,
            b,
            tuple(sorted(passages.get((a, b), ()), key=lambda p: (-len(p), p))),
            tuple(sorted(figures.get((a, b), ()))),
            named.get((a, b), ""),
        )
        for a, b in pairs
    )


def _masked(line: str, standard: tuple[re.Pattern[str], ...]) -> str:
    text = for_matching(line)
    for pattern in standard:
        text = pattern.sub(" \u2016 ", text)  # a stop no word matches, so runs do not bridge the mask
    return text


def _shingles(tokens: list[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def _index(lines: dict[str, list[list[str]]], size: int) -> dict[tuple[str, ...], set[str]]:
    index: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for doc, doc_lines in lines.items():
        for tokens in doc_lines:
            for shingle in _shingles(tokens, size):
                index[shingle].add(doc)
    return index


def template_shingles(passages: list[str]) -> frozenset[tuple[str, ...]]:
    """The word runs of SHINGLE words that make up `passages`: what `find_kinship` is told to ignore."""
    return frozenset(s for passage in passages for s in _shingles(passage.split(), SHINGLE))


def _shared_runs(
    lines: dict[str, list[list[str]]], template: frozenset[tuple[str, ...]]
) -> dict[tuple[str, str], set[str]]:
    """For each pair of documents, the maximal runs of words both contain (each at least SHINGLE words)."""
    index = _index(lines, SHINGLE)
    for shingle in template:
        index.pop(shingle, None)
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc, doc_lines in lines.items():
        for tokens in doc_lines:
            shingles = _shingles(tokens, SHINGLE)
            for other in sorted({o for s in shingles for o in index.get(s, ())} - {doc}):
                if doc < other:
                    for run in _runs([other in index.get(s, ()) for s in shingles]):
                        found[(doc, other)].add(" ".join(tokens[run[0] : run[1] + SHINGLE - 1]))
    return {pair: _outermost(runs) for pair, runs in found.items()}


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of True in `flags`, end exclusive."""
    runs, start = [], None
    for position, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = position
        elif not flag and start is not None:
            runs.append((start, position))
            start = None
    return runs


def _outermost(runs: set[str]) -> set[str]:
    """Runs not contained in a longer run of the same pair (a passage repeated in both texts counts once).

    A run inside a longer one starts with one of its SHINGLE-word runs, so only the kept runs holding that
    shingle are compared: linear in the words of the runs, not quadratic in their number (formulaic text
    shares thousands of runs between two reports)."""
    ordered = sorted(runs, key=len, reverse=True)
    kept: list[str] = []
    holding: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for run in ordered:
        tokens = run.split()
        candidates = holding.get(tuple(tokens[:SHINGLE]), ())
        if any(f" {run} " in f" {kept[i]} " for i in candidates):
            continue
        for shingle in set(_shingles(tokens, SHINGLE)):
            holding[shingle].append(len(kept))
        kept.append(run)
    return set(kept)


def _shared_figures(lines: dict[str, list[list[str]]]) -> dict[tuple[str, str], set[str]]:
    """Short runs around a number that is not a year ("24 child protection", "for 44 hours") both texts
    hold."""
    index: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for doc, doc_lines in lines.items():
        for tokens in doc_lines:
            for shingle in _shingles(tokens, FIGURE_SHINGLE):
                if any(_is_figure(token) for token in shingle):
                    index[shingle].add(doc)
    found: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for shingle, docs in sorted(index.items()):
        ordered = sorted(docs)
        number = next(token for token in shingle if _is_figure(token))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                found[(a, b)].setdefault(number, " ".join(shingle))  # one figure, however many runs hold it
    return {pair: set(runs.values()) for pair, runs in found.items()}


def _is_figure(token: str) -> bool:
    return token.isdigit() and not _YEAR.match(token) and int(token) > 3


def _shared_titles(lines: dict[str, list[list[str]]], titles: dict[str, str]) -> dict[tuple[str, str], str]:
    """Pairs where one document's title is a whole line of the other (a report named in a release that links
    it)."""
    found: dict[tuple[str, str], str] = {}
    whole = {doc: {tuple(tokens) for tokens in doc_lines} for doc, doc_lines in lines.items()}
    for doc, title in titles.items():
        key = tuple(words(title))
        if len(key) < TITLE_WORDS:
            continue
        for other, other_lines in whole.items():
            if other != doc and key in other_lines:
                found[tuple(sorted((doc, other)))] = title  # type: ignore[index]
    return found
