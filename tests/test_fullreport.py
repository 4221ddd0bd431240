"""Full inspection reports: PDF input with pages, report structure, finding types, grades, overrides."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES
from fullreport import report_2019, write_reports

pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def pdf_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("southshire")
    write_reports(folder)
    return folder


@pytest.fixture(scope="module")
def built(pdf_folder) -> dict:
    from reportdiff.context import build_context
    from reportdiff.pipeline import Settings, run
    from reportdiff.taxonomy import load_taxonomy

    return json.loads(json.dumps(build_context(run([pdf_folder], Settings(load_taxonomy())))))


def _finding(built: dict, phrase: str) -> dict:
    return next(f for f in built["findings"] if phrase in f["text"])


def test_pdf_findings_cite_their_page(built):
    finding = _finding(built, "does not consistently assess the risk")
    assert finding["sources"][0]["page"] == 3
    assert "p. 3" in finding["sources"][0]["citation"]


def test_running_headers_and_footers_are_dropped(built):
    for document in built["documents"]:
        reasons = {d["reason"] for d in document["dropped"]}
        assert "running header or footer" in reasons
    assert not any(
        "National child protection inspection" in f["text"] and "Southshire Police –" in f["text"]
        for f in built["findings"]
    )


def test_findings_carry_section_path_and_type(built):
    concern = _finding(built, "does not consistently assess the risk")
    assert concern["kind"] == "cause-of-concern" and concern["section"] == "2 Causes of concern"
    assert _finding(built, "record the views and wishes")["kind"] == "area-for-improvement"
    assert _finding(built, "joint missing-children team")["kind"] == "innovative-practice"
    assert _finding(built, "joint missing-children team")["polarity"] == "progress"


def test_numbered_recommendations_keep_their_numbers(built):
    numbers = {(r["inspection"], r["number"]) for r in built["recommendations"]}
    assert {("2019-02", "1"), ("2019-02", "2"), ("2024-01", "1")} <= numbers


def test_reworded_recommendation_is_aligned_and_shown_as_repeated(built):
    earlier = next(r for r in built["recommendations"] if "supervision of child abuse" in r["text"])
    assert earlier["status"] == "repeated (still open)"
    assert earlier["repeated"][0]["inspection"] == "2024-01" and 0.5 <= earlier["repeated"][0]["ratio"] < 1
    addressed = next(r for r in built["recommendations"] if "risk assessed by a supervisor" in r["text"])
    assert addressed["status"].startswith("addressed")


def test_grades_carry_their_scale_and_changing_scale_is_not_comparable(built):
    later = next(i for i in built["inspections"] if i["id"] == "2024-01")
    good = next(g for g in later["grades"] if g["grade"] == "good")
    assert good["scale"] == "peel-2021" and good["change"]["direction"] == "not comparable"
    earlier = next(i for i in built["inspections"] if i["id"] == "2019-02")
    assert earlier["grades"][0]["scale"] == "peel-2014"


def test_themes_explain_their_verdict(built):
    theme = next(t for t in built["themes"] if t["id"] == "investigation-quality")
    assert theme["why"]["text"] and theme["why"]["steps"]
    assert any(e["cues"] for step in theme["why"]["steps"] for e in step["findings"])
    assert theme["why"]["alignments"][0]["ratio"] > 0.5


def test_html_report_headings_give_nested_sections(tmp_path, taxonomy):
    from reportdiff.pipeline import Settings, run

    (tmp_path / "report.html").write_text(report_2019(), encoding="utf-8")
    report = run([tmp_path], Settings(taxonomy))
    recommendation = next(f for f in report.findings if f.text.startswith("Within three months"))
    assert recommendation.section == "2 Causes of concern \u203a Recommendations"
    assert recommendation.kind == "recommendation" and recommendation.number == "1"


def test_without_the_pdf_extra_a_pdf_is_skipped_with_the_install_hint(cli, pdf_folder, tmp_path, monkeypatch):
    folder = tmp_path / "mixed"
    shutil.copytree(pdf_folder, folder)
    shutil.copy(SAMPLES / "000_8195b7b72e696d93.txt", folder)
    monkeypatch.setitem(sys.modules, "pypdf", None)
    result = cli("build", folder, "--out", tmp_path / "r.json")
    assert result.status == 0
    assert "pip install 'reportdiff[pdf]'" in result.stderr and "southshire-2019.pdf" in result.stderr
    assert [d["id"] for d in json.loads((tmp_path / "r.json").read_text())["documents"]] == [
        "000_8195b7b72e696d93"
    ]


def test_manifest_overrides_are_applied_with_provenance(cli, pdf_folder, tmp_path):
    folder = tmp_path / "overridden"
    shutil.copytree(pdf_folder, folder)
    (folder / "reportdiff.toml").write_text(
        """
[[overrides]]
text = "joint missing-children team"
polarity = "neutral"
by = "A. Analyst"
date = "2026-11-20"
reason = "Describes a team, judges nothing."

[[overrides]]
theme = "child-voice"
status = "resolved"
by = "B. Lead"
date = "2026-11-21"
reason = "The force's 2025 audit, checked by us, shows views recorded in 95% of cases."
""",
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    assert cli("build", folder, "--out", out).status == 0
    data = json.loads(out.read_text())
    finding = next(f for f in data["findings"] if "joint missing-children team" in f["text"])
    assert finding["polarity"] == "neutral" and finding["provenance"][0]["machine"] == "progress"
    theme = next(t for t in data["themes"] if t["id"] == "child-voice")
    assert theme["verdict"] == "resolved" and theme["machine_verdict"] == "not-reassessed"
    assert theme["provenance"][0]["by"] == "B. Lead"
    html = tmp_path / "r.html"
    assert cli("build", folder, "--out", html).status == 0
    assert "the machine said not-reassessed" in html.read_text()


def test_override_that_matches_nothing_is_an_error(cli, pdf_folder, tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(pdf_folder, folder)
    (folder / "reportdiff.toml").write_text(
        '[[overrides]]\ntext = "no such words"\ntheme = "training"\nby = "x"\ndate = "2026-01-01"\n',
        encoding="utf-8",
    )
    result = cli("build", folder, "--out", tmp_path / "r.json")
    assert result.status == 1 and "matches no finding" in result.stderr and "reportdiff.toml" in result.stderr
