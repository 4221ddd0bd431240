"""Align's verdict rules: assessment from weighed evidence, verdict from the sequence, changelog transitions."""
from __future__ import annotations

import pytest

from reportdiff.verdicts import assess, change_at, verdict_of
from reportdiff.model import Assessment, Verdict

C, P, M, A = Assessment.CONCERN, Assessment.PROGRESS, Assessment.MIXED, Assessment.ABSENT


@pytest.mark.parametrize("sequence,verdict", [
    ([A, A, C], Verdict.NEW),
    ([P, A, C], Verdict.NEW),
    ([C, A, C], Verdict.PERSISTING),
    ([C, A, M], Verdict.PERSISTING),
    ([M, C], Verdict.PERSISTING),
    ([C, P, C], Verdict.RECURRING),
    ([C, P, A, M], Verdict.RECURRING),
    ([C, A, P], Verdict.RESOLVED),
    ([C, P, A], Verdict.RESOLVED),
    ([C, A, A], Verdict.NOT_REASSESSED),
    ([A, C, P, C, A], Verdict.NOT_REASSESSED),
    ([P, A, P], Verdict.STRENGTH),
    ([A, A, A], None),
])
def test_verdict_follows_the_issue_definitions(sequence, verdict):
    assert verdict_of(sequence) is verdict


@pytest.mark.parametrize("concern,progress,assessment", [
    (0, 0, A), (2, 0, C), (0, 1, P), (3, 1, C), (1, 4, P), (2, 2, M), (2, 3, M), (5, 2, C),
])
def test_one_stray_sentence_does_not_flip_an_inspection(concern, progress, assessment):
    assert assess(concern, progress) is assessment


def test_changelog_reports_transitions_not_states():
    sequence = [C, P, P, C]
    assert [change_at(sequence, i) for i in range(1, 4)] == [Verdict.RESOLVED, None, Verdict.RECURRING]
