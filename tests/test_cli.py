"""The command line through click's runner (stdout, stderr, exit status), plus one real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import SAMPLES


def test_build_writes_every_format_from_the_extension(cli, tmp_path):
    outs = [tmp_path / f"report.{ext}" for ext in ("html", "md", "json")]
    result = cli("build", SAMPLES, *[arg for out in outs for arg in ("--out", out)])
    assert result.status == 0, result.stderr
    assert all(out.stat().st_size > 1000 for out in outs)
    assert json.loads(outs[2].read_text())["themes"]
    assert outs[0].read_text().startswith("<!DOCTYPE html>")
    assert "wrote" in result.stderr and result.stdout == ""


def test_build_without_out_prints_markdown(cli):
    result = cli("build", SAMPLES)
    assert result.status == 0
    assert "\n# Northamptonshire Police" in result.stdout


def test_unknown_output_extension_is_one_line_error(cli, tmp_path):
    result = cli("build", SAMPLES, "--out", tmp_path / "report.docx")
    assert result.status == 1
    assert result.stderr.strip().count("\n") == 0
    assert "report.docx" in result.stderr and "unknown output format" in result.stderr


def test_missing_input_is_one_line_error(cli, tmp_path):
    result = cli("build", tmp_path / "nowhere")
    assert (
        result.status == 1 and "no such file or folder" in result.stderr and "Traceback" not in result.stderr
    )


def test_folder_without_documents_is_an_error(cli, tmp_path):
    result = cli("build", tmp_path)
    assert result.status == 1 and "no readable document" in result.stderr


def test_quiet_prints_nothing_on_success(cli, tmp_path):
    result = cli("build", SAMPLES, "--quiet", "--out", tmp_path / "r.json")
    assert result.status == 0 and result.stderr == ""


def test_themes_lists_the_active_taxonomy(cli):
    result = cli("themes")
    assert result.status == 0 and "missing-children" in result.stdout and "staff-wellbeing" in result.stdout


def test_bad_option_is_usage_status_2(cli):
    assert cli("build", "--no-such-option").status == 2


def test_python_dash_m_runs_the_cli(tmp_path):
    out = tmp_path / "r.md"
    done = subprocess.run(
        [sys.executable, "-m", "reportdiff", "build", str(SAMPLES), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "\n# Northamptonshire Police" in out.read_text(encoding="utf-8")


def test_reports_written_into_the_input_folder_are_not_read_back(cli, samples_copy, tmp_path):
    built = tmp_path / "built"
    built.mkdir()
    outs = [built / f"report.{ext}" for ext in ("html", "md", "pdf")]
    assert cli("build", samples_copy, *[a for out in outs for a in ("--out", out)]).status == 0
    assert cli("build", samples_copy, "--fragment", "--out", built / "fragment.html").status == 0
    for report in built.iterdir():  # copied in by hand: the tool itself refuses to write a new one there
        shutil.copy(report, samples_copy / report.name)
    again = cli("build", samples_copy, "--out", tmp_path / "r.json")
    assert again.status == 0
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["documents"] == 5
    assert again.stderr.count("a report reportdiff wrote") == 4
    # A report of its own already there may be replaced; a new document there may not.
    assert cli("build", samples_copy, "--out", samples_copy / "report.md").status == 0
    refused = cli("build", samples_copy, "--out", samples_copy / "new.md")
    assert refused.status == 1 and "where the next build would read it" in refused.stderr
