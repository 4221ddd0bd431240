"""Shared passages between documents: the outermost runs of a pair, found without comparing every run with
every other."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.kinship import SHINGLE, _outermost, find_kinship


def _outermost_naive(runs: set[str]) -> set[str]:
    ordered = sorted(runs, key=len, reverse=True)
    kept: list[str] = []
    for run in ordered:
        if not any(f" {run} " in f" {longer} " for longer in kept):
            kept.append(run)
    return set(kept)


_WORDS = st.sampled_from(["the", "force", "did", "not", "always", "protect", "children", "at", "risk", "a"])
_RUNS = st.sets(st.lists(_WORDS, min_size=SHINGLE, max_size=14).map(" ".join), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_RUNS)
def test_outermost_runs_are_those_the_naive_comparison_keeps(runs):
    assert _joined(_outermost(_split(runs))) == _outermost_naive(runs)


def _split(runs: set[str]) -> set[tuple[str, ...]]:
    return {tuple(run.split()) for run in runs}


def _joined(runs: set[tuple[str, ...]]) -> set[str]:
    return {" ".join(run) for run in runs}


def test_a_passage_repeated_inside_a_longer_one_counts_once():
    runs = {
        "officers did not always recognise the risks to children",
        "did not always recognise the risks",
        "the risks to children who go missing",
    }
    assert _joined(_outermost(_split(runs))) == {
        "officers did not always recognise the risks to children",
        "the risks to children who go missing",
    }


def test_two_texts_sharing_a_quotation_are_kin():
    quote = "officers did not always recognise the risks to children who go missing from home"
    kin = find_kinship({"a": [f"The report said {quote}."], "b": [f"“{quote},” inspectors said."]}, {}, ())
    assert [(k.first, k.second) for k in kin] == [("a", "b")] and quote in kin[0].passages


def test_a_passage_two_texts_apart_both_hold_is_shared_by_no_pair():
    stock = "the force said it was committed to keeping children safe in the county"
    own = "inspectors found that officers did not always record the views of the child"
    texts = {"a": [f"{stock}."], "b": [f"{stock}. {own}."], "c": [f"{stock}. {own}."]}
    apart = {("a", "b"), ("a", "c")}
    kin = find_kinship(texts, {}, (), lambda x, y: (x, y) in apart or (y, x) in apart)
    assert [(k.first, k.second) for k in kin] == [("b", "c")]
    (passage,) = kin[0].passages  # the stock's last words run on into the text's own: only those are shared
    assert passage == f"safe in the county {own}"
    assert [k.passages for k in find_kinship(texts, {}, ())][-1] == (f"{stock} {own}",)
