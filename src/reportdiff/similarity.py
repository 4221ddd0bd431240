"""Exact similarity join: every pair of word lists whose difflib ratio reaches a threshold, without trying every pair.

difflib's ratio is 2M/(|a|+|b|), and M, the words in its matching blocks, is at most the multiset overlap of a and
b (what `quick_ratio` counts). So a pair can reach the threshold t only if its overlap reaches the least k with
2k/(|a|+|b|) >= t, computed as difflib computes it, in floats (`least_overlaps`). `ratio_join` finds exactly the
pairs whose overlap is enough, then keeps those whose longest common subsequence is enough (difflib's matching
blocks are a common subsequence), and only then computes difflib's `ratio`.

Overlaps come from an inverted index whose postings are bit sets: for each word occurrence (a word occurring twice
is two occurrences, "the" and "the#2", so sets of occurrences intersect exactly as the multisets do), an integer
with one bit per indexed list. Adding a probe's postings into a bit-sliced counter gives every indexed list's overlap
with the probe at once, in a few big-integer operations per occurrence; comparing the counter with the least overlap
for each length picks the candidates. Python's integers do the work in C, a machine word at a time.

For a high threshold, prefix filtering is cheaper (`ordered_occurrences`, `prefix_length`, used by
`group.merge_echoes`): with occurrences sorted rarest first, two lists whose overlap is at least k share one of
the first |x|-k+1 occurrences of each.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import chain, groupby
from typing import Iterable, Iterator


def ratio_join(tokens: list[list[str]], ranks: list[int], keys: list[tuple[str, ...]],
               threshold: float) -> list[tuple[int, int, float]]:
    """Every (i, j, ratio) where ranks[i] < ranks[j], keys[i] and keys[j] share a key, and
    SequenceMatcher(None, tokens[i], tokens[j], autojunk=False).ratio() >= threshold (0 < threshold <= 1)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold {threshold} is not in (0, 1]")
    ids = occurrence_ids(tokens)
    need = least_overlaps(2 * max(map(len, tokens), default=0), threshold)
    candidates: dict[int, set[int]] = defaultdict(set)
    for members in _by_key(keys, ranks):
        _join(members, ids, ranks, need, candidates)
    return [(i, j, ratio) for j in sorted(candidates) if candidates[j]
            for i, ratio in _verified(j, sorted(candidates[j]), tokens, need, threshold)]


def least_overlaps(longest: int, threshold: float) -> list[int]:
    """For each total length L up to `longest`, the least overlap k with 2.0 * k / L >= threshold, in floats."""
    need = [0]
    for total in range(1, longest + 1):
        k = max(0, int(threshold * total / 2) - 1)
        while 2.0 * k / total < threshold:
            k += 1
        need.append(k)
    return need


def occurrence_ids(tokens: list[list[str]]) -> list[list[int]]:
    """Each list's word occurrences as ids, in no particular order (all the bit index needs)."""
    ids: dict[str, int] = {}
    return [[ids.setdefault(occurrence, len(ids)) for occurrence in _occurrences(words)] for words in tokens]


def ordered_occurrences(tokens: list[list[str]]) -> list[list[int]]:
    """Each list's word occurrences as ids, rarest first: an id's rank is its number of lists, then the word."""
    tagged = [_occurrences(words) for words in tokens]
    frequency = Counter(chain.from_iterable(tagged))  # occurrences are distinct within a list
    ids = {occurrence: i for i, occurrence in enumerate(sorted(frequency, key=lambda o: (frequency[o], o)))}
    return [sorted(map(ids.__getitem__, occurrences)) for occurrences in tagged]


def _occurrences(words: list[str]) -> list[str]:
    """The distinct words, then each repeat marked with its count ("the#2"); '#' is never part of a word."""
    counts = Counter(words)
    if len(counts) == len(words):
        return words
    return list(counts) + [f"{word}#{k}" for word, count in counts.items() if count > 1 for k in range(2, count + 1)]


def _by_key(keys: list[tuple[str, ...]], ranks: list[int]) -> Iterable[list[int]]:
    """The items of each key, in rank order (ties in input order)."""
    members: dict[str, list[int]] = defaultdict(list)
    for item in sorted(range(len(keys)), key=ranks.__getitem__):
        for key in dict.fromkeys(keys[item]):
            members[key].append(item)
    return members.values()


def prefix_length(size: int, need: list[int]) -> int:
    """How many of a list's rarest occurrences any list that can match it must share one of.

    A partner of length n needs overlap need[size + n], and at least that much length; the least such need over
    all partners is the overlap every match has, so the prefix is size - that + 1 (all of it for an empty list).
    """
    if not size:
        return 0
    for partner in range(size + 1):
        if partner >= need[size + partner]:
            return size - need[size + partner] + 1
    return size


