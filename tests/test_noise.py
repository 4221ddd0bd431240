"""Boilerplate families: each shipped family drops an invented line of its kind, and findings that merely
share a word with page furniture are kept."""

from __future__ import annotations

import pytest

from reportdiff.noise import noise_reason

# One invented example per family (none copied from a real page); a new family needs a line here.
LINES = {
    "site chrome": [
        "Print this page",
        "Home » News » Policing",
        "example.wales / example.cymru",
        "Report (PDF document, 412 kB)",
    ],
    "cookie and consent banner": [
        "We use cookies to make this site work; accept all cookies or manage settings."
    ],
    "subscription prompt": ["Sign up to our weekly newsletter", "Thank you for signing up!"],
    "broadcast chrome": ["Listen live", "Watch more of our videos on our channel"],
    "advertising marker": ["Advertisement", "Hide Ad Hide Ad"],
    "image caption or credit": ["Image caption, A police car outside a station", "Photo: Jane Doe"],
    "share or donate prompt": ["Have your say on this story", "Support independent journalism today"],
    "article metadata": ["This article is more than 5 years old", "Author: Staff reporter"],
    "metadata": ["Published on: 3 May 2021", "Last updated: 12/04/2022"],
    "unrelated news item": ["Force praised for its fleet management 12/05/2022 10:20:00"],
    "press-office contact": ["For media enquiries call 0123 456 7890", "press@example.org"],
    "organisation boilerplate": ["The inspectorate inspects all 43 police forces in the country."],
}
SENTENCES = {
    "the publisher's standard introduction (about policing in general, not this force)": [
        "Only the police can arrest suspects and seek orders to protect a child.",
        "Protecting children is one of the most important jobs of any public body.",
    ],
    "article history marker": ["Version 3 of 4"],
}
# Findings that share words with furniture: a family must not take them.
FINDINGS = [
    "The report was published in May and found officers did not always share information with partners.",
    "Officers who attended the home did not photograph the injuries, inspectors said.",
    "The force's press office told us it would publish an action plan.",
    "Police officers did not always speak to the child, inspectors found.",
]


def _shipped_reasons(taxonomy, rules) -> set[str]:
    return {rule.reason for rule in rules}


@pytest.mark.parametrize("reason,line", [(r, line) for r, lines in LINES.items() for line in lines])
def test_each_line_family_drops_its_kind(taxonomy, reason, line):
    assert noise_reason(line, taxonomy) == reason


@pytest.mark.parametrize("reason,sentence", [(r, s) for r, ss in SENTENCES.items() for s in ss])
def test_each_sentence_family_drops_its_kind_inside_a_paragraph(taxonomy, reason, sentence):
    assert noise_reason(sentence, taxonomy, whole_line=False) == reason


def test_every_shipped_family_has_an_invented_example(taxonomy):
    assert _shipped_reasons(taxonomy, taxonomy.noise_lines) <= set(LINES)
    assert _shipped_reasons(taxonomy, taxonomy.noise_sentences) <= set(SENTENCES)


@pytest.mark.parametrize("finding", FINDINGS)
def test_findings_that_share_a_word_with_furniture_are_kept(taxonomy, finding):
    assert noise_reason(finding, taxonomy, whole_line=False) == ""
