"""A sentence repeating one another document gives for an earlier inspection recaps the earliest such
inspection: the indexed search, earliest inspection first, finds what trying every earlier sentence finds."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from records import segment
from reportdiff.group import NAMES_EVENT, RECAP_RATIO, RECAP_RUN, RECAP_WORDS, REPEATS, _recaps_by_words
from reportdiff.text import comparable, words

ORDER = ["2015-03", "2017-06", "2019-11", "2022-02"]
WORDS = ("the", "force", "did", "not", "record", "risk", "to", "children", "in", "cases", "we", "reviewed")


def recapped_by_trying_every_sentence(attributed, order):
    """The definition: the earliest earlier inspection another document gives a sentence alike this one for
    (ratio, both long enough to compare), or a sentence sharing a run of RECAP_RUN words with it."""
    rank = {key: n for n, key in enumerate(order)}
    tokens = [words(s.text) for s, _, _ in attributed]
    out = []
    for item, (seg, key, how) in enumerate(attributed):
        found = []
        mine = tokens[item]
        if how != NAMES_EVENT and rank.get(key):
            for other, (oseg, okey, _) in enumerate(attributed):
                theirs = tokens[other]
                if okey not in rank or rank[okey] >= rank[key] or oseg.document == seg.document:
                    continue
                runs = {tuple(theirs[i : i + RECAP_RUN]) for i in range(len(theirs) - RECAP_RUN + 1)}
                copies = any(tuple(mine[i : i + RECAP_RUN]) in runs for i in range(len(mine) - RECAP_RUN + 1))
                long_enough = comparable(mine, theirs) and min(len(mine), len(theirs)) >= RECAP_WORDS
                ratio = SequenceMatcher(None, theirs, mine, autojunk=False).ratio()
                alike = long_enough and ratio >= RECAP_RATIO
                if copies or alike:
                    found.append(rank[okey])
        out.append((seg, order[min(found)], REPEATS) if found else (seg, key, how))
    return out


sentence = st.lists(st.sampled_from(WORDS), min_size=6, max_size=14).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(sentence, st.sampled_from("abc"), st.sampled_from([*ORDER, "out-of-scope"]), st.booleans()),
        max_size=30,
    )
)
def test_recaps_are_those_trying_every_earlier_sentence_finds(drawn):
    attributed = [
        (segment(n, text, document), key, NAMES_EVENT if names else "the inspection its document reports")
        for n, (text, document, key, names) in enumerate(drawn)
    ]
    assert _recaps_by_words(attributed, ORDER, ()) == recapped_by_trying_every_sentence(attributed, ORDER)
