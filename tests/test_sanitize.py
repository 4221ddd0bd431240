"""Cleaning untrusted strings: bidi controls kept within their string, titles bounded, long tokens made
breakable, messages printable; and the taxonomy's guard against patterns that take exponential time."""

from __future__ import annotations

import re
import time
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.redos import exponential_part
from reportdiff.sanitize import (
    BREAK_EVERY,
    EMBEDDINGS,
    ISOLATES,
    POP_EMBEDDING,
    POP_ISOLATE,
    balance_bidi,
    bounded,
    breakable,
    isolate_bidi,
    printable,
)
from reportdiff.taxonomy import shipped_text

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TEXT = st.text(alphabet=st.sampled_from(list("ab \u05d0\u05d1") + list(BIDI)), max_size=40)


def _open_at_end(text: str) -> list[str]:
    """The embeddings and isolates still open after `text`, by the rules of UAX #9 (a PDI closes the
    embeddings inside its isolate; a closer with nothing to close is ignored)."""
    stack: list[str] = []
    for ch in text:
        if ch in EMBEDDINGS or ch in ISOLATES:
            stack.append(ch)
        elif ch == POP_EMBEDDING and stack and stack[-1] in EMBEDDINGS:
            stack.pop()
        elif ch == POP_ISOLATE and any(o in ISOLATES for o in stack):
            while stack.pop() not in ISOLATES:
                pass
    return stack


@settings(max_examples=300)
@given(text=TEXT)
def test_balanced_text_closes_everything_it_opens_and_keeps_its_letters(text):
    balanced = balance_bidi(text)
    assert _open_at_end(balanced) == []
    assert re.sub(f"[{BIDI}]", "", balanced) == re.sub(f"[{BIDI}]", "", text)


@settings(max_examples=300)
@given(text=TEXT)
def test_isolated_text_is_one_closed_isolate_when_it_has_controls(text):
    isolated = isolate_bidi(text)
    assert _open_at_end(isolated) == []
    if any(ch in BIDI for ch in text):
        assert isolated.startswith("\u2068") and isolated.endswith("\u2069")
    else:
        assert isolated == text


def test_an_override_left_open_in_a_finding_is_closed_before_the_tools_words():
    assert balance_bidi("missing \u202echildren") == "missing \u202echildren\u202c"
    assert balance_bidi("a \u2066b \u202bc") == "a \u2066b \u202bc\u202c\u2069"
    assert balance_bidi("stray \u202c\u2069 closers") == "stray  closers"


@settings(max_examples=200)
@given(text=st.text(alphabet=st.sampled_from(list("ab .")), max_size=400), limit=st.integers(10, 200))
def test_a_bounded_title_fits_and_is_a_prefix_cut_at_a_word_when_one_is_near(text, limit):
    cut = bounded(text, limit)
    assert len(cut) <= limit
    assert (
        cut == text if len(text) <= limit else text.startswith(cut[:-1].rstrip()) and cut.endswith("\u2026")
    )


@settings(max_examples=200)
@given(text=st.text(alphabet=st.sampled_from(list("ax \u200b")), max_size=500))
def test_breakable_text_reads_the_same_has_no_long_run_and_does_not_change_twice(text):
    broken = breakable(text)
    assert broken.replace("\u200b", "") == text.replace("\u200b", "")
    assert all(len(run) <= BREAK_EVERY for run in re.split(r"[\s\u200b]", broken))
    assert breakable(broken) == broken


def test_breakable_changes_keys_and_values_alike_so_ids_still_match():
    long_id = "d" * 100
    data = {"documents": [{"id": long_id}], "by_id": {long_id: 1}, "sha256": "f" * 64}
    broken = breakable(data)
    assert list(broken["by_id"]) == [broken["documents"][0]["id"]] and broken["sha256"] == "f" * 64


@given(text=st.text())
def test_a_printable_message_has_no_control_format_or_separator_character(text):
    assert not re.search(
        "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]", printable(text)
    )


EXPONENTIAL = [
    r"(a+)+$",
    r"(a|a)+$",
    r"(?:x|a+)+$",
    r"((a+)b?)+$",
    r"(a*)*$",
    r"(?:\w+\s?)+$",
    r"([a-z]+\s*)+$",
    r"(?:aa|a)+$",
    r"(?:a?a)+$",
    r"(.*a){12}",
]
LINEAR = [
    r"(?:\w+ ){0,3}children$",
    r"(\d+-)+\d",
    r"^(?:[^|]{1,30}\|){3,}",
    r"(?:ed|es)+$",
    r"(?:-?\d)+$",
    r"\b(?:children|child|young people)\b",
    r"(\w+)\s(\w+)",
    r"(?:\w+\s+){0,3}?(?:inspections?|reports?)\b",
]
ADVERSARIAL = ["a" * 28 + "!", "ab" * 14 + "!", "aaa " * 8 + "!", "1-" * 14 + "!", "x" * 28 + "!"]


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_a_pattern_that_can_take_exponential_time_is_refused(pattern):
    assert exponential_part(pattern)


@pytest.mark.parametrize("pattern", LINEAR)
def test_a_pattern_that_splits_text_one_way_is_allowed_and_fast(pattern):
    assert exponential_part(pattern) == ""
    compiled = re.compile(pattern, re.IGNORECASE)
    started = time.perf_counter()
    for text in ADVERSARIAL:
        compiled.search(text * 20)
    assert time.perf_counter() - started < 1


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_every_shipped_pattern_passes_the_guard():
    assert [s for s in _strings(tomllib.loads(shipped_text())) if exponential_part(s)] == []
