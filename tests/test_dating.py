"""Dating: each document's publication date from its own text, and how it was found."""
from __future__ import annotations

import pytest

from reportdiff.dating import date_document, find_dating
from reportdiff.errors import UndatedError
from reportdiff.model import Document, PartialDate, SourceLine, Speaker

LABELLED = "Some title\n\nPublished on: 24 March 2021\n\nWe inspected the force in 2018."
ISO_HEADER = " date 2025-08-25 HM Inspectorate\nA title line\nBody text here."
WEEKDAY = "The force said its report, published today (Friday, August 22), looked at five areas.\n" \
          "It mentions progress since March 2021."
WEEKDAY_NO_YEAR_AT_ALL = "Published today (Friday, August 22), the report looked at five areas."
RELEASE = "#022/2013 – Child protection release\nIn January the inspectorate found failings.\n" \
          "HMIC will re-inspect in October 2013."
LATEST_EVENT = "In January 2013 HMIC found failings.\nIn October 2013 HMIC found progress.\n" \
               "HMIC will re-inspect the force during 2014."
DATELINE = "Local Gazette\nHome | News\n\nHeadline here\nThursday 12 October 2017\n\nIn August 2017 inspectors..."
NOTHING = "A document with no date anywhere in it at all."


def _doc(text: str, name: str = "doc.txt") -> Document:
    lines = tuple(SourceLine(n, t) for n, t in enumerate(text.split("\n"), start=1))
    return Document(id="doc", path=f"/x/{name}", name=name, format="text", title="t", publisher="p",
                    publisher_role=Speaker.INSPECTORATE, subject="s", sha256="0" * 64, lines=lines)


def test_labelled_date_is_stated_with_its_line(taxonomy):
    dating = find_dating(_doc(LABELLED), taxonomy)
    assert dating.published == PartialDate(2021, 3, 24)
    assert not dating.inferred and "line 3" in dating.source


def test_iso_date_in_header_is_stated(taxonomy):
    dating = find_dating(_doc(ISO_HEADER), taxonomy)
    assert dating.published.iso() == "2025-08-25" and not dating.inferred


def test_weekday_without_year_takes_first_matching_year_from_latest_mentioned(taxonomy):
    dating = find_dating(_doc(WEEKDAY), taxonomy)
    assert dating.published.iso() == "2025-08-22"
    assert dating.inferred and "2021" in dating.source


def test_weekday_without_any_year_in_text_is_not_guessed(taxonomy):
    assert find_dating(_doc(WEEKDAY_NO_YEAR_AT_ALL), taxonomy) is None


def test_release_number_gives_year_only_and_is_inferred(taxonomy):
    dating = find_dating(_doc(RELEASE), taxonomy)
    assert dating.published == PartialDate(2013) and dating.inferred
    assert "#022/2013" in dating.source


def test_no_date_uses_latest_past_event_as_lower_bound_ignoring_future_plans(taxonomy):
    dating = find_dating(_doc(LATEST_EVENT), taxonomy)
    assert dating.published == PartialDate(2013, 10)
    assert dating.inferred and "lower bound" in dating.source


def test_dateline_near_the_top_is_stated(taxonomy):
    dating = find_dating(_doc(DATELINE), taxonomy)
    assert dating.published == PartialDate(2017, 10, 12) and not dating.inferred


def test_undatable_document_names_the_manifest_fix(taxonomy):
    with pytest.raises(UndatedError) as caught:
        date_document(_doc(NOTHING, "memo.txt"), taxonomy)
    message = str(caught.value)
    assert "memo.txt" in message and "reportdiff.toml" in message and 'date = "YYYY-MM-DD"' in message


def test_manifest_date_overrides_the_text(taxonomy):
    dated = date_document(_doc(LABELLED), taxonomy, override=PartialDate(2020, 1))
    assert dated.dating.published == PartialDate(2020, 1) and "reportdiff.toml" in dated.dating.source
