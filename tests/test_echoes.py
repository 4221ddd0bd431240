"""Echo merging: the indexed search merges exactly what trying every earlier finding merges, in bounded
time."""

from __future__ import annotations

import time
from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from records import segment
from reportdiff.group import MERGE_RATIO, merge_echoes
from reportdiff.model import Segment
from reportdiff.similarity import NearDuplicates
from reportdiff.text import MAX_COMPARED_WORDS, comparable, words

INSPECTIONS = ("2019-03", "2020-11")
# A few words, so that random sentences often come close to the ratio; and a long sentence compared only
# whole.
WORDS = ("the", "force", "did", "not", "record", "risk", "children", "in", "cases", "we", "reviewed")
LONG = " ".join(["word"] * (MAX_COMPARED_WORDS + 5))


def shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens)} if len(tokens) < 3 else {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def merged_by_trying_every_finding(attributed: list[tuple[Segment, str, str]]) -> list[tuple[str, int]]:
    """The definition: each sentence joins the first earlier finding of its inspection that shares a shingle
    and reaches the ratio (or, too long to compare, is identical). As (first text, number of sources) per
    finding."""
    found: list[tuple[list[str], str, list[Segment]]] = []
    for seg, key, _ in attributed:
        tokens = words(seg.text)
        for other, other_key, sources in found:
            if other_key != key:
                continue
            if not comparable(tokens, other):
                alike = tokens == other
            else:
                alike = (
                    not shingles(tokens).isdisjoint(shingles(other))
                    and SequenceMatcher(None, other, tokens, autojunk=False).ratio() >= MERGE_RATIO
                )
            if alike:
                sources.append(seg)
                break
        else:
            found.append((tokens, key, [seg]))
    return [(sources[0].text, len(sources)) for _, _, sources in found]


sentences = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), st.just(LONG), st.just(LONG + " more")
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(sentences, st.sampled_from(INSPECTIONS)), max_size=40))
def test_merges_exactly_what_trying_every_earlier_finding_merges(drawn):
    attributed = [(segment(n, text), key, "") for n, (text, key) in enumerate(drawn)]
    found = [(f.text, len(f.sources)) for f in merge_echoes(attributed)]
    assert found == merged_by_trying_every_finding(attributed)


def test_near_duplicates_come_out_in_the_order_added_and_only_within_their_group():
    index = NearDuplicates(0.9)
    index.add("a", 0, "the force did not record the risk to children in the cases we reviewed".split())  # noqa: SIM905
    index.add("b", 1, "the force did not record the risk to children in the cases we reviewed".split())  # noqa: SIM905
    index.add("a", 2, "the force did not record the risk to the children in the cases we reviewed".split())  # noqa: SIM905
    index.add("a", 3, "the force did not record the risk to children in most cases we reviewed".split())  # noqa: SIM905
    probe = "the force did not record the risk to children in the cases we reviewed today".split()  # noqa: SIM905
    assert list(index.alike("a", probe)) == [0, 2]
    assert list(index.alike("c", probe)) == []


def test_twenty_thousand_distinct_formulaic_sentences_merge_in_seconds():
    """Issue 16's document: sentences of one frame whose slots come from short lists, none quite alike. Trying
    every earlier finding took minutes at this size; the test allows far more than the indexed search
    needs."""
    values = [f"w{i}" for i in range(30)]
    texts = [
        f"In the {values[n % 30]} case the officer recorded the {values[n // 30 % 30]} referral from "
        f"{values[n // 900 % 30]} and the {values[(n * 7) % 30]} team reviewed it within the week."
        for n in range(20_000)
    ]
    attributed = [(segment(n, text), "2019-03", "") for n, text in enumerate(texts)]
    start = time.perf_counter()
    findings = merge_echoes(attributed)
    assert time.perf_counter() - start < 60
    assert len(findings) < len(texts)  # some do read alike, and merge


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=12), max_size=30), st.data())
def test_near_duplicates_among_the_first_added_are_those_of_the_whole_group_that_early(lists, data):
    index = NearDuplicates(0.8)
    for item, tokens in enumerate(lists):
        index.add("a", item, tokens)
    probe = data.draw(st.lists(st.sampled_from(WORDS), max_size=12))
    first = data.draw(st.integers(0, len(lists)))
    assert list(index.alike("a", probe, first=first)) == [i for i in index.alike("a", probe) if i < first]
