"""The JSON contract: every JSON build validates against the schema shipped in the package, holds data only,
and a later build reads it (or an older build's) as its baseline, while refusing a newer one with a clear
message."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SAMPLES
from reportdiff import baseline, model
from reportdiff.context import build_context
from reportdiff.contract import SCHEMA_FILE, SCHEMA_VERSION, build_contract
from reportdiff.render import render_json

jsonschema = pytest.importorskip("jsonschema")
# Display words, symbols, geometry and print limits belong to the views' context, never to the contract.
LAYOUT_KEYS = {
    "legend",
    "layout",
    "timeline_chart",
    "symbol",
    "citation",
    "short_label",
    "grade_note",
    "year",
    "brief",
    "span",
    "verdict_text",
    "dropped_count",
    "labels",
    "unassessed_theme_labels",
}
OVERRIDES = """
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
reason = "Audit seen."
"""


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def samples_json(samples_report) -> dict[str, Any]:
    return json.loads(render_json(build_contract(samples_report)))


def errors(validator, data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(data)]


def keys(value: Any) -> Iterator[str]:
    """Every object key anywhere in `value`, except the keys of id-keyed maps (theme_polarity)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            if key != "theme_polarity":
                yield from keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys(item)


# The schema itself


def test_the_schema_is_in_the_package_and_names_this_version(schema):
    assert SCHEMA_FILE.parent.name == "data" and SCHEMA_FILE.parent.parent.name == "reportdiff"
    assert schema["properties"]["schema"] == {
        "const": SCHEMA_VERSION,
        "description": "The version of this contract.",
    }


@pytest.mark.parametrize(
    ("definition", "enum"),
    [
        ("verdict", model.Verdict),
        ("assessment", model.Assessment),
        ("polarity", model.Polarity),
        ("speaker", model.Speaker),
        ("basis", model.Basis),
        ("movement", model.Movement),
        ("fate", model.Fate),
        ("date_method", model.DateMethod),
    ],
)
def test_the_schema_lists_each_closed_vocabulary_as_the_model_defines_it(schema, definition, enum):
    assert sorted(schema["$defs"][definition]["enum"]) == sorted(member.value for member in enum)


# Every output validates, and holds data only


def test_the_samples_build_validates(validator, samples_json):
    assert errors(validator, samples_json) == []


def test_the_contract_holds_no_display_words_or_geometry(samples_json):
    found = set(keys(samples_json))
    assert not found & LAYOUT_KEYS
    assert not [key for key in found if key.endswith("_label")]


def test_a_build_with_a_baseline_validates(cli, tmp_path, validator):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert cli("build", SAMPLES, "--out", first, "--quiet").status == 0
    assert cli("build", SAMPLES, "--baseline", first, "--out", second, "--quiet").status == 0
    data = json.loads(second.read_text(encoding="utf-8"))
    assert data["baseline"] is not None and data["baseline"]["empty"]
    assert errors(validator, data) == []


def test_a_full_report_pair_with_overrides_validates(cli, tmp_path, validator):
    pytest.importorskip("pypdf")
    from fullreport import write_reports

    folder = tmp_path / "southshire"
    folder.mkdir()
    write_reports(folder)
    (folder / "reportdiff.toml").write_text(OVERRIDES, encoding="utf-8")
    out = tmp_path / "r.json"
    assert cli("build", folder, "--out", out, "--quiet").status == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["recommendations"] and any(f["provenance"] for f in data["findings"])
    assert any(g["change"] for i in data["inspections"] for g in i["grades"])
    assert errors(validator, data) == []


def test_a_departure_from_the_contract_is_caught(validator, samples_json):
    changed = json.loads(json.dumps(samples_json))
    changed["themes"][0]["verdict_label"] = "new"
    assert errors(validator, changed)
    changed = json.loads(json.dumps(samples_json))
    del changed["findings"][0]["sources"]
    assert errors(validator, changed)


def test_the_views_context_is_not_the_contract(samples_report, validator):
    """The template context keeps the display words the contract leaves out: it does not validate."""
    assert errors(validator, json.loads(json.dumps(build_context(samples_report))))


# Reading a build back as a baseline


def test_this_version_reads_this_schema_and_the_one_before():
    assert SCHEMA_VERSION in baseline.READ_SCHEMAS and SCHEMA_VERSION - 1 in baseline.READ_SCHEMAS


def test_a_build_reads_back_with_the_labels_of_its_changelog(samples_json):
    read = baseline.read_build(samples_json)
    labels = {i["id"]: i["label"] for i in samples_json["inspections"]}
    themes = {t["id"]: t["label"] for t in samples_json["themes"]}
    assert read["changelog"]
    for entry in read["changelog"]:
        assert entry["from_label"] == labels[entry["from"]] and entry["to_label"] == labels[entry["to"]]
        for theme in (t for key in baseline.CHANGE_KEYS for t in entry[key]):
            assert entry["labels"][theme] == themes[theme]


def test_an_older_build_is_read_as_it_was_written(samples_report):
    older = json.loads(json.dumps(build_context(samples_report)))
    older["schema"] = SCHEMA_VERSION - 1
    read = baseline.read_build(older)
    assert [e["to_label"] for e in read["changelog"]] == [e["to_label"] for e in older["changelog"]]


def test_a_newer_build_is_refused_with_what_to_do(samples_json, tmp_path):
    path = tmp_path / "future.json"
    path.write_text(json.dumps({**samples_json, "schema": SCHEMA_VERSION + 1}), encoding="utf-8")
    with pytest.raises(baseline.InputError) as caught:
        baseline.load_build(path)
    message = str(caught.value)
    assert f"schema {SCHEMA_VERSION + 1} is newer" in message and "upgrade reportdiff" in message


def test_diff_of_two_builds_names_the_inspections(cli, tmp_path):
    first, second, changes = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "changes.md"
    folder = tmp_path / "docs"
    shutil.copytree(SAMPLES, folder)
    last = sorted(folder.iterdir())[-1]
    assert cli("build", folder, "--out", first, "--quiet").status == 0
    last.unlink()
    assert cli("build", folder, "--out", second, "--quiet").status == 0
    assert cli("diff", first, second, "--out", changes).status == 0
    data = json.loads(second.read_text(encoding="utf-8"))
    text = changes.read_text(encoding="utf-8")
    assert data["changelog"] and data["inspections"][-1]["label"] in text
