"""Exact similarity search: each word list's most alike earlier lists by difflib's ratio, without trying every
pair.

difflib's ratio is 2M/(|a|+|b|), and M, the words in its matching blocks, is at most the multiset overlap of a
and b (what `quick_ratio` counts) and at most their longest common subsequence (the matching blocks are a
common subsequence). Both give upper bounds on the ratio, computed in floats as difflib computes it, so a pair
whose bound is below a ratio cannot reach it.

`best_matches` searches best first: candidates come out of an index in falling bands of their overlap bound,
wait in a heap ordered by their best bound so far, and are refined (subsequence, then the ratio) only when
they reach the top; a list's search stops once it holds as many exact ratios as wanted above every bound left.
So the ratio is computed for few more pairs than are returned, however many pairs pass the threshold. It is
computed by `matching_words`, difflib's own algorithm less what junk needs (none here), at half difflib's
cost; tests hold it to difflib's answer. `NearDuplicates` uses the same index and bounds for echo merging:
every list of a group that reaches a high ratio, in the order added.

Overlaps come from an inverted index whose postings are bit sets: for each word occurrence (a word occurring
twice is two occurrences, "the" and "the#2", so sets of occurrences intersect exactly as the multisets do), an
integer with one bit per indexed list. Adding a probe's postings into a bit-sliced counter gives every indexed
list's overlap with the probe at once, in a few big-integer operations per occurrence; comparing the counter
with the least overlap for each length picks the lists whose bound reaches a band. Python's integers do the
work in C, a machine word at a time.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterator
from itertools import groupby

# The overlap bands of the search, as shares of the way from the threshold up to 1: the first holds only lists
# whose bound is 1, the last reaches down to the threshold.
BANDS = (1.0, 0.8, 0.6, 0.4, 0.2, 0.0)
# A list with this few candidates at the threshold skips the bands: it refines them all at once.
FEW = 32
# How far a heap entry's bound has been refined: the overlap, the subsequence, difflib's ratio.
_OVERLAP, _SUBSEQUENCE, _EXACT = range(3)

Match = tuple[int, int, float]  # (earlier list, later list, difflib ratio)


def best_matches(
    tokens: list[list[str]], ranks: list[int], keys: list[tuple[str, ...]], threshold: float, best: int = 1
) -> list[Match]:
    """For each list j, the `best` lists i with ranks[i] < ranks[j] and a key in common whose
    SequenceMatcher(None, tokens[i], tokens[j], autojunk=False).ratio() is highest and reaches `threshold`
    (0 < threshold <= 1); between equal ratios, the higher rank, then the lower i. By j, best first."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold {threshold} is not in (0, 1]")
    occurrences = [occurrences_of(words) for words in tokens]
    longest = 2 * max(map(len, tokens), default=0)
    bands = tuple(threshold + share * (1 - threshold) for share in BANDS)
    needs = tuple(least_overlaps(longest, band) for band in bands)
    distinct = [tuple(dict.fromkeys(item_keys)) for item_keys in keys]
    indexes: dict[str, _BitIndex] = {}
    found: list[Match] = []
    batches = [
        list(batch)
        for _, batch in groupby(sorted(range(len(tokens)), key=ranks.__getitem__), key=ranks.__getitem__)
    ]
    for position, batch in enumerate(batches):
        for later in batch:  # probe with a whole rank before indexing it: a list meets only earlier ranks
            own = [indexes[key] for key in distinct[later] if key in indexes]
            if own:
                search = _Search(later, tokens, occurrences, ranks, bands, best)
                found.extend((earlier, later, ratio) for earlier, ratio in search.run(own, needs))
        if position + 1 < len(batches):
            for item in batch:
                for key in distinct[item]:
                    indexes.setdefault(key, _BitIndex()).add(item, occurrences[item])
    return found


def least_overlaps(longest: int, threshold: float) -> list[int]:
    """For each total length L up to `longest`, the least overlap k with 2.0 * k / L >= threshold, in
    floats."""
    need = [0]
    _extend(need, longest, threshold)
    return need


