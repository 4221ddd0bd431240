"""Inspections: documents grouped into the events they report, undated ones estimated from their group, events
named in passing matched or kept as inspections of their own, and texts about something else kept apart."""

from __future__ import annotations

from records import segment
from reportdiff.dating import date_documents
from reportdiff.inspections import find_inspections
from reportdiff.model import DateMethod, Document, PartialDate, SourceLine, Speaker
from reportdiff.recaps import Told, runs_of
from reportdiff.segment import segment_documents

SUBJECT = "Westshire Police"

QUOTE = (
    "“We found that officers did not always recognise the risks to children who go missing from home, and "
    "supervisors rarely checked the plans made to protect them,” said the inspector."
)
RELEASE = (
    "Published on: 14 May 2019\n\nWestshire Police must improve how it protects children\n\n"
    "HMICFRS has today published its report on Westshire Police, following an inspection in "
    "January 2019.\n\n" + QUOTE + "\n"
)
STORY = (
    "Police criticised over missing children\n\nA watchdog has criticised Westshire Police, the report, "
    "published on Tuesday, found.\n\n" + QUOTE + "\n"
)
REVIEW = (
    "Westshire Police has made progress, inspectors say\n\nIn October 2020 HMICFRS carried out a "
    "post-inspection review, following its initial inspection in January 2019.\n\nThe force now checks "
    "the plans made to protect children who go missing from home, the review found.\n"
)
REVIEW_STORY = (
    "Progress at Westshire Police\n\nThe post-inspection review found the force had improved how it "
    "protects children who go missing. Inspectors praised the new team.\n"
)
NATIONAL = (
    "Forces failing children, says national report\n\nA national report on eight forces found that only a "
    "third of cases involving children were handled well, inspectors said. Westshire Police was one "
    "of the forces.\n"
)


def _documents(texts: dict[str, str], taxonomy) -> tuple[Document, ...]:
    documents = tuple(
        Document(
            id=name,
            path=f"/x/{name}.txt",
            name=f"{name}.txt",
            format="text",
            title=name,
            publisher="unknown",
            publisher_role=Speaker.OTHER,
            subject=SUBJECT,
            sha256=name.ljust(64, "0"),
            lines=tuple(SourceLine(n, t) for n, t in enumerate(text.split("\n"), start=1)),
        )
        for name, text in texts.items()
    )
    return date_documents(documents, taxonomy)


def _found(texts: dict[str, str], taxonomy):
    documents = _documents(texts, taxonomy)
    return find_inspections(documents, segment_documents(documents, taxonomy, SUBJECT), taxonomy, SUBJECT)


def _inspection_of(found, document: str):
    return next(i for i in found.inspections if document in i.documents)


def test_texts_sharing_an_inspectors_quotation_report_one_inspection(taxonomy):
    found = _found({"release": RELEASE, "story": STORY}, taxonomy)
    assert _inspection_of(found, "release") is _inspection_of(found, "story")
    member = next(m for m in _inspection_of(found, "story").members if m.document == "story")
    assert "shared passage" in member.reason or "shares" in member.reason


def test_an_undated_story_takes_its_groups_release_on_the_weekday_it_names(taxonomy):
    found = _found({"release": RELEASE, "story": STORY}, taxonomy)
    story = next(d for d in found.documents if d.id == "story")
    assert story.dating.published == PartialDate(2019, 5, 14)
    assert story.dating.method is DateMethod.SHARED and story.dating.inferred


def test_a_follow_up_is_an_inspection_of_its_own_after_the_one_it_names(taxonomy):
    found = _found({"release": RELEASE, "review": REVIEW}, taxonomy)
    first, later = _inspection_of(found, "release"), _inspection_of(found, "review")
    assert first is not later
    assert later.fieldwork == PartialDate(2020, 10) and first.fieldwork == PartialDate(2019, 1)
    assert later.kind == "post-inspection review"


def test_an_undated_follow_up_story_joins_the_follow_up_not_the_first_report(taxonomy):
    found = _found({"release": RELEASE, "review": REVIEW, "story": REVIEW_STORY}, taxonomy)
    assert _inspection_of(found, "story") is _inspection_of(found, "review")


