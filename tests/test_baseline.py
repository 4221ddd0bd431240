"""The comparison with a baseline build and the --fail-on gate, on typed build summaries."""

from __future__ import annotations

import pytest

from reportdiff.baseline import compare_builds, fail_outcome, summary_of_build
from reportdiff.errors import InputError
from reportdiff.model import BuildSummary, ThemeVerdict, Verdict

OLD = BuildSummary(
    documents=(("sha-a", "doc-a"), ("sha-b", "doc-b")),
    verdicts=(
        ThemeVerdict("training", "Training", Verdict.PERSISTING),
        ThemeVerdict("custody", "Custody", Verdict.RESOLVED),
        ThemeVerdict("gone", "Gone", Verdict.NEW),
    ),
    findings=("f-1", "f-2"),
)
NEW = BuildSummary(
    documents=(("sha-a", "doc-a"), ("sha-c", "doc-c")),
    verdicts=(
        ThemeVerdict("training", "Training and awareness", Verdict.RESOLVED),
        ThemeVerdict("custody", "Custody", Verdict.RECURRING),
    ),
    findings=("f-1", "f-3"),
)


def test_comparison_says_what_was_added_removed_and_changed():
    c = compare_builds(OLD, NEW, "old.json")
    assert (c.documents_added, c.documents_removed) == (("doc-c",), ("doc-b",))
    assert [(v.theme, v.label, v.before, v.after) for v in c.verdict_changes] == [
        ("custody", "Custody", Verdict.RESOLVED, Verdict.RECURRING),
        ("gone", "Gone", Verdict.NEW, None),
        ("training", "Training and awareness", Verdict.PERSISTING, Verdict.RESOLVED),
    ]
    assert c.concerns_added == ("custody",) and c.concerns_closed == ("gone", "training")
    assert (c.findings_added, c.findings_removed) == (("f-3",), ("f-2",)) and not c.empty


def test_comparing_a_build_with_itself_is_empty():
    assert compare_builds(OLD, OLD, "same.json").empty


def test_a_build_whose_verdict_is_not_a_verdict_is_refused():
    build = {"documents": [], "findings": [], "themes": [{"id": "t", "verdict": "fine"}]}
    with pytest.raises(InputError, match="not a reportdiff JSON build"):
        summary_of_build(build, "old.json")


def test_fail_on_names_every_rule_a_theme_trips(samples_report):
    c = compare_builds(OLD, NEW, "old.json")
    outcome = fail_outcome(samples_report.themes, c, ("recurring", "verdict-changed", "document-added"))
    assert "training: verdict is recurring; verdict changed from persisting to resolved" in outcome.reasons
    assert "gone: verdict changed from new to none" in outcome.reasons
    assert "doc-c: document added since the baseline" in outcome.reasons and outcome.tripped
    assert not fail_outcome(samples_report.themes, None, ("verdict-changed",)).tripped
