"""The regex prefilter: a pattern is skipped only where it cannot match, whatever the pattern and the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.prefilter import can_match, matchable, needed
from reportdiff.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
PATTERNS = tuple(
    [p for theme in TAXONOMY.themes for p in theme.patterns]
    + [
        p
        for group in (
            TAXONOMY.concern,
            TAXONOMY.concern_strong,
            TAXONOMY.progress,
            TAXONOMY.progress_strong,
            TAXONOMY.demand,
            TAXONOMY.negators,
            TAXONOMY.purpose,
            TAXONOMY.future,
        )
        for p in group
    ]
    + [p for rule in TAXONOMY.noise_lines for p in rule.patterns]
    + [p for _, p in TAXONOMY.speakers]
    + [
        re.compile(source, flags)
        for source, flags in (
            (r"\bMASH\b", 0),
            (r"(?i)risk (?-i:Assessment)", 0),
            (r"(?:ab|cd)+ef", re.I),
            (r"x{2,}yz", 0),
            (r"(?=look)ahead", re.I),
            (r"caf\u00e9s?", re.I),
            (r"stra\u00dfe", re.I),
            (r"(a)b\1", 0),
            (r"", re.I),
        )
    ]
)
# Texts built from the patterns' own words, in any case, with some non-ASCII letters that fold to ASCII ones.
FRAGMENTS = (
    "missing children",
    "RISK ASSESSMENT",
    "Risk Assessment",
    "partners",
    "not effectively",
    "serious concerns",
    "well-being of its staff",
    "0300 071 6781",
    "press office",
    "the inspectorate said",
    "abcdef",
    "xxxyz",
    "lookahead",
    "caf\u00e9",
    "STRASSE",
    "stra\u00dfe",
    "aba",
    "\u212aelvin",
    "\u017ftaffing",
    "K",
    "\u0130nspectors",
    "MASH",
    "mash",
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=8).map(" ".join))
def test_a_pattern_is_skipped_only_when_it_cannot_match(text):
    kept = matchable(PATTERNS, text)
    for pattern in PATTERNS:
        if pattern.search(text):
            assert pattern in kept
            assert can_match(pattern, text)
    assert kept == [p for p in PATTERNS if p in kept]  # order kept


def test_needed_strings_come_from_literals_and_branches():
    assert needed(re.compile(r"\bstaffing\b", re.I)) == (True, ("staffing",))
    folded, strings = needed(re.compile(r"\b(?:officers?|staff|workforce)\b", re.I))
    assert folded and set(strings) == {"officer", "staff", "workforce"}
    assert needed(re.compile(r"\d{1,2}/\d{1,2}/\d{4}")) == (False, ())


def test_case_insensitive_pattern_on_non_ascii_text_is_always_run():
    pattern = re.compile(r"\bstaffing\b", re.I)
    assert can_match(
        pattern, "\u017fTAFFING"
    )  # the long s folds to s: re matches it, a substring test would not
    assert pattern.search("\u017fTAFFING")
