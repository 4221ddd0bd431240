"""The exact similarity join: the same pairs as trying every pair, and the bounds it relies on hold."""
from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.similarity import (
    lcs_length, least_overlaps, ordered_occurrences, prefix_length, ratio_join,
)

word_lists = st.lists(st.lists(st.sampled_from("abcdefg"), max_size=16), max_size=24)
thresholds = st.sampled_from([0.01, 0.3, 0.5, 0.5, 2 / 3, 0.7, 0.9, 0.95, 1.0])


def every_pair(tokens, ranks, keys, threshold):
    """The definition: SequenceMatcher on every pair of earlier and later lists that share a key."""
    out = []
    for j, b in enumerate(tokens):
        for i, a in enumerate(tokens):
            if ranks[i] < ranks[j] and set(keys[i]) & set(keys[j]):
                ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
                if ratio >= threshold:
                    out.append((i, j, ratio))
    return sorted(out, key=lambda p: (p[1], p[0]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(word_lists, st.data(), thresholds)
def test_join_finds_exactly_the_pairs_of_trying_every_pair(tokens, data, threshold):
    ranks = data.draw(st.lists(st.integers(0, 3), min_size=len(tokens), max_size=len(tokens)))
    keys = data.draw(st.lists(st.lists(st.sampled_from("xyz"), min_size=1, max_size=2).map(tuple),
                              min_size=len(tokens), max_size=len(tokens)))
    joined = sorted(ratio_join(tokens, ranks, keys, threshold), key=lambda p: (p[1], p[0]))
    assert joined == every_pair(tokens, ranks, keys, threshold)


def test_two_lists_without_words_match_as_difflib_rates_them_one():
    assert ratio_join([[], [], ["a"]], [0, 1, 1], [("x",), ("x",), ("x",)], 0.5) == [(0, 1, 1.0)]


def test_least_overlap_is_the_least_that_difflib_accepts():
    for threshold in (0.1, 0.5, 0.7, 0.9, 1.0):
        need = least_overlaps(60, threshold)
        for total in range(1, 61):
            assert 2.0 * need[total] / total >= threshold
            assert need[total] == 0 or 2.0 * (need[total] - 1) / total < threshold


def longest_common_subsequence(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


@given(st.lists(st.sampled_from("abcd"), max_size=30), st.lists(st.sampled_from("abcd"), max_size=70))
def test_bit_parallel_lcs_is_the_longest_common_subsequence(a, b):
    positions: dict[str, int] = {}
    for position, word in enumerate(b):
        positions[word] = positions.get(word, 0) | 1 << position
    assert lcs_length(a, positions, len(b)) == longest_common_subsequence(a, b)


@given(word_lists, thresholds)
def test_lists_that_can_match_share_an_occurrence_in_their_prefixes(tokens, threshold):
    """The prefix filter group.merge_echoes relies on: a pair that reaches the ratio shares a rare occurrence."""
    ordered = ordered_occurrences(tokens)
    need = least_overlaps(2 * max(map(len, tokens), default=0), threshold)
    prefixes = [set(ids[: prefix_length(len(ids), need)]) for ids in ordered]
    for i, a in enumerate(tokens):
        for j, b in enumerate(tokens):
            if a and b and SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold:
                assert prefixes[i] & prefixes[j]
