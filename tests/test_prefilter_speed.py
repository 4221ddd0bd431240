"""The sieve: many groups of patterns screened at once, keeping what `matchable` keeps or less, but never a
pattern that can match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.prefilter import Sieve, conditions, matchable, needed, word_starts
from reportdiff.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
# Patterns whose word starts are easy to get wrong: optional and repeated parts before a word, word characters
# that are not letters, case-sensitive and unreadable parts.
ODD = tuple(
    re.compile(source, flags)
    for source, flags in (
        (r"(?:\w+ ){0,2}risk", re.I),
        (r"x-?risk", re.I),
        (r"-risk", re.I),
        (r"\bwell[- ](?:led|managed)\b", re.I),
        (r"\s+(?:was|is) good\b", re.I),
        (r"\bMASH\b", 0),
        (r"(?i)risk (?-i:Assessment)", 0),
        (r"(?:ab|cd)+ef", re.I),
        (r"(?=look)ahead", re.I),
        (r"caf\u00e9s?", re.I),
        (r"(a)b\1", 0),
        (r"\b(?:information|intelligence) (?:\w+ ){0,6}?shared\b", re.I),
        (r"\bno (?:significant |further )?concerns\b", re.I),
        (r"[^ ]risk", re.I),
        (r"\Brisk", re.I),
        (r"_risk", re.I),
        (r"", re.I),
    )
)
GROUPS = (
    *(theme.patterns for theme in TAXONOMY.themes),
    TAXONOMY.neutral,
    TAXONOMY.concern,
    TAXONOMY.concern_strong,
    TAXONOMY.demand,
    TAXONOMY.progress,
    TAXONOMY.progress_strong,
    TAXONOMY.purpose,
    TAXONOMY.future,
    TAXONOMY.negators,
    ODD,
)
SIEVE = Sieve(GROUPS)
FRAGMENTS = (
    "children at risk",
    "xrisk",
    "x-risk",
    "9risk",
    "_risk",
    "risk_",
    "well-led",
    "WELL LED",
    "was good",
    "is  Good",
    "MASH",
    "mash",
    "Risk Assessment",
    "cdabef",
    "lookahead",
    "caf\u00e9",
    "aba",
    "information was shared",
    "no further concerns",
    "\u017ftaffing",
    "\u212aelvin",
    "commitment to protecting children",
    "the force will, in the next year,",
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="abcdefrisk_-9 ,.'", max_size=10)), max_size=8
    ).map(" ".join)
)
def test_a_sieve_keeps_every_pattern_that_can_match_and_only_what_matchable_keeps(text):
    for patterns, kept in zip(GROUPS, SIEVE.matchable(text), strict=True):
        assert kept == [p for p in matchable(patterns, text) if p in kept]  # in order, no more
        assert all(p in kept for p in patterns if p.search(text))


def test_a_sieve_keeps_what_the_taxonomy_s_patterns_match_in_findings():
    sentences = (
        "Inspectors found that officers did not always recognise the risks to children.",
        "The force has made good progress in how it shares information with partners.",
        "We'll return to check whether the force has improved before the re-inspection.",
        "Safeguarding arrangements were graded as 'requires improvement' at the last inspection.",
    )
    for text in sentences:
        for patterns, kept in zip(GROUPS, SIEVE.matchable(text.lower()), strict=True):
            assert all(p in kept for p in patterns if p.search(text.lower()))


def test_word_starts_come_after_a_boundary_or_a_character_that_is_not_a_word_character():
    assert word_starts(re.compile(r"\bwell[- ](?:led|managed)\b", re.I)) == (("well",), ("led", "managed"))
    assert word_starts(re.compile(r"(?:\w+ ){0,2}risk", re.I)) == ()
    assert word_starts(re.compile(r"x-?risk", re.I)) == ()
    assert word_starts(re.compile(r"\s+(?:was|is) good\b", re.I)) == (("good",),)
    assert word_starts(re.compile(r"\bMASH\b")) == (("MASH",),)


def test_conditions_lead_with_what_needed_gives():
    for pattern in (p for group in GROUPS for p in group):
        folded, found = conditions(pattern)
        assert needed(pattern) == (folded, found[0] if found else ())


def test_a_text_that_is_not_ascii_gets_matchable_s_answer():
    text = "\u017ftaffing and children at risk"
    assert SIEVE.matchable(text) == [matchable(patterns, text) for patterns in GROUPS]