def _extend(need: list[int], longest: int, threshold: float) -> None:
    """Extend a table of `least_overlaps` in place (its identity is a cache key) up to `longest`."""
    for total in range(len(need), longest + 1):
        k = max(0, int(threshold * total / 2) - 1)
        while 2.0 * k / total < threshold:
            k += 1
        need.append(k)


class NearDuplicates:
    """Word lists in groups, indexed to find those of a group that read at least `threshold` alike a new list.

    The bounds of `best_matches`: only lists whose overlap with the new one is enough for their lengths are
    tried, by their longest common subsequence, then by difflib's matching blocks. For echo merging (ratio
    0.9), where trying every pair of an inspection's sentences is quadratic.
    """

    def __init__(self, threshold: float) -> None:
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold {threshold} is not in (0, 1]")
        self.threshold = threshold
        self.need = least_overlaps(0, threshold)
        self.groups: dict[Hashable, _BitIndex] = {}
        self.tokens: dict[int, list[str]] = {}
        self.longest = 0

    def add(self, group: Hashable, item: int, words: list[str], occurrences: list[str] | None = None) -> None:
        """Index `words` as `item` of `group`; items of a group are added in increasing order. `occurrences`:
        `occurrences_of(words)`, where the caller has it already."""
        self.longest = max(self.longest, len(words))
        _extend(self.need, 2 * self.longest, self.threshold)
        self.tokens[item] = words
        if occurrences is None:
            occurrences = occurrences_of(words)
        self.groups.setdefault(group, _BitIndex()).add(item, occurrences)

    def alike(
        self,
        group: Hashable,
        words: list[str],
        first: int | None = None,
        occurrences: list[str] | None = None,
    ) -> Iterator[int]:
        """The items of `group`, in order, whose SequenceMatcher(None, item's words, words,
        autojunk=False).ratio() reaches the threshold; with `first`, only among the group's first items
        added. `occurrences`: `occurrences_of(words)`, where the caller has it already."""
        index = self.groups.get(group)
        if index is None or first == 0:
            return
        _extend(self.need, 2 * max(len(words), self.longest), self.threshold)
        if occurrences is None:
            occurrences = occurrences_of(words)
        among = -1 if first is None else (1 << first) - 1  # the bits of the items searched
        counter = index.count(occurrences, among)
        items = index.items_of(index.reaching(counter, len(occurrences), self.need) & among)
        if not items:
            return
        positions, b2j = _positions(words), word_positions(words)
        for item in items:  # bit order is the order added
            a = self.tokens[item]
            total = len(a) + len(words)
            if not total or (
                2.0 * lcs_length(a, positions, len(words)) / total >= self.threshold
                and 2.0 * matching_words(a, b2j, len(words)) / total >= self.threshold
            ):
                yield item


def occurrences_of(words: list[str]) -> list[str]:
    """The distinct words, then each repeat marked with its count ("the#2"); '#' is never part of a word."""
    if len(dict.fromkeys(words)) == len(words):
        return words
    counts: dict[str, int] = {}
    tagged = []
    for word in words:
        count = counts[word] = counts.get(word, 0) + 1
        if count > 1:
            tagged.append(f"{word}#{count}")
    return [*counts, *tagged]