def _join(members: list[int], ids: list[list[int]], ranks: list[int], need: list[int],
          found: dict[int, set[int]]) -> None:
    """Probe the index with each rank's items, then index them: an item meets only items of earlier ranks."""
    index = _BitIndex()
    for _, batch_items in groupby(members, key=ranks.__getitem__):
        batch = list(batch_items)
        for item in batch:
            found[item].update(index.enough_overlap(ids[item], need))
        for item in batch:
            index.add(item, ids[item])


class _BitIndex:
    """Lists indexed by bit: a bit set of the lists having each occurrence, and of the lists of each length."""

    def __init__(self) -> None:
        self.items: list[int] = []  # bit position -> item
        self.postings: dict[int, int] = {}  # occurrence id -> bit set of the lists that have it
        self.by_length: dict[int, int] = {}  # length -> bit set of the lists that long
        self.wanted: dict[int, list[tuple[int, int]]] = {}  # probe length -> (least overlap, bit set of lists)

    def add(self, item: int, ids: list[int]) -> None:
        bit = 1 << len(self.items)
        self.items.append(item)
        for occurrence in ids:
            self.postings[occurrence] = self.postings.get(occurrence, 0) | bit
        self.by_length[len(ids)] = self.by_length.get(len(ids), 0) | bit
        self.wanted.clear()

    def enough_overlap(self, ids: list[int], need: list[int]) -> list[int]:
        """The indexed lists whose overlap with `ids` is at least need[their length + len(ids)]."""
        if not self.items:
            return []
        counter: list[int] = []  # bit b of every list's overlap, as one bit set per b
        get = self.postings.get
        for occurrence in ids:
            _add_bits(counter, get(occurrence, 0))
        chosen = 0
        for least, lists in self._wanted(len(ids), need):
            chosen |= _at_least(counter, least, lists)
        return self._items_of(chosen)

    def _wanted(self, size: int, need: list[int]) -> list[tuple[int, int]]:
        """The indexed lists grouped by the least overlap a probe of `size` needs with them (cached until an add)."""
        if size not in self.wanted:
            groups: dict[int, int] = {}
            for length, lists in self.by_length.items():
                least = need[length + size]
                groups[least] = groups.get(least, 0) | lists
            self.wanted[size] = list(groups.items())
        return self.wanted[size]

    def _items_of(self, bits: int) -> list[int]:
        out = []
        while bits:
            lowest = bits & -bits
            out.append(self.items[lowest.bit_length() - 1])
            bits ^= lowest
        return out


def _add_bits(counter: list[int], bits: int) -> None:
    """Add 1 to the count of every list in `bits`: a ripple-carry add across the counter's bit planes."""
    for plane, value in enumerate(counter):
        if not bits:
            return
        counter[plane], bits = value ^ bits, value & bits
    if bits:
        counter.append(bits)


def _at_least(counter: list[int], least: int, among: int) -> int:
    """The lists of `among` whose count is at least `least`, comparing bit planes from the top."""
    if least >> len(counter):
        return 0
    above, equal = 0, among
    for plane in range(len(counter) - 1, -1, -1):
        if (least >> plane) & 1:
            equal &= counter[plane]
        else:
            above |= equal & counter[plane]
            equal &= ~counter[plane]
        if not equal:
            break
    return above | equal


def _verified(later: int, earlier: list[int], tokens: list[list[str]], need: list[int],
              threshold: float) -> Iterator[tuple[int, float]]:
    """The candidates (their overlap, so real_quick_ratio and quick_ratio, already enough) whose ratio reaches the
    threshold: those whose longest common subsequence is enough, as difflib's matching blocks are one.

    The later list is difflib's second sequence, set once: its b2j is built once for all its candidates.
    """
    b = tokens[later]
    positions = _positions(b)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(b)
    for item in earlier:
        a = tokens[item]
        if lcs_length(a, positions, len(b)) < need[len(a) + len(b)]:
            continue
        matcher.set_seq1(a)
        ratio = matcher.ratio()
        if ratio >= threshold:
            yield item, ratio


def _positions(words: list[str]) -> dict[str, int]:
    """Each word's positions in `words`, as a bit set."""
    positions: dict[str, int] = {}
    for position, word in enumerate(words):
        positions[word] = positions.get(word, 0) | 1 << position
    return positions


def lcs_length(a: list[str], positions: dict[str, int], size: int) -> int:
    """The length of the longest common subsequence of `a` and a list of `size` words with these `positions`.

    Bit-parallel (Allison and Dix; Hyyro): one bit per position of the second list, a few integer operations per
    word of the first.
    """
    mask = (1 << size) - 1
    row = mask
    for word in a:
        matches = positions.get(word)
        if matches:
            shared = row & matches
            row = ((row + shared) | (row - shared)) & mask
    return size - row.bit_count()
