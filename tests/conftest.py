"""Shared fixtures: the samples, the shipped taxonomy, a built report, and one CliRunner wrapper."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportdiff.cli import main
from reportdiff.pipeline import Settings, run
from reportdiff.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="session")
def samples_report(taxonomy):
    return run([SAMPLES], Settings(taxonomy))


@pytest.fixture()
def samples_copy(tmp_path: Path) -> Path:
    """A private copy of samples/ that a test may change."""
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


@dataclass
class CliResult:
    """What one CLI run gave: exit status, stdout and stderr apart."""

    status: int
    stdout: str
    stderr: str


@pytest.fixture()
def cli(monkeypatch):
    """Run `reportdiff ARGS...` in-process; stdout and stderr are kept apart."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def run(*args: str, env: dict[str, str] | None = None) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
