"""Boilerplate families: each shipped family drops an invented line of its kind, and findings that merely
share a word with page furniture are kept."""

from __future__ import annotations

import re

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


# Texts for the exactness checks below: findings, furniture, accents, non-ASCII case folds (the Kelvin sign
# matches "k" case-insensitively), and e-mail addresses, dates and phone numbers.
TEXTS = [
    *FINDINGS,
    *(line for lines in LINES.values() for line in lines),
    *(sentence for sentences in SENTENCES.values() for sentence in sentences),
    "Zoë Billingham, who led the inspection, said the force had improved.",
    "Ms Billíngham found that Ann Lee said nothing; In Belford nobody did.",
    "\u212aeep cookies? We use COOKIES. Contact press@example.org on 0123 456 7890 at 12/05/2022 10:20",
    "- \u2022 Share this page",
    "HOME » news » Policing",
    "",
]


def _screened_patterns(taxonomy):
    from reportdiff.people import _patterns

    names = ("Zoë Billingham", "Ann Lee", "In Belford")
    people = [p for name in names for p in _patterns(name, "(?:Mr|Ms)\\.?")]
    tricky = [
        re.compile(r"^a|^b", re.IGNORECASE),  # the parser takes the shared "^" out of the branch
        re.compile(r"^abc|keep", re.IGNORECASE),  # a branch at the top: not anchored
        re.compile(r"(?m)^share"),
        re.compile(r"(\w)\1k"),  # a backreference: never put in an alternation
        re.compile(r"(?x) cook ie  # a comment"),
        re.compile(r"[kK]eep"),
        re.compile(r"ke{2}p", re.IGNORECASE),
    ]
    return tuple(
        [p for rule in taxonomy.noise_lines + taxonomy.noise_sentences for p in rule.patterns]
        + [p for _, p in taxonomy.speakers]
        + people
        + tricky
    )


def test_a_screen_skips_only_patterns_that_cannot_match(taxonomy):
    from reportdiff.people import FOLD
    from reportdiff.prefilter import possible, screen
    from reportdiff.text import for_matching

    patterns = _screened_patterns(taxonomy)
    for fold in (None, FOLD):
        screened = screen(patterns, fold)
        for text in TEXTS:
            for form in (text, for_matching(text), text.lower(), text.upper()):
                kept = set(possible(screened, form))
                missed = [p.pattern for i, p in enumerate(patterns) if p.search(form) and i not in kept]
                assert not missed, (form, missed)


def _reference_noise_reason(text, taxonomy, whole_line=True):
    """The family as found before the screen: each family's patterns tried in turn."""
    from reportdiff import prefilter
    from reportdiff.noise import _BULLET
    from reportdiff.text import for_matching

    matchable = for_matching(_BULLET.sub("", text))
    if not matchable:
        return ""
    if not whole_line:
        sentence = matchable.lstrip("\"' ")
        for rule in taxonomy.noise_sentences:
            if any(p.search(sentence) for p in rule.patterns):
                return rule.reason
    for rule in taxonomy.noise_lines:
        possible = prefilter.matchable(rule.patterns, matchable)
        if any(p.search(matchable) for p in possible if whole_line or not p.pattern.startswith("^")):
            return rule.reason
    return ""


@pytest.mark.parametrize("whole_line", [True, False])
def test_noise_reason_is_the_first_family_as_trying_each_in_turn_finds(taxonomy, whole_line):
    for text in TEXTS:
        for form in (text, text.upper(), f"\u201c{text}"):
            expected = _reference_noise_reason(form, taxonomy, whole_line)
            assert noise_reason(form, taxonomy, whole_line) == expected, form