def test_a_recapped_inspection_is_matched_to_the_group_that_reports_it(taxonomy):
    found = _found({"release": RELEASE, "review": REVIEW}, taxonomy)
    first = _inspection_of(found, "release")
    recap = [e for e in found.sentence_events if e.document == "review" and e.inspection == first.id]
    assert recap, "the review's sentence naming the January 2019 inspection belongs to that inspection"


def test_an_event_named_only_in_passing_is_an_inspection_of_its_own(taxonomy):
    found = _found({"review": REVIEW}, taxonomy)
    assert [i.id for i in found.inspections] == ["2019-01", "2020-10"]


def test_a_national_report_is_listed_but_out_of_scope(taxonomy):
    found = _found({"release": RELEASE, "national": NATIONAL}, taxonomy)
    national = _inspection_of(found, "national")
    assert not national.in_scope and "national" in national.scope
    assert _inspection_of(found, "release").in_scope


def test_numbers_that_look_like_years_far_from_the_text_are_no_inspections(taxonomy):
    numbered = (
        RELEASE + "\nIn case 1905 inspectors found the child was not safeguarded.\n"
        "In case 2031 inspectors found the same.\n"
    )
    found = _found({"release": numbered}, taxonomy)
    assert [i.id for i in found.inspections] == ["2019-01"]


def test_a_finding_that_names_its_own_inspectors_visit_belongs_to_it(taxonomy):
    dated = RELEASE + "\nIn January 2019 inspectors found the force slow to share information.\n"
    found = _found({"release": dated}, taxonomy)
    own = [e for e in found.sentence_events if e.document == "release" and e.inspection == "2019-01"]
    assert len(own) == 2, "the headline sentence and the inspectors' finding both name the January visit"


