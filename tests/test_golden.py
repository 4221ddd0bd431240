"""Golden files for the samples: the HTML page and Markdown byte for byte, JSON compared parsed.

When a change is meant, regenerate with `make golden` (REPORTDIFF_REGENERATE=1) and read the new files before
committing them. On a mismatch the test prints a diff and leaves the output beside the golden file as
`*.actual`.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from reportdiff.context import build_context
from reportdiff.contract import build_contract
from reportdiff.render import render_html, render_json, render_markdown

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden" / "samples"
REGENERATE = os.environ.get("REPORTDIFF_REGENERATE") == "1"
DIFF_LINES = 120


def here_free(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with the checkout's location taken out of document paths."""
    built = json.dumps(data, ensure_ascii=False)
    return json.loads(built.replace(json.dumps(str(ROOT) + os.sep)[1:-1], ""))


@pytest.fixture(scope="module")
def context(samples_report) -> dict[str, Any]:
    """The samples' context, as the templates read it."""
    return here_free(build_context(samples_report))


def check_golden(name: str, actual: str, same: Callable[[str, str], bool] = str.__eq__) -> None:
    path = GOLDEN / name
    spare = path.with_name(path.name + ".actual")
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        spare.unlink(missing_ok=True)
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}; create it with `make golden` and read it before committing")
    expected = path.read_text(encoding="utf-8")
    if same(expected, actual):
        spare.unlink(missing_ok=True)
        return
    spare.write_text(actual, encoding="utf-8")
    diff = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), str(path), str(spare), lineterm=""
    )
    pytest.fail(
        f"{name} differs from its golden file (actual output saved as {spare}; "
        f"`make golden` accepts it):\n" + "\n".join(islice(diff, DIFF_LINES)),
        pytrace=False,
    )


def test_html_page_matches_golden(context):
    check_golden("report.html", render_html(context).decode("utf-8"))


def test_markdown_matches_golden(context):
    check_golden("report.md", render_markdown(context).decode("utf-8"))


def test_json_matches_golden(samples_report):
    """The JSON output is the contract (contract.py), not the templates' context."""
    contract = here_free(build_contract(samples_report))
    check_golden(
        "report.json", render_json(contract).decode("utf-8"), lambda a, b: json.loads(a) == json.loads(b)
    )


def test_rendering_is_deterministic(context):
    assert render_html(context) == render_html(json.loads(json.dumps(context)))
    assert render_markdown(context) == render_markdown(json.loads(json.dumps(context)))