class _Search:
    """One list's best-first search among the indexed lists: a heap of candidates keyed by their best
    bound."""

    def __init__(
        self,
        later: int,
        tokens: list[list[str]],
        occurrences: list[list[str]],
        ranks: list[int],
        bands: tuple[float, ...],
        best: int,
    ) -> None:
        self.tokens, self.occurrences, self.ranks, self.bands, self.best = (
            tokens,
            occurrences,
            ranks,
            bands,
            best,
        )
        self.words = tokens[later]
        self.heap: list[tuple[float, int, int, int]] = []  # (-bound, -rank, list, how far refined)
        self.seen: set[int] = set()
        self.found: list[tuple[int, float]] = []
        self.probe = occurrences[later]
        self.own = frozenset(self.probe)
        self.positions: dict[str, int] | None = None
        self.b2j: dict[str, list[int]] | None = None

    def run(self, indexes: list[_BitIndex], needs: tuple[list[int], ...]) -> list[tuple[int, float]]:
        """The best matches, best first: band by band, the new candidates, then every entry whose bound
        reaches it.

        A list with few candidates at the threshold takes them all in one band.
        """
        size, last = len(self.probe), len(self.bands) - 1
        counters = [(index, counter) for index in indexes if (counter := index.count(self.probe)) or not size]
        reached = [
            (index, counter, bits)
            for index, counter in counters
            if (bits := index.reaching(counter, size, needs[last]))
        ]
        if not reached:
            return []
        bands = range(last + 1)
        if sum(bits.bit_count() for _, _, bits in reached) <= FEW:
            bands = range(last, last + 1)
        for band in bands:
            for index, counter, bits in reached:
                chosen = bits if band == last else index.reaching(counter, size, needs[band])
                self._push_new(index.items_of(chosen))
            if self._drain(self.bands[band]):
                break
        return self.found

    def _push_new(self, items: list[int]) -> None:
        """Candidates met for the first time, bounded by their overlap with the probe."""
        total, own, occurrences, ranks, heap = (
            len(self.words),
            self.own,
            self.occurrences,
            self.ranks,
            self.heap,
        )
        for item in items:
            if item not in self.seen:
                self.seen.add(item)
                length = total + len(self.tokens[item])
                bound = 2.0 * len(own.intersection(occurrences[item])) / length if length else 1.0
                heapq.heappush(heap, (-bound, -ranks[item], item, _OVERLAP))

    def _drain(self, bottom: float) -> bool:
        """Refine or take every entry whose bound reaches `bottom`; whether as many matches as wanted are
        found."""
        heap = self.heap
        while heap and -heap[0][0] >= bottom:
            negative, rank, item, stage = heapq.heappop(heap)
            if stage == _EXACT:
                self.found.append((item, -negative))
                if len(self.found) == self.best:
                    return True
                continue
            bound = self._refine(item, stage + 1)
            if bound >= self.bands[-1]:
                heapq.heappush(heap, (-bound, rank, item, stage + 1))
        return False

    def _refine(self, item: int, stage: int) -> float:
        """The bound on the ratio of `item` and the probe at `stage`: the subsequence, or the ratio itself."""
        a, b = self.tokens[item], self.words
        total = len(a) + len(b)
        if not total:
            return 1.0  # difflib rates two empty lists alike
        if stage == _SUBSEQUENCE:
            if self.positions is None:
                self.positions = _positions(b)
            return 2.0 * lcs_length(a, self.positions, len(b)) / total
        if self.b2j is None:
            self.b2j = word_positions(b)  # built once for all the probe's candidates
        return 2.0 * matching_words(a, self.b2j, len(b)) / total