def test_an_undated_text_is_estimated_the_usual_delay_after_its_inspections_fieldwork(taxonomy):
    found = _found({"release": RELEASE, "review": REVIEW}, taxonomy)
    review = next(d for d in found.documents if d.id == "review")
    assert review.dating.method is DateMethod.TYPICAL and review.dating.inferred
    months = taxonomy.dating.report_months
    assert review.dating.published == PartialDate(2020 + (9 + months) // 12, (9 + months) % 12 + 1)
    assert "October 2020" in review.dating.source
    assert (
        f'[documents."review.txt"] date = "{review.dating.published.iso()}"' in review.dating.source
    )  # to pin it
    release = next(d for d in found.documents if d.id == "release")
    assert "reportdiff.toml" not in release.dating.source  # a stated date needs no pin


REVIEW_UNDATED = (
    "Westshire Police improves, inspectors say\n\nHMICFRS carried out a post-inspection review in "
    "October 2020, following its initial inspection in January 2019, and found the force now checks "
    "the plans made to protect children who go missing.\n"
)
REVIEW_RELEASE = (
    "Posted: 12 February 2021\n\nWestshire Police: child protection follow-up report\n\nThe "
    "inspectorate's follow-up inspection found the force had improved its training for officers who "
    "deal with children.\n"
)


def test_a_dated_release_joins_the_one_inspection_whose_fieldwork_came_months_before(taxonomy):
    found = _found({"release": RELEASE, "review": REVIEW_UNDATED, "story": REVIEW_RELEASE}, taxonomy)
    review = _inspection_of(found, "review")
    assert _inspection_of(found, "story") is review and review.fieldwork == PartialDate(2020, 10)
    assert any("fieldwork came 4 months before" in m.reason for m in review.members)


def test_a_sentence_about_the_inspectorates_programme_names_no_event(taxonomy):
    text = RELEASE + "\nIn 2014 we introduced our effectiveness (PEEL) inspections of every force.\n"
    found = _found({"release": text}, taxonomy)
    assert [i.id for i in found.inspections] == ["2019-01"]


def test_a_custody_inspection_is_listed_but_out_of_scope(taxonomy):
    custody = (
        "Westshire Police custody\n\nOur inspection of the custody suites of Westshire Police in June 2023 "
        "found that children detained in custody were not always seen by an appropriate adult.\n"
    )
    found = _found({"release": RELEASE, "custody": custody}, taxonomy)
    assert (
        not _inspection_of(found, "custody").in_scope and "custody" in _inspection_of(found, "custody").scope
    )


def test_an_undated_inspection_stands_at_the_lower_bound_its_text_gives(taxonomy):
    later = (
        "His Majesty's Inspectorate graded Westshire Police good at protecting children who go missing, "
        "inspectors said.\n"
    )
    found = _found({"release": RELEASE, "later": later}, taxonomy)
    last = found.inspections[-1]
    assert "later" in last.documents and last.label == "September 2022 or later" and last.estimated


def test_undated_coverage_takes_its_releases_day_marked_as_an_estimate(taxonomy):
    story = "Watchdog criticises Westshire Police\n\n" + QUOTE + "\n"
    found = _found({"release": RELEASE, "story": story}, taxonomy)
    dating = next(d for d in found.documents if d.id == "story").dating
    assert dating.published == PartialDate(2019, 5, 14) and dating.inferred
    assert "coverage usually appears on the day" in dating.source


def test_a_report_day_without_a_year_takes_the_first_year_not_before_the_release(taxonomy):
    release = RELEASE.replace("Published on: 14 May 2019", "Published on: 12 December 2019")
    story = (
        "Westshire Police criticised\n\nIn the report, published today (February 18), inspectors said: "
        + QUOTE
        + "\n"
    )
    found = _found({"release": release, "story": story}, taxonomy)
    dating = next(d for d in found.documents if d.id == "story").dating
    assert dating.published == PartialDate(2020, 2, 18) and dating.inferred
    assert "without a year" in dating.source


def test_a_last_updated_stamp_does_not_date_a_text_whose_own_latest_event_is_earlier(taxonomy):
    page = (
        "Other reports\n\nLast updated 22/02/2017\n\nChild protection\n\n"
        "Westshire Police is making progress on how it protects children, inspectors found. " + QUOTE + "\n"
    )
    statement = (
        "The commissioner comments on the inspectorate's child protection report, on the basis of "
        "inspections into the force during the summer of 2016.\n\n" + QUOTE + "\n"
    )
    found = _found({"page": page, "statement": statement}, taxonomy)
    dates = {d.id: d.dating for d in found.documents}
    assert dates["page"].published == PartialDate(2017, 2, 22)
    assert dates["statement"].published == PartialDate(2016)
    assert dates["statement"].method is DateMethod.BOUNDED


def test_an_undated_follow_up_page_joins_the_untyped_report_after_the_inspection_it_follows(taxonomy):
    page = (
        "HMICFRS has published a post-inspection review of Westshire Police's child protection work.\n\n"
        "This inspection reviewed the "
        "progress made in Westshire Police since the publication of HMICFRS's Westshire – National Child "
        "Protection Inspection in 2019.\n"
    )
    story = (
        "Monday, 15th June 2020\n\nWestshire Police now better at child safety, says new report\n\n"
        "In May last year a number of weaknesses were highlighted, but the latest report notes the force "
        "has taken significant steps to improve the protection of children.\n"
    )
    found = _found({"release": RELEASE, "page": page, "story": story}, taxonomy)
    assert _inspection_of(found, "page") is _inspection_of(found, "story")
    assert _inspection_of(found, "page") is not _inspection_of(found, "release")
    assert next(d for d in found.documents if d.id == "page").dating.published.year == 2020


def test_last_month_of_a_known_predecessor_keeps_the_follow_up_within_the_year_after_it(taxonomy):
    review = (
        "Westshire Police has improved, inspectors say\n\nHMIC has today published a post-inspection review "
        "of Westshire Police. HMIC published an initial report in July 2015.\n\nHMIC carried out a "
        "post-inspection review in April 2016.\n\n" + QUOTE + "\n"
    )
    story = (
        "Westshire Police improving\n\nIt follows on from an initial report last July, which found areas of "
        "concern.\n\n" + QUOTE + "\n"
    )
    found = _found({"review": review, "story": story}, taxonomy)
    dates = {d.id: d.dating for d in found.documents}
    # April 2016 and the usual delay say August; "last July" of a July 2015 report says July at the latest.
    assert dates["review"].published == PartialDate(2016, 7) == dates["story"].published
    assert "no later than July 2016" in dates["story"].source


def test_a_phrase_running_through_a_date_names_the_predecessor_and_a_later_phrase_does_not(taxonomy):
    from reportdiff.events import find_mentions

    text = (
        "The original 2019 report on the inspection praised the force.\n\n"
        "In March 2021, after the initial inspection, inspectors returned.\n"
    )
    document = _documents({"story": text}, taxonomy)[0]
    segments = list(segment_documents((document,), taxonomy, SUBJECT)[0].segments)
    named = {m.text: m.predecessor for m in find_mentions(document, segments, taxonomy)}
    assert named == {"2019": True, "March 2021": False}


def test_a_report_day_a_little_before_its_groups_release_keeps_the_releases_year(taxonomy):
    release = RELEASE.replace("Published on: 14 May 2019", "Published on: 20 February 2019")
    story = "Westshire Police criticised\n\nThe report, published on February 18, found: " + QUOTE + "\n"
    found = _found({"release": release, "story": story}, taxonomy)
    assert next(d for d in found.documents if d.id == "story").dating.published == PartialDate(2019, 2, 18)


def _long_report(visit: str, published: str, audit: str, first_case: int) -> str:
    """A full report: its opening says which inspection it is; its body runs to well over a hundred sentences,
    some about the force's own quarterly reports and the dates of its history, some shared word for word with
    the other report (a house style)."""
    opening = (
        f"Westshire Police: National child protection inspection\n\nPublished on: {published}\n\n"
        f"We inspected Westshire Police's child protection arrangements in {visit}. This report sets out "
        "what we found.\n\n"
    )
    cases = [
        f"In case {n}, officers recorded the concerns about the child in file {n + 7} and told social care."
        for n in range(first_case, first_case + 120)
    ]
    cases[60] = "Senior leaders discuss the quarterly reports on missing children with the local authority."
    cases[80] = "An inspection of the custody suite in 2012 found that detained children waited too long."
    cases[100] = f"The local authority listed 39 routine inspections of children's homes during {audit}."
    house = (
        "The missing children team meets every morning to review each child reported missing overnight. "
        "Supervisors check that every strategy discussion has a written record of the decisions made. "
        "Officers in the control room ask callers about any children living at the address."
    )
    return opening + "\n\n".join(cases[:50]) + "\n\n" + house + "\n\n" + "\n\n".join(cases[50:]) + "\n"


def test_a_long_reports_own_inspection_is_the_one_its_opening_names(taxonomy):
    # The body's "quarterly reports" and its 2012 custody inspection do not make either report a follow-up of
    # something else, nor do the local authority's inspections of a later year become the report's visit; so
    # the text both share is a house style, not one event told twice.
    found = _found(
        {
            "spring": _long_report("March 2021", "3 June 2021", "2021", 1),
            "autumn": _long_report("October 2021", "4 January 2022", "2022", 500),
        },
        taxonomy,
    )
    spring, autumn = _inspection_of(found, "spring"), _inspection_of(found, "autumn")
    assert spring is not autumn
    assert (spring.fieldwork, autumn.fieldwork) == (PartialDate(2021, 3), PartialDate(2021, 10))


def test_what_a_recap_says_is_its_sentence_and_the_next_two_of_its_paragraph():
    texts = [
        "In 2019 we inspected the force and found gaps.",
        "Officers did not record the risks to children.",
        "Supervisors rarely checked the plans made.",
        "A fourth sentence of the same paragraph is too far.",
        "A new paragraph begins with other words entirely.",
    ]
    segments = [segment(n, text, paragraph=0 if n < 4 else 1) for n, text in enumerate(texts)]
    said = Told(segments, [runs_of(text) for text in texts])
    assert said[0] == runs_of(texts[0]) | runs_of(texts[1]) | runs_of(texts[2])
    assert said[3] == runs_of(texts[3])  # the next sentence is another paragraph's
