"""The pipeline: one `run` gives the typed Report; the stage order lives in one place; the CLI names none."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import SAMPLES
from reportdiff import cli
from reportdiff.errors import InputError
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


def test_the_cycle_collector_rests_during_a_build_and_is_restored_after_it(taxonomy, tmp_path):
    import gc

    during: list[bool] = []
    assert gc.isenabled()
    run([SAMPLES], Settings(taxonomy, progress=lambda _: during.append(gc.isenabled())))
    assert during and not any(during) and gc.isenabled()
    gc.disable()  # a caller that paused it keeps it paused
    try:
        run([SAMPLES], Settings(taxonomy))
        assert not gc.isenabled()
    finally:
        gc.enable()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 4096)  # a build that fails restores it too
    with pytest.raises(InputError):
        run([bad], Settings(taxonomy))
    assert gc.isenabled()


def test_a_build_with_its_outputs_collects_cycles_once_and_restores_the_collector(cli, tmp_path, monkeypatch):
    import gc

    collections: list[int] = []
    real = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(1) or real(*args))
    assert cli("build", SAMPLES, "--out", tmp_path / "r.json", "--out", tmp_path / "r.html").status == 0
    assert collections == [1] and gc.isenabled()
