"""Dating: each document's publication date from its own text, and how it was found."""

from __future__ import annotations

from reportdiff.dating import date_document, find_clues, find_dating
from reportdiff.model import DateClues, DateMethod, Document, PartialDate, SourceLine, Speaker

LABELLED = "Some title\n\nPublished on: 24 March 2021\n\nWe inspected the force in 2018."
ISO_HEADER = " date 2025-08-25 HM Inspectorate\nA title line\nBody text here."
WEEKDAY = (
    "The force said its report, published today (Friday, August 22), looked at five areas.\n"
    "It mentions progress since March 2021."
)
WEEKDAY_NO_YEAR_AT_ALL = "Published today (Friday, August 22), the report looked at five areas."
RELEASE = (
    "#022/2013 – Child protection release\nIn January the inspectorate found failings.\n"
    "HMIC will re-inspect in October 2013."
)
LATEST_EVENT = (
    "In January 2013 HMIC found failings.\nIn October 2013 HMIC found progress.\n"
    "HMIC will re-inspect the force during 2014."
)
DATELINE = (
    "Local Gazette\nHome | News\n\nHeadline here\nThursday 12 October 2017\n\nIn August 2017 inspectors..."
)
NOTHING = "A document with no date anywhere in it at all."


def _doc(text: str, name: str = "doc.txt") -> Document:
    lines = tuple(SourceLine(n, t) for n, t in enumerate(text.split("\n"), start=1))
    return Document(
        id="doc",
        path=f"/x/{name}",
        name=name,
        format="text",
        title="t",
        publisher="p",
        publisher_role=Speaker.INSPECTORATE,
        subject="s",
        sha256="0" * 64,
        lines=lines,
    )


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


def test_no_date_gives_the_latest_past_event_as_a_lower_bound_ignoring_future_plans(taxonomy):
    assert find_dating(_doc(LATEST_EVENT), taxonomy) is None
    clues = find_clues(_doc(LATEST_EVENT), taxonomy)
    assert clues.after == PartialDate(2013, 10) and "line 2" in clues.after_why


def test_dateline_near_the_top_is_stated(taxonomy):
    dating = find_dating(_doc(DATELINE), taxonomy)
    assert dating.published == PartialDate(2017, 10, 12) and not dating.inferred


def test_an_undatable_document_is_kept_undated_with_no_clues(taxonomy):
    dated = date_document(_doc(NOTHING, "memo.txt"), taxonomy)
    assert dated.dating is None and dated.clues == DateClues()


def test_manifest_date_overrides_the_text(taxonomy):
    dated = date_document(_doc(LABELLED), taxonomy, override=PartialDate(2020, 1))
    assert dated.dating.published == PartialDate(2020, 1) and "reportdiff.toml" in dated.dating.source


UPDATED_FIRST = (
    "Headline\n\n11 February 2015, 07:20 | Updated: 30 March 2016, 13:50\n\nA report found failings."
)
LISTED_LATER = (
    "Other reports\n\nLast updated 22/02/2016\n\nA listed report\n\nPublished: 8 December 2015\n\nText."
)
STATUS_LOG = (
    "Recommendation\n\nThe force should act.\n\n[on]8th March 2018 [status]awaiting-review[/status][/on]"
    "[on]17th May 2018 [status]being-progressed[/status][/on]\n\n[/on][on]14th December 2018 [/on]"
)
RELATIVE = (
    "Inspectors said yesterday that in September last year HMIC raised serious concerns.\n"
    "The report, published on Wednesday, found delays."
)
NEW_NAME = "His Majesty's Inspectorate of Constabulary graded the force in five areas."


def test_the_first_stated_date_in_reading_order_wins_over_a_later_update_stamp(taxonomy):
    assert find_dating(_doc(UPDATED_FIRST), taxonomy).published == PartialDate(2015, 2, 11)


def test_a_page_update_stamp_above_listed_reports_dates_the_page_and_says_so(taxonomy):
    dating = find_dating(_doc(LISTED_LATER), taxonomy)
    assert dating.published == PartialDate(2016, 2, 22) and dating.method is DateMethod.UPDATED


def test_a_status_log_is_dated_by_its_first_entry_not_its_last(taxonomy):
    assert find_dating(_doc(STATUS_LOG), taxonomy).published == PartialDate(2018, 3, 8)


def test_relative_phrases_are_clues_not_dates(taxonomy):
    document = _doc(RELATIVE)
    assert find_dating(document, taxonomy) is None
    clues = find_clues(document, taxonomy)
    assert clues.days_after_report == 1 and clues.report_weekday == 2 and clues.after is None


def test_wording_of_an_era_bounds_the_date(taxonomy):
    clues = find_clues(_doc(NEW_NAME), taxonomy)
    assert clues.after == PartialDate(2022, 9) and "His Majesty" in clues.after_why


def test_a_report_day_without_a_year_is_a_clue_and_with_a_year_is_a_date(taxonomy):
    day = find_clues(_doc("In the report, published today (February 18), inspectors said more."), taxonomy)
    assert day.report_day == (2, 18)
    assert find_clues(_doc("The report, published on 3rd March, found it."), taxonomy).report_day == (3, 3)
    assert find_clues(_doc("Inspectors visited on 18 February and found it."), taxonomy).report_day is None
    assert find_clues(_doc("The report was published on 30 February."), taxonomy).report_day is None
    stated = _doc("The report, published on 18 February 2016, found delays.")
    assert find_clues(stated, taxonomy).report_day is None
    assert find_dating(stated, taxonomy).published == PartialDate(2016, 2, 18)


def test_release_clues_are_found_on_lines_that_are_not_ascii(taxonomy):
    # Screens spare lines that cannot hold a clue, proved on ASCII text; other lines are tried in full.
    weekday = find_clues(_doc("Café news: the report, published on Wednesday, found it."), taxonomy)
    assert weekday.report_weekday == 2
    day = find_clues(_doc("Café news: the report, published on 3rd March, found it."), taxonomy)
    assert day.report_day == (3, 3)
    today = find_clues(_doc("Café news: the force has today published its report."), taxonomy)
    assert today.days_after_report == 0
    words = find_clues(_doc("The report, published on the third of March, found it."), taxonomy)
    assert words.report_day is None


def test_a_hostile_spelling_of_a_release_day_is_read_not_a_crash(taxonomy):
    # IGNORECASE takes the long s for an s: "ſunday" and "Auguſt" match the weekday and month patterns.
    text = "The report, published on ſunday, said inspectors.\nIt was published today (Auguſt 18)."
    clues = find_clues(_doc(text), taxonomy)
    assert clues.report_weekday == 6 and clues.report_day == (8, 18)
