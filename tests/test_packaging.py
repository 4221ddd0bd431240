"""The wheel ships the templates, fonts and taxonomy, and an installed reportdiff renders from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import ROOT, SAMPLES


def test_wheel_ships_templates_and_renders_from_another_folder(tmp_path):
    dist, site, elsewhere = tmp_path / "dist", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(dist)],
        check=True,
        timeout=600,
        capture_output=True,
    )
    wheel = next(dist.glob("reportdiff-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(site)
    assert {
        "reportdiff/templates/report.html.j2",
        "reportdiff/templates/style.css",
        "reportdiff/templates/fonts/DejaVuSans.ttf",
        "reportdiff/data/taxonomy.toml",
        "reportdiff/data/report.schema.json",
        "reportdiff/templates/summary.md.j2",
    } <= names
    code = (
        "import reportdiff, sys; print(reportdiff.__file__, file=sys.stderr); "
        "from reportdiff.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "build", str(SAMPLES), "--out", "r.html", "--out", "r.md"],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert str(site) in done.stderr.splitlines()[0]  # the wheel's copy ran, not the checkout's
    assert "Status by theme and inspection" in (elsewhere / "r.html").read_text(encoding="utf-8")
