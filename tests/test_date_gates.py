"""Date mentions: the words' test that spares most lines most patterns changes nothing found, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff import date_mentions
from reportdiff.date_mentions import find_dates

PIECES = st.sampled_from(
    (  # noqa: SIM905 - a sentence's words are easier to read as one string
        "in March MAY auguſt Auguſt 2019 ٢٠١٩ last laſt year ago three ſeven weeks week Monday ſunday 4 "
        "12/03/2021 2021/22 - – ’s İn spring ſpring early the , é “ Sept. 10th of between and this month "
        "Kelvin K 3 published today (August 18)"
    ).split(" ")
)


def _every_pattern(text: str) -> list[tuple[int, int, str]]:
    gate = date_mentions._plainly_cased
    date_mentions._plainly_cased = lambda _: False  # every line tried in full
    try:
        return [(m.start, m.end, m.text) for m in find_dates(text)]
    finally:
        date_mentions._plainly_cased = gate


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=14).map(" ".join))
def test_gated_patterns_find_what_every_pattern_finds(text):
    assert [(m.start, m.end, m.text) for m in find_dates(text)] == _every_pattern(text)


def test_letters_that_fold_to_ascii_keep_their_dates():
    assert [m.text for m in find_dates("published in Auguſt 2019")] == ["Auguſt 2019"]
    assert [m.year for m in find_dates("the year ٢٠١٩ and 2020")][-1] == 2020
