"""The exact best-match search: the same matches as trying every pair, and the bounds it relies on hold."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff import similarity
from reportdiff.similarity import (
    best_matches,
    lcs_length,
    least_overlaps,
    matching_words,
    word_positions,
)

word_lists = st.lists(st.lists(st.sampled_from("abcdefg"), max_size=16), max_size=24)
thresholds = st.sampled_from([0.01, 0.3, 0.5, 0.5, 2 / 3, 0.7, 0.9, 0.95, 1.0])
# House style: a few frames, subjects, topics and fillers, so that unrelated lists share half their words.
FRAMES = (
    "we found the force did not {verb} {topic}",
    "the force should {verb} {topic}",
    "inspectors were concerned that {subject} did not {verb} {topic}",
    "{subject} {verb} {topic} well",
)
formulaic = st.builds(
    lambda frame, subject, verb, topic, fillers: (
        frame.format(subject=subject, verb=verb, topic=topic) + " " + " ".join(fillers)
    ).split(),
    st.sampled_from(FRAMES),
    st.sampled_from(("officers", "supervisors", "the force")),
    st.sampled_from(("record", "review", "manage")),
    st.sampled_from(("missing children", "risk assessments", "the risks to children", "referrals")),
    st.lists(
        st.sampled_from(
            (
                "in the cases we reviewed",
                "across the force area",
                "in the control room",
                "for children at risk",
            )
        ),
        max_size=2,
    ),
)


def every_pair(tokens, ranks, keys, threshold, best):
    """The definition: for each later list, its `best` highest ratios among earlier lists sharing a key."""
    out = []
    for j, b in enumerate(tokens):
        scored = []
        for i, a in enumerate(tokens):
            if ranks[i] < ranks[j] and set(keys[i]) & set(keys[j]):
                ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
                if ratio >= threshold:
                    scored.append((-ratio, -ranks[i], i))
        out += [(i, j, -negative) for negative, _, i in sorted(scored)[:best]]
    return sorted(out, key=lambda m: m[1])


def joined(tokens, data, threshold, best):
    ranks = data.draw(st.lists(st.integers(0, 3), min_size=len(tokens), max_size=len(tokens)))
    keys = data.draw(
        st.lists(
            st.lists(st.sampled_from("xyz"), min_size=1, max_size=2).map(tuple),
            min_size=len(tokens),
            max_size=len(tokens),
        )
    )
    found = sorted(best_matches(tokens, ranks, keys, threshold, best), key=lambda m: m[1])
    return found, every_pair(tokens, ranks, keys, threshold, best)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(word_lists, st.data(), thresholds, st.integers(1, 3))
def test_best_matches_are_the_best_of_trying_every_pair(tokens, data, threshold, best):
    found, expected = joined(tokens, data, threshold, best)
    assert found == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(formulaic, max_size=60), st.data(), st.sampled_from([0.5, 0.7, 0.9]), st.integers(1, 2))
def test_best_matches_are_exact_on_formulaic_sentences(tokens, data, threshold, best):
    found, expected = joined(tokens, data, threshold, best)
    assert found == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(word_lists, st.lists(formulaic, max_size=30)), st.data(), thresholds, st.integers(1, 3))
def test_the_banded_search_is_exact_too(tokens, data, threshold, best):
    """With no list counted as having few candidates, every search seeds and goes through the bands."""
    few, similarity.FEW = similarity.FEW, 0
    try:
        found, expected = joined(tokens, data, threshold, best)
    finally:
        similarity.FEW = few
    assert found == expected


def test_many_candidates_go_through_the_bands_and_stay_exact():
    """Forty earlier lists pass the threshold: more than the few refined at once, so the bands are used."""
    tokens = [f"we found the force did not record risk in case {n} of {n % 7}".split() for n in range(60)]
    ranks, keys = [0] * 40 + [1] * 20, [("x",)] * 60
    found = sorted(best_matches(tokens, ranks, keys, 0.5, 2), key=lambda m: m[1])
    assert found == every_pair(tokens, ranks, keys, 0.5, 2)
    assert len(found) == 40


def test_ties_go_to_the_later_rank_then_the_first_list():
    tokens = [["a", "b"], ["a", "b"], ["a", "b"], ["a", "b"]]
    assert best_matches(tokens, [0, 1, 1, 2], [("x",)] * 4, 0.5, 2)[-2:] == [(1, 3, 1.0), (2, 3, 1.0)]


def test_two_lists_without_words_match_as_difflib_rates_them_one():
    assert best_matches([[], [], ["a"]], [0, 1, 1], [("x",), ("x",), ("x",)], 0.5) == [(0, 1, 1.0)]


@settings(max_examples=500)
@given(
    st.one_of(st.lists(st.sampled_from("abcd"), max_size=30), formulaic),
    st.one_of(st.lists(st.sampled_from("abcd"), max_size=30), formulaic),
)
def test_matching_words_are_difflibs_matching_blocks(a, b):
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    assert matching_words(a, word_positions(b), len(b)) == sum(block.size for block in blocks)


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
