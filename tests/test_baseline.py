"""The baseline reader: a real build reads back; every malformed shape is one InputError naming the file and
the first bad place; and, for any JSON at all, it either refuses with a ReportdiffError or gives clean,
comparable data. Then the typed comparison and the --fail-on gate."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import craft
from reportdiff.baseline import VERDICTS, compare_builds, fail_outcome, load_build, summary_of_build
from reportdiff.budgets import MAX_NAME_CHARS
from reportdiff.context import build_context
from reportdiff.errors import InputError
from reportdiff.model import BuildSummary, ThemeVerdict, Verdict
from reportdiff.render import render_json
from reportdiff.sanitize import printable

# Where each malformed shape is first wrong, as the message names it.
PLACES = {
    "a list, not an object": "a list, not an object",
    "themes as a string": "themes: a string, not a list",
    "findings null": "findings: null, not a list",
    "a theme without id": "themes[0]: no 'id'",
    "a theme with an integer id": "themes[0].id: a number, not an id",
    "a verdict that is not a verdict": "themes[0].verdict: not a verdict",
    "a theme id with a line break": "themes[0].id: not an id",
    "a document without id": "documents[0]: no 'id'",
    "a finding without id": "findings[0]: no 'id'",
    "nesting 100,000 deep": "nested more than",
    "a NaN verdict": "NaN is not a JSON value",
    "not UTF-8": "not UTF-8 text",
}
# What no label may keep: control characters, line breaks of any kind, lone surrogates.
UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def good(samples_report) -> dict[str, Any]:
    built: dict[str, Any] = json.loads(render_json(build_context(samples_report)))
    return built


def _compared(read: dict[str, Any], good: dict[str, Any]):
    return compare_builds(
        summary_of_build(read, "baseline.json"), summary_of_build(good, "good.json"), "baseline.json"
    )


def _load(tmp_path: Path, data: bytes) -> dict[str, Any]:
    path = tmp_path / "baseline.json"
    path.write_bytes(data)
    return load_build(path)


def test_a_build_reads_back_as_the_parts_the_comparison_uses(tmp_path, good):
    read = _load(tmp_path, json.dumps(good).encode())
    assert sorted(read) == ["changelog", "documents", "findings", "subject", "themes"]
    assert [t["verdict"] for t in read["themes"]] == [t["verdict"] for t in good["themes"]]
    assert _compared(read, good).empty


@pytest.mark.parametrize("shape", craft.SHAPE_NAMES)
def test_a_malformed_build_is_one_error_naming_the_file_and_the_first_bad_place(tmp_path, good, shape):
    with pytest.raises(InputError) as caught:
        _load(tmp_path, craft.build_shapes(good)[shape])
    message = str(caught.value)
    assert (
        message.startswith(f"{tmp_path / 'baseline.json'}: not a reportdiff JSON build: ")
        and "\n" not in message
    )
    assert PLACES.get(shape, "") in message


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in `value` (dict keys and list indexes from the top), the top included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            found += _paths(item, (*prefix, index))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


def _check_clean(read: dict[str, Any], good: dict[str, Any]) -> None:
    """What a reader that accepted a build must have given: verdicts from the list, printable ids, clean
    labels."""
    assert all(t["verdict"] in VERDICTS for t in read["themes"])
    ids = (
        [t["id"] for t in read["themes"]]
        + [d["id"] for d in read["documents"]]
        + [f["id"] for f in read["findings"]]
    )
    assert all(printable(i) == i and len(i) <= MAX_NAME_CHARS for i in ids)
    labels = [t["label"] for t in read["themes"]] + [read["subject"]]
    assert all(not UNCLEAN.search(label) and len(label) <= MAX_NAME_CHARS for label in labels)
    compared = _compared(read, good)
    assert all("\n" not in line for line in fail_outcome((), compared, ("verdict-changed",)).reasons)


@FUZZ
@given(data=st.data(), new=JSON)
def test_a_build_with_any_part_replaced_is_refused_or_read_clean(tmp_path, good, data, new):
    path = data.draw(st.sampled_from(_paths(good)[:400]))
    text = json.dumps(_replaced(good, path, new)).encode()
    try:
        read = _load(tmp_path, text)
    except InputError:
        return
    _check_clean(read, good)


@FUZZ
@given(value=JSON)
def test_any_json_is_refused_or_read_clean(tmp_path, good, value):
    try:
        read = _load(tmp_path, json.dumps(value).encode())
    except InputError:
        return
    _check_clean(read, good)


@FUZZ
@given(label=st.text(), identifier=st.text(min_size=1, max_size=30))
def test_labels_are_cleaned_and_ids_with_controls_refused(tmp_path, good, label, identifier):
    theme = {**good["themes"][0], "label": label, "id": identifier}
    try:
        read = _load(tmp_path, json.dumps({**good, "themes": [theme]}).encode())
    except InputError as exc:
        assert printable(identifier) != identifier or identifier != identifier.strip()
        assert "themes[0].id" in str(exc)
        return
    _check_clean(read, good)
    assert read["themes"][0]["id"] == identifier


# The comparison and the gate, on typed build summaries

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
