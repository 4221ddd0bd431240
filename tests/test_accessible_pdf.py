"""The PDF for a screen reader: tagged (structure tree with headings, lists, tables and their header cells,
the chart as a figure with its text alternative), its language and title declared, and every "more in …"
naming the file."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The samples built to HTML, JSON and PDF in one run, as the CLI writes them."""
    from click.testing import CliRunner

    from reportdiff.cli import main

    folder = tmp_path_factory.mktemp("pdf")
    outs = [
        arg for name in ("progress.html", "progress.json", "progress.pdf") for arg in ("--out", folder / name)
    ]
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "--quiet", *map(str, outs)])
    assert result.exit_code == 0, result.output
    return folder / "progress.pdf"


def structure(node: Any, seen: Counter, alts: list[str]) -> None:
    """Count the structure types under `node` and collect the text alternatives."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            structure(child, seen, alts)
        return
    if not isinstance(node, dict):
        return
    if "/S" in node:
        seen[str(node["/S"])] += 1
    if "/Alt" in node:
        alts.append(str(node["/Alt"]))
    if "/K" in node:
        structure(node["/K"], seen, alts)


def test_pdfinfo_says_tagged(built):
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed; the structure test below checks the same")
    info = subprocess.run(["pdfinfo", str(built)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


def test_the_catalogue_declares_marked_content_language_and_title(built):
    reader = pypdf.PdfReader(built)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert "inspection progress report" in reader.metadata.title


def test_the_structure_tree_has_headings_lists_tables_and_the_chart_described(built):
    seen: Counter = Counter()
    alts: list[str] = []
    structure(pypdf.PdfReader(built).trailer["/Root"]["/StructTreeRoot"], seen, alts)
    assert seen["/H1"] == 1 and seen["/H2"] >= 6 and seen["/H3"] >= 10
    assert seen["/L"] and seen["/LI"] and seen["/Table"] and seen["/TH"] >= 10 and seen["/TD"] >= 50
    assert seen["/Figure"] >= 1
    assert any("on a time axis" in alt and "inspections and visits:" in alt for alt in alts), alts


def test_a_pointer_to_what_the_pdf_leaves_out_names_the_files(built):
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(built).pages)
    assert "progress.html and progress.json" in " ".join(text.split())
