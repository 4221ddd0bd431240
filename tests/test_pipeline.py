"""The pipeline: one `run` gives the typed Report; the stage order lives in one place; the CLI names none."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import SAMPLES
from reportdiff import cli
from reportdiff.model import Report
from reportdiff.pipeline import STAGES, Settings, run

STAGE_MODULES = {
    "ingest",
    "dating",
    "segment",
    "inspections",
    "group",
    "classify",
    "overrides",
    "align",
    "verdicts",
    "reasons",
    "followup",
    "baseline",
    "context",
    "render",
}


def test_run_reports_every_stage_in_order_and_returns_the_report(taxonomy):
    seen: list[str] = []
    report = run([SAMPLES], Settings(taxonomy, fail_on=("new",), progress=seen.append))
    assert seen == list(STAGES)
    assert isinstance(report, Report) and report.fail_on.tripped and report.baseline is None


def test_the_cli_names_no_stage():
    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert "pipeline" in imported and not imported & STAGE_MODULES
