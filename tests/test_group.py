"""Group: each sentence attributed to the inspection it describes (found by the inspections stage); echoes
merged."""

from __future__ import annotations

from records import segment
from reportdiff.group import group_findings
from reportdiff.inspections import find_inspections
from reportdiff.model import (
    DateMethod,
    Dating,
    Document,
    PartialDate,
    Segment,
    Segmentation,
    SourceLine,
    Speaker,
)


def _doc(doc_id: str, published: PartialDate) -> Document:
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        name=f"{doc_id}.txt",
        format="text",
        title=doc_id,
        publisher="HMIC",
        publisher_role=Speaker.INSPECTORATE,
        subject="X Police",
        sha256=doc_id * 8,
        lines=(SourceLine(1, "x"),),
        dating=Dating(published, DateMethod.STATED, "test"),
    )


def _seg(doc: str, text: str, line: int, paragraph: int) -> Segment:
    return segment(line, text, doc, paragraph)


RECAP = [
    ("a", "We inspected the force's child protection work in 2018 and raised serious concerns.", 1, 1),
    ("a", "Officers did not share information.", 2, 1),
    ("a", "In March 2019 we carried out a post-inspection review.", 3, 2),
    ("a", "Progress since March 2019 was slow.", 4, 3),
    ("a", "We will inspect again in June 2021.", 5, 4),
]


def _by_text(findings):
    return {f.text: f for f in findings}


def _grouped(docs, segments, taxonomy):
    """The inspections stage, then the group stage, as the pipeline runs them."""
    segmentations = tuple(
        Segmentation(d.id, tuple(s for s in segments if s.document == d.id), ()) for d in docs
    )
    found = find_inspections(docs, segmentations, taxonomy, "X Police")
    return group_findings(found.documents, segments, found.inspections, found.sentence_events, taxonomy)


def test_dates_in_a_sentence_or_its_paragraph_attribute_findings(taxonomy):
    docs = (_doc("a", PartialDate(2020, 6, 1)),)
    inspections, findings = _grouped(docs, tuple(_seg(*r) for r in RECAP), taxonomy)
    assert [i.id for i in inspections] == ["2018", "2019-03"]
    found = _by_text(findings)
    assert found["Officers did not share information."].inspection == "2018"
    assert "paragraph" in found["Officers did not share information."].dated_by


def test_since_and_future_dates_do_not_attribute(taxonomy):
    docs = (_doc("a", PartialDate(2020, 6, 1)),)
    _, findings = _grouped(docs, tuple(_seg(*r) for r in RECAP), taxonomy)
    found = _by_text(findings)
    # Own inspection of the document is its latest past event: March 2019.
    assert found["Progress since March 2019 was slow."].dated_by == "the inspection its document reports"
    assert found["We will inspect again in June 2021."].inspection == "2019-03"


def test_month_without_year_takes_the_documents_year(taxonomy):
    docs = (_doc("a", PartialDate(2013)),)
    segments = (
        _seg("a", "In January the inspection found failings in the force's child protection.", 1, 1),
        _seg("a", "A revisit in June found changes.", 2, 2),
    )
    inspections, _ = _grouped(docs, segments, taxonomy)
    assert [i.id for i in inspections] == ["2013-01", "2013-06"]


def test_early_year_picks_the_earliest_inspection_of_that_year(taxonomy):
    docs = (_doc("a", PartialDate(2013, 11)),)
    segments = (
        _seg("a", "In January 2013 the pilot inspection found the force left children at risk.", 1, 1),
        _seg("a", "In October 2013 the follow-up inspection found progress.", 2, 2),
        _seg("a", "Our inspection in early 2013 gave us concern.", 3, 3),
    )
    _, findings = _grouped(docs, segments, taxonomy)
    assert _by_text(findings)["Our inspection in early 2013 gave us concern."].inspection == "2013-01"


def test_a_bare_year_two_earlier_events_share_never_stays_with_the_texts_own(taxonomy):
    docs = (
        _doc("a", PartialDate(2015, 12, 1)),
        _doc("b", PartialDate(2016, 3, 1)),
        _doc("c", PartialDate(2017, 2, 1)),
    )
    segments = (
        _seg("a", "In November 2015 inspectors found the force's risk assessment of children weak.", 1, 1),
        _seg("b", "In September 2015 we inspected the force's child protection work.", 1, 1),
        _seg("c", "In September 2016 we carried out a re-inspection of the force's work for children.", 1, 1),
        _seg("c", "An inspection in 2015 found insufficiently skilled staff.", 2, 2),
    )
    inspections, findings = _grouped(docs, segments, taxonomy)
    recap = _by_text(findings)["An inspection in 2015 found insufficiently skilled staff."]
    assert recap.inspection in {"2015-09", "2015-11"} and recap.inspection != "2016-09"


def test_two_documents_of_one_inspection_share_it_and_merge_echoes(taxonomy):
    docs = (_doc("a", PartialDate(2025, 8, 22)), _doc("b", PartialDate(2025, 8, 25)))
    quote = "The force also needs to strengthen its risk and response protocols for missing children."
    segments = (
        _seg("a", "Inspectors inspected the force earlier this year.", 1, 1),
        _seg("a", quote, 5, 2),
        _seg("b", "\u201c" + quote, 9, 1),
    )
    inspections, findings = _grouped(docs, segments, taxonomy)
    assert [(i.id, i.documents) for i in inspections] == [("2025", ("a", "b"))]
    merged = [f for f in findings if "strengthen" in f.text]
    assert len(merged) == 1 and [s.document for s in merged[0].sources] == ["a", "b"]


def test_finding_ids_are_stable_across_runs(taxonomy):
    docs = (_doc("a", PartialDate(2020, 6, 1)),)
    first = _grouped(docs, tuple(_seg(*r) for r in RECAP), taxonomy)[1]
    second = _grouped(docs, tuple(_seg(*r) for r in RECAP), taxonomy)[1]
    assert [f.id for f in first] == [f.id for f in second]