class _BitIndex:
    """Lists indexed by bit: a bit set of the lists having each occurrence, and of the lists of each
    length."""

    def __init__(self) -> None:
        self.items: list[int] = []  # bit position -> item
        self.postings: dict[str, int] = {}  # occurrence -> bit set of the lists that have it
        self.by_length: dict[int, int] = {}  # length -> bit set of the lists that long
        self.wanted: dict[tuple[int, int], list[tuple[int, int]]] = {}  # see `_wanted`

    def add(self, item: int, occurrences: list[str]) -> None:
        bit = 1 << len(self.items)
        self.items.append(item)
        postings = self.postings
        for occurrence in occurrences:
            postings[occurrence] = postings.get(occurrence, 0) | bit
        self.by_length[len(occurrences)] = self.by_length.get(len(occurrences), 0) | bit
        self.wanted.clear()

    def count(self, occurrences: list[str], among: int = -1) -> list[int]:
        """Every indexed list's overlap with `occurrences`: bit b of the counts, as one bit set per b. Only
        the lists whose bits are in `among` are counted (narrow bit sets are cheaper to add)."""
        counter: list[int] = []
        postings = map(self.postings.get, occurrences)
        for bits in filter(None, postings if among == -1 else (p & among for p in postings if p)):
            # Add 1 to the count of every list in `bits`: a ripple-carry add across the counter's bit planes
            # (inline: this loop is the aligner's innermost).
            plane = 0
            while bits:
                if plane == len(counter):
                    counter.append(bits)
                    break
                value = counter[plane]
                counter[plane], bits = value ^ bits, value & bits
                plane += 1
        return counter

    def reaching(self, counter: list[int], size: int, need: list[int]) -> int:
        """The indexed lists whose overlap with a probe of `size` is at least need[their length + size]."""
        chosen = 0
        for least, lists in self._wanted(size, need):
            chosen |= _at_least(counter, least, lists)
        return chosen

    def _wanted(self, size: int, need: list[int]) -> list[tuple[int, int]]:
        """The indexed lists grouped by the least overlap a probe of `size` needs with them (cached until an
        add)."""
        cache_key = (size, id(need))  # the need tables live as long as the search
        groups = self.wanted.get(cache_key)
        if groups is None:
            by_least: dict[int, int] = {}
            for length, lists in self.by_length.items():
                least = need[length + size]
                if least <= min(length, size):  # else no list that long can overlap enough
                    by_least[least] = by_least.get(least, 0) | lists
            groups = self.wanted[cache_key] = list(by_least.items())
        return groups

    def items_of(self, bits: int) -> list[int]:
        items = self.items
        return [items[position] for position in set_bits(bits)]


def set_bits(bits: int) -> list[int]:
    """The positions of the bits set in `bits`, lowest first."""
    out = []
    while bits:
        lowest = bits & -bits
        out.append(lowest.bit_length() - 1)
        bits ^= lowest
    return out


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


def _positions(words: list[str]) -> dict[str, int]:
    """Each word's positions in `words`, as a bit set."""
    positions: dict[str, int] = {}
    for position, word in enumerate(words):
        positions[word] = positions.get(word, 0) | 1 << position
    return positions


def lcs_length(a: list[str], positions: dict[str, int], size: int) -> int:
    """The length of the longest common subsequence of `a` and a list of `size` words with these `positions`.

    Bit-parallel (Allison and Dix; Hyyro): one bit per position of the second list, a few integer operations
    per word of the first.
    """
    mask = (1 << size) - 1
    row = mask
    for word in a:
        matches = positions.get(word)
        if matches:
            shared = row & matches
            row = ((row + shared) | (row - shared)) & mask
    return size - row.bit_count()


def word_positions(words: list[str]) -> dict[str, list[int]]:
    """Each word's positions in `words`, in order (difflib's b2j, without junk)."""
    positions: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        positions.setdefault(word, []).append(position)
    return positions


def matching_words(a: list[str], b2j: dict[str, list[int]], size: int) -> int:
    """The words in the matching blocks SequenceMatcher(None, a, b, autojunk=False) finds, b having these
    positions.

    difflib's own algorithm without what junk needs: the longest common run of the region (the first in a,
    then in b, among the longest), then the same on each side of it. Without junk every word is in b2j, so
    difflib's loops that extend a run over junk never fire. Tests compare it with difflib on random and
    formulaic lists.
    """
    total = 0
    regions = [(0, len(a), 0, size)]
    while regions:
        alo, ahi, blo, bhi = regions.pop()
        besti = bestj = bestsize = 0
        runs: dict[
            int, int
        ] = {}  # run length of the match ending at each position of b, for the previous word
        for i in range(alo, ahi):
            longer: dict[int, int] = {}
            for j in b2j.get(a[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = longer[j] = runs.get(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            runs = longer
        if bestsize:
            total += bestsize
            if alo < besti and blo < bestj:
                regions.append((alo, besti, blo, bestj))
            if besti + bestsize < ahi and bestj + bestsize < bhi:
                regions.append((besti + bestsize, ahi, bestj + bestsize, bhi))
    return total
