"""Context: a mechanical mapping of the typed Report to plain data; `diff` and `inspect` select from it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from reportdiff import context as context_module
from reportdiff.baseline import compare_builds, summary_of_build
from reportdiff.context import (
    build_context,
    comparison,
    legend,
    select_build_diff,
    select_diff,
    select_inspection,
)
from reportdiff.model import Assessment, BaselineComparison, Verdict, VerdictChange


@pytest.fixture(scope="module")
def context(samples_report):
    return build_context(samples_report)


def test_context_is_plain_json_data(context):
    assert json.loads(json.dumps(context)) == context


def test_themes_keep_the_reports_order_and_decisions(samples_report, context):
    assert [t["id"] for t in context["themes"]] == [t.id for t in samples_report.themes]
    for mapped, theme in zip(context["themes"], samples_report.themes, strict=True):
        assert mapped["verdict"] == theme.verdict.value and mapped["verdict_label"] == theme.verdict.label
        assert mapped["open"] is theme.verdict.is_open and mapped["verdict_text"] == theme.verdict.meaning
        assert mapped["evidence"] == list(theme.evidence) and mapped["brief"] == list(theme.brief)
        assert mapped["summary"] == theme.summary and mapped["why"]["text"] == theme.why.text
        assert mapped["basis"]["text"] == theme.basis.text
        assert [c["symbol"] for c in mapped["timeline"]] == [c.assessment.symbol for c in theme.timeline]


def test_changelog_and_counts_are_the_reports(samples_report, context):
    assert [(c["from"], c["to"]) for c in context["changelog"]] == [
        (e.from_inspection, e.to_inspection) for e in samples_report.changelog
    ]
    assert context["summary"]["headline"] == samples_report.overview.headline
    assert context["summary"]["open"] == sum(1 for t in samples_report.themes if t.verdict.is_open)


def test_legend_is_read_off_the_enums():
    key = legend()
    assert [v["value"] for v in key["verdicts"]] == [v.value for v in Verdict]
    assert [a["label"] for a in key["assessments"]] == [a.label for a in Assessment]
    assert [c["label"] for c in key["changes"]] == ["New", "Recurring", "Persisting", "Resolved"]


def test_comparison_maps_verdict_words_and_derived_lists():
    compared = BaselineComparison(
        "old.json", ("d",), (), (VerdictChange("t", "T", None, Verdict.NEW),), (), (), same_documents=False
    )
    data = comparison(compared)
    assert data["verdict_changes"] == [
        {
            "theme": "t",
            "label": "T",
            "from": None,
            "to": "new",
            "from_label": "not assessed",
            "to_label": "new",
        }
    ]
    assert data["concerns_added"] == ["t"] and data["empty"] is False


def test_diff_and_inspect_are_selections_of_the_same_context(context):
    diff = select_diff(context, "a.txt", "b.txt")
    assert diff["themes"] is context["themes"] and diff["changelog"] is context["changelog"]
    assert diff["mode"] == "documents" and diff["comparison"] is None
    inspected = select_inspection(context)
    assert inspected["inspections"] is context["inspections"]
    assert [f["id"] for f in inspected["findings"]] == [f["id"] for f in context["findings"]]
    assert inspected["themes"][0]["basis"] == context["themes"][0]["basis"]["text"]


def test_context_module_decides_nothing():
    """No difflib, no sorting and no verdict rules in the mapping: those live in the stages."""
    source = Path(context_module.__file__).read_text(encoding="utf-8")
    imported = {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    } | {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "difflib" not in imported and "SequenceMatcher" not in imported
    assert "sorted(" not in source and ".sort(" not in source and "OPEN_VERDICTS" not in source


def test_diff_of_two_builds_reads_the_newer_builds_verdicts_typed(context):
    build = json.loads(json.dumps(context))
    summary = summary_of_build(build, "new.json")
    view = select_build_diff(
        build, summary, compare_builds(summary, summary, "old.json"), "old.json", "new.json"
    )
    assert view["mode"] == "builds" and view["comparison"]["empty"] is True
    assert [t["verdict_label"] for t in view["themes"]] == [t["verdict_label"] for t in context["themes"]]
    assert view["themes"][0]["basis"]["text"] == context["themes"][0]["basis"]["text"]
