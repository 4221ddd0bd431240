"""Shared content between documents: the passages, figures and titles that show two texts report one event.

Coverage of one inspection repeats the inspector's words, the report's figures ("24 cases", "81%") and its
title; a repost repeats whole paragraphs. Passages every inspection text carries (the taxonomy's `standard`
phrases) are masked first, so that they do not make two inspections one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import reduce
from operator import or_

from .model import Kinship
from .prefilter import can_match
from .similarity import set_bits
from .text import for_matching, words

SHINGLE = 5  # words in a shared run's smallest unit
FIGURE_SHINGLE = 3  # a number with two words beside it ("24 child protection") is shared content too
TITLE_WORDS = 4  # a title this long that another text names exactly ties the two
_YEAR = re.compile(r"^(?:19|20)\d\d$")


Apart = Callable[[str, str], bool]  # whether two documents plainly report different events


def find_kinship(
    texts: dict[str, list[str]],
    titles: dict[str, str],
    standard: tuple[re.Pattern[str], ...],
    apart: Apart | None = None,
) -> tuple[Kinship, ...]:
    """Every pair of documents sharing a passage, a figure or a title, in a fixed order.

    `texts` holds each document's content lines (noise already dropped), `titles` each document's title.
    Word runs that two documents `apart` both hold are a template (a publisher's stock phrases, a force's
    name and title), not evidence of one event: they are shared by no pair.
    """
    lines = {doc: [words(_masked(line, standard)) for line in doc_lines] for doc, doc_lines in texts.items()}
    shared = _shared_runs(lines, apart)
    passages = {pair: {" ".join(run) for run in _outermost(runs)} for pair, runs in shared.items()}
    figures, named = _shared_figures(lines), _shared_titles(lines, titles)
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
        if can_match(pattern, text):  # each on the text as the last one left it
            text = pattern.sub(" \u2016 ", text)  # a stop no word matches, so runs do not bridge the mask
    return text


def _shingles(tokens: list[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def _shared_runs(
    lines: dict[str, list[list[str]]], apart: Apart | None
) -> dict[tuple[str, str], set[tuple[str, ...]]]:
    """For each pair of documents, the maximal runs of words both contain (each at least SHINGLE words), the
    template's left out."""
    documents = sorted(lines)  # document n is bit n of a shingle's holders: far smaller than a set of names
    index: dict[tuple[str, ...], int] = {}
    for number, doc in enumerate(documents):
        for tokens in lines[doc]:
            for shingle in _shingles(tokens, SHINGLE):
                index[shingle] = index.get(shingle, 0) | 1 << number
    _drop_template(index, documents, apart)
    found: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    for number, doc in enumerate(documents):
        for tokens in lines[doc]:
            holders = [index.get(s, 0) for s in _shingles(tokens, SHINGLE)]
            later = reduce(or_, holders, 0) >> number + 1  # the documents after this one that share a shingle
            for other in (number + 1 + position for position in set_bits(later)):
                bit = 1 << other
                for start, end in _runs([bool(held & bit) for held in holders]):
                    found[(doc, documents[other])].add(tuple(tokens[start : end + SHINGLE - 1]))
    return found


def _drop_template(index: dict[tuple[str, ...], int], documents: list[str], apart: Apart | None) -> None:
    """Take out of `index` the shingles two documents `apart` both hold (judged once per set of holders)."""
    if apart is None:
        return
    judged: dict[int, bool] = {}
    for shingle in [s for s, held in index.items() if held & (held - 1)]:  # two holders or more
        holders = index[shingle]
        if holders not in judged:
            named = [documents[n] for n in set_bits(holders)]
            judged[holders] = any(apart(a, b) for i, a in enumerate(named) for b in named[i + 1 :])
        if judged[holders]:
            del index[shingle]


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


def _outermost(runs: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Runs not contained in a longer run of the same pair (a passage repeated in both texts counts once).

    A run inside a longer one starts at one of its places with the run's first SHINGLE words, so each run is
    looked up only at its places whose SHINGLE words begin some run, with that run's lengths: linear in the
    words of the runs, not quadratic in their number (formulaic text shares thousands of runs between two
    reports)."""
    lengths: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for run in runs:
        lengths[run[:SHINGLE]].add(len(run))
    inner: set[tuple[str, ...]] = set()
    for run in runs:
        size = len(run)
        for at in range(size - SHINGLE + 1):
            for length in lengths.get(run[at : at + SHINGLE], ()):
                if length < size and at + length <= size and run[at : at + length] in runs:
                    inner.add(run[at : at + length])
    return runs - inner


def _shared_figures(lines: dict[str, list[list[str]]]) -> dict[tuple[str, str], set[str]]:
    """Short runs around a number that is not a year ("24 child protection", "for 44 hours") both texts
    hold."""
    index: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for doc, doc_lines in lines.items():
        for tokens in doc_lines:
            for shingle in _around_figures(tokens):
                index[shingle].add(doc)
    found: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for shingle, docs in sorted(index.items()):
        ordered = sorted(docs)
        number = next(token for token in shingle if _is_figure(token))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                found[(a, b)].setdefault(number, " ".join(shingle))  # one figure, however many runs hold it
    return {pair: set(runs.values()) for pair, runs in found.items()}


def _around_figures(tokens: list[str]) -> set[tuple[str, ...]]:
    """The runs of FIGURE_SHINGLE words in `tokens` that hold a figure."""
    last = len(tokens) - FIGURE_SHINGLE
    return {
        tuple(tokens[start : start + FIGURE_SHINGLE])
        for at, token in enumerate(tokens)
        if _is_figure(token)
        for start in range(max(0, at - FIGURE_SHINGLE + 1), min(at, last) + 1)
    }


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
