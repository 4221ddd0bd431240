"""Classify: themes, polarity per clause and overall, inherited polarity, claims, grades."""

from __future__ import annotations

import pytest

from reportdiff.classify import classify_finding, find_grades
from reportdiff.model import Finding, PartialDate, Polarity, Speaker


def _finding(text: str, context: str = "", list_item: bool = False) -> Finding:
    return Finding(
        id="f",
        text=text,
        inspection="2025",
        sources=(),
        speaker=Speaker.INSPECTORATE,
        context=context,
        list_item=list_item,
        quoted=False,
    )


def _polarities(text: str, taxonomy, **kwargs) -> dict[str, str]:
    finding = classify_finding(_finding(text, **kwargs), taxonomy, PartialDate(2025))
    return {hit.theme: hit.polarity.value for hit in finding.hits}


@pytest.mark.parametrize(
    "text,theme,polarity",
    [
        ("The force should improve how it assesses risks to children.", "risk-assessment", "concern"),
        (
            "It must make sure its processes for sharing information work effectively.",
            "information-sharing",
            "concern",
        ),
        ("The force was not yet effectively managing risk.", "risk-assessment", "concern"),
        (
            "There is no longer a backlog of digital devices awaiting examination.",
            "digital-forensics",
            "progress",
        ),
        ("The force works well with its safeguarding partners.", "partnership", "progress"),
        (
            "Officers did not always recognise children as victims of domestic abuse.",
            "domestic-abuse",
            "concern",
        ),
        ("The force has invested in additional resources for child protection.", "resources", "progress"),
    ],
)
def test_cue_words_decide_a_themes_polarity(taxonomy, text, theme, polarity):
    assert _polarities(text, taxonomy)[theme] == polarity


def test_one_sentence_two_clauses_two_polarities(taxonomy):
    found = _polarities(
        "The force is good at working with safeguarding partners, but needs to improve how it "
        "responds to children who go missing.",
        taxonomy,
    )
    assert found == {"partnership": "progress", "missing-children": "concern"}


def test_one_sentence_touches_several_themes(taxonomy):
    found = _polarities("Officers failed at assessing risk and making appropriate referrals.", taxonomy)
    assert {"risk-assessment", "information-sharing"} <= set(found)


def test_list_item_without_cues_inherits_its_lead_in(taxonomy):
    lead = "This inspection raised a number of serious concerns, in particular:"
    assert _polarities("responding to missing children;", taxonomy, context=lead, list_item=True) == {
        "missing-children": "concern"
    }


def test_items_under_a_demand_are_demands_whatever_their_words(taxonomy):
    found = _polarities(
        "reduce the backlog of devices awaiting digital examination.",
        taxonomy,
        context="Within six months, the force should:",
        list_item=True,
    )
    assert found == {"digital-forensics": "concern"}


def test_future_promises_and_purposes_are_not_progress(taxonomy):
    finding = classify_finding(
        _finding("HMIC will return to check on its progress in improving training."), taxonomy
    )
    assert finding.polarity is Polarity.NEUTRAL


def test_grades_are_captured_with_their_area_and_scale(taxonomy):
    grades = find_grades(
        "Inspectors found the force was adequate at assessing risk to children, but that it "
        "requires improvement at investigating reports of abuse.",
        taxonomy,
        PartialDate(2025),
    )
    assert [(g.grade, g.area, g.scale) for g in grades] == [
        ("adequate", "assessing risk to children", "peel-2021"),
        ("requires improvement", "investigating reports of abuse", "peel-2021"),
    ]


def test_grade_counts_without_an_area_are_not_grades(taxonomy):
    text = (
        "It found the force was 'good' in one area, 'adequate' in two areas and 'requires improvement' "
        "in two."
    )
    assert find_grades(text, taxonomy, PartialDate(2025)) == ()


def test_a_grade_decides_the_polarity_of_the_area_it_grades(taxonomy):
    found = _polarities(
        "The force was graded as 'good' for its leadership of child protection, 'adequate' at "
        "working with partners and 'requires improvement' at investigating crimes.",
        taxonomy,
    )
    assert found["leadership"] == "progress" and found["investigation-quality"] == "concern"
    assert found["partnership"] == "neutral"


def _kind(text: str, taxonomy, section: str = "", context: str = "", list_item: bool = False):
    finding = Finding(
        id="f",
        text=text,
        inspection="2024",
        sources=(),
        speaker=Speaker.INSPECTORATE,
        context=context,
        list_item=list_item,
        quoted=False,
        section=section,
    )
    return classify_finding(finding, taxonomy, PartialDate(2024))


@pytest.mark.parametrize(
    "section,text,kind",
    [
        (
            "2 Causes of concern",
            "The force does not respond effectively to missing children.",
            "cause-of-concern",
        ),
        ("Findings \u203a Recommendations", "Improve the supervision of investigations.", "recommendation"),
        ("Areas for improvement", "The force should record children's views.", "area-for-improvement"),
        ("Innovative practice", "Operation Harbour finds missing children quickly.", "innovative-practice"),
        ("Summary", "We inspected the force in January 2024.", "observation"),
    ],
)
def test_finding_type_comes_from_its_section(taxonomy, section, text, kind):
    assert _kind(text, taxonomy, section=section).kind == kind


def test_finding_type_from_lead_in_and_recommendation_number(taxonomy):
    found = _kind(
        "Recommendation 3: by June 2025, the force should review its missing-persons policy.", taxonomy
    )
    assert found.kind == "recommendation" and found.number == "3"


def test_unworded_recommendation_takes_the_types_polarity(taxonomy):
    found = _kind(
        "Improve the supervision of child abuse investigations.", taxonomy, section="Recommendations"
    )
    assert found.polarity is Polarity.CONCERN
    assert dict((h.theme, h.polarity) for h in found.hits)["investigation-quality"] is Polarity.CONCERN


def test_a_table_row_grades_its_area(taxonomy):
    from reportdiff.classify import find_grades
    from reportdiff.model import PartialDate

    grades = find_grades(
        "Investigating abuse and neglect | Requires improvement", taxonomy, PartialDate(2023)
    )
    assert [(g.area, g.grade) for g in grades] == [
        ("Investigating abuse and neglect", "requires improvement")
    ]
    assert find_grades("Area of child protection | Grade", taxonomy, PartialDate(2023)) == ()


def test_areas_named_as_the_ones_to_improve_in_are_shortfalls_and_improving_in_most_is_not(taxonomy):
    named = _polarities(
        "The force has work in hand to improve in several areas, namely where children go missing from home.",
        taxonomy,
    )
    assert named.get("missing-children") == "concern"
    general = _polarities("The force continues to improve in most areas for missing children.", taxonomy)
    assert general.get("missing-children") != "concern"


def test_a_concern_as_the_matter_reported_is_no_concern(taxonomy):
    polarities = _polarities(
        "In cases where the concern was serious, officers spoke to the child first.", taxonomy
    )
    assert "concern" not in polarities.values()


@pytest.mark.parametrize(
    "text,theme",
    [
        ("The chief constable is deeply committed to improving services for children.", "leadership"),
        ("There has been a significant investment in this area of its work.", "resources"),
        ("Awareness of exploitation across all levels of the force has improved.", "training"),
        ("There is a lack of experienced detectives to investigate these cases.", "resources"),
    ],
)
def test_theme_vocabulary_reaches_commitment_investment_awareness_and_staff(taxonomy, text, theme):
    assert theme in _polarities(text, taxonomy)
