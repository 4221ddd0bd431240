"""A previous build's JSON (the --baseline, or an input of `diff`): read through a typed reader that keeps
only what the comparison uses, cleaned, and refuses anything else with a one-line error naming the first bad
place; then the comparison itself (typed, of this build's `Report` or another build), and the --fail-on
outcome it feeds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .budgets import MAX_BUILD_BYTES, MAX_NAME_CHARS, MAX_NESTING
from .errors import InputError
from .files import depth, read_regular
from .model import (
    BaselineComparison,
    BuildSummary,
    Document,
    FailOutcome,
    Finding,
    ThemeResult,
    ThemeVerdict,
    Verdict,
    VerdictChange,
)
from .sanitize import bounded, clean_line, printable, shown_path

VERDICTS = tuple(v.value for v in Verdict)
_VERDICTS = {v.value: v for v in Verdict}
# --fail-on's rules: a verdict, or one of these changes since the baseline.
VERDICT_CHANGED, DOCUMENT_ADDED, FINDING_ADDED = "verdict-changed", "document-added", "finding-added"
CHANGE_RULES = (VERDICT_CHANGED, DOCUMENT_ADDED, FINDING_ADDED)
FAIL_RULES = VERDICTS + CHANGE_RULES
REQUIRED_KEYS = ("documents", "inspections", "themes", "findings", "changelog")
CHANGE_KEYS = ("new", "persisting", "resolved", "recurring")
# The JSON schemas this version reads: 1 (labels beside ids, before contract.py) and contract.SCHEMA_VERSION.
READ_SCHEMAS = (1, 2)
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BadBuildError(Exception):
    """Where a build's JSON first departs from the shape, and how: turned into one InputError naming the
    file."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)


def load_build(path: Path) -> dict[str, Any]:
    """A previous build's JSON output, checked to be one; only the parts the comparison reads, cleaned."""
    data = read_regular(path, MAX_BUILD_BYTES, InputError)
    try:
        return read_build(parse_json(data))
    except BadBuildError as exc:
        raise InputError(f"not a reportdiff JSON build: {exc}", path) from None


def parse_json(data: bytes) -> Any:
    """JSON from bytes: strict (no NaN or Infinity, which no JSON reader elsewhere accepts), bounded in
    nesting."""
    try:
        parsed = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError as exc:
        raise BadBuildError("", f"not UTF-8 text (byte {exc.start:,})") from None
    except json.JSONDecodeError as exc:
        raise BadBuildError("", f"not JSON ({exc})") from None
    except RecursionError:  # the decoder recurses once per level
        raise BadBuildError("", f"nested more than {MAX_NESTING} deep") from None
    if depth(parsed) > MAX_NESTING:
        raise BadBuildError("", f"nested more than {MAX_NESTING} deep")
    return parsed


def _refuse_constant(name: str) -> Any:
    raise BadBuildError("", f"{name} is not a JSON value")


def read_build(data: Any) -> dict[str, Any]:
    """The checked, cleaned parts of a build: documents, themes, findings, changelog and subject."""
    build = _object(data, "", REQUIRED_KEYS)
    schema = build.get("schema", READ_SCHEMAS[0])
    if schema not in READ_SCHEMAS or isinstance(schema, bool):
        raise BadBuildError("schema", _schema_problem(schema))
    themes = _items(build["themes"], "themes", _theme)
    inspections = _list(build["inspections"], "inspections")
    if schema >= 2:  # schema 2 names inspections and themes by id only: their labels are in their own lists
        labels = _labels(inspections), {t["id"]: t["label"] for t in themes}
        entries = [_with_labels(item, *labels) for item in _list(build["changelog"], "changelog")]
    else:
        entries = build["changelog"]
    return {
        "subject": _line(build.get("subject", ""), "subject"),
        "documents": _items(build["documents"], "documents", _document),
        "themes": themes,
        "findings": _items(build["findings"], "findings", lambda item, where: {"id": _id(item, where)}),
        "changelog": _items(entries, "changelog", _change),
    }


def _schema_problem(schema: Any) -> str:
    """Why a build's schema cannot be read, and what to do about it."""
    known = " and ".join(str(n) for n in READ_SCHEMAS)
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > READ_SCHEMAS[-1]:
        return (
            f"schema {schema} is newer than this reportdiff reads ({known}): upgrade reportdiff, "
            "or rebuild the baseline with this version"
        )
    return f"not a schema this version reads ({known})"


def _labels(inspections: list[Any]) -> dict[str, str]:
    """Inspection labels by id, from a schema-2 build's inspection list (ill-formed items are left out)."""
    return {
        i["id"]: i["label"]
        for i in inspections
        if isinstance(i, dict) and isinstance(i.get("id"), str) and isinstance(i.get("label"), str)
    }


def _with_labels(item: Any, inspections: dict[str, str], themes: dict[str, str]) -> Any:
    """A schema-2 changelog entry with the labels a schema-1 entry carries beside its ids."""
    if not isinstance(item, dict):
        return item
    ends = {
        f"{end}_label": inspections.get(item[end], item[end])
        for end in ("from", "to")
        if isinstance(item.get(end), str)
    }
    return {**ends, "labels": themes, **item}


def _items(value: Any, where: str, read: Callable[[Any, str], dict[str, Any]]) -> list[dict[str, Any]]:
    return [read(item, f"{where}[{n}]") for n, item in enumerate(_list(value, where))]


def _document(item: Any, where: str) -> dict[str, Any]:
    document = _object(item, where, ("id", "sha256"))
    sha = document["sha256"]
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        raise BadBuildError(f"{where}.sha256", "not a SHA-256 in hexadecimal")
    return {"id": _id(document, where), "sha256": sha}


def _theme(item: Any, where: str) -> dict[str, Any]:
    theme = _object(item, where, ("id", "verdict"))
    verdict = theme["verdict"]
    if verdict not in VERDICTS:
        raise BadBuildError(f"{where}.verdict", f"not a verdict (one of {', '.join(VERDICTS)})")
    identifier = _id(theme, where)
    basis = theme.get("basis")  # what the verdict rests on, in words: builds before it have none
    text = basis.get("text", "") if isinstance(basis, dict) else ""
    return {
        "id": identifier,
        "label": _line(theme.get("label", identifier), f"{where}.label"),
        "verdict": verdict,
        "basis": {"text": _line(text, f"{where}.basis.text")},
    }


def _change(item: Any, where: str) -> dict[str, Any]:
    change = _object(item, where, ("from_label", "to_label"))
    themes = {
        key: [
            _name(t, f"{where}.{key}[{n}]")
            for n, t in enumerate(_list(change.get(key, []), f"{where}.{key}"))
        ]
        for key in CHANGE_KEYS
    }
    labels = _object(change.get("labels", {}), f"{where}.labels", ())
    named = {
        _name(key, f"{where}.labels"): _line(label, f"{where}.labels.{key}") for key, label in labels.items()
    }
    return {
        "from": _name(change.get("from", ""), f"{where}.from", empty=True),
        "to": _name(change.get("to", ""), f"{where}.to", empty=True),
        "from_label": _line(change["from_label"], f"{where}.from_label"),
        "to_label": _line(change["to_label"], f"{where}.to_label"),
        **themes,
        "labels": {t: named.get(t, t) for key in CHANGE_KEYS for t in themes[key]},
        "empty": not any(themes.values()),
    }


def _object(value: Any, where: str, required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadBuildError(where, f"{_kind(value)}, not an object")
    missing = [key for key in required if key not in value]
    if missing:
        raise BadBuildError(where, f"no {missing[0]!r}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadBuildError(where, f"{_kind(value)}, not a list")
    return value


def _id(item: Any, where: str) -> str:
    """The id of the object `item`."""
    return _name(_object(item, where, ("id",))["id"], f"{where}.id")


def _name(value: Any, where: str, empty: bool = False) -> str:
    """An id: a string of printable characters, no longer than `MAX_NAME_CHARS`."""
    if not isinstance(value, str) or (not value and not empty):
        raise BadBuildError(where, f"{_kind(value)}, not an id")
    if len(value) > MAX_NAME_CHARS or printable(value) != value or value != value.strip():
        raise BadBuildError(where, f"not an id (printable characters, at most {MAX_NAME_CHARS:,})")
    return value


def _line(value: Any, where: str) -> str:
    """A label: a string, cleaned of control characters and line breaks, bounded."""
    if not isinstance(value, str):
        raise BadBuildError(where, f"{_kind(value)}, not a string")
    return bounded(clean_line(value), MAX_NAME_CHARS)


def _kind(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def summary_of_build(build: dict[str, Any], where: str) -> BuildSummary:
    """What a comparison needs of a build's JSON, as `load_build` read it."""
    try:
        verdicts = tuple(
            ThemeVerdict(
                t["id"], t.get("label", t["id"]), _VERDICTS[t["verdict"]], _basis_text(t.get("basis"))
            )
            for t in build["themes"]
        )
        return BuildSummary(
            tuple((d["sha256"], d["id"]) for d in build["documents"]),
            verdicts,
            tuple(f["id"] for f in build["findings"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a reportdiff JSON build ({type(exc).__name__}: {exc})", where) from None


def _basis_text(basis: Any) -> str:
    """A theme's basis in words, from a build that has one (older builds do not)."""
    return basis["text"] if isinstance(basis, dict) and isinstance(basis.get("text"), str) else ""


def summary_of_report(
    documents: tuple[Document, ...], themes: tuple[ThemeResult, ...], findings: tuple[Finding, ...]
) -> BuildSummary:
    """What a comparison needs of this build."""
    return BuildSummary(
        tuple((d.sha256, d.id) for d in documents),
        tuple(ThemeVerdict(t.id, t.label, t.verdict, t.basis.text) for t in themes),
        tuple(f.id for f in findings),
    )


def compare_builds(old: BuildSummary, new: BuildSummary, label: str) -> BaselineComparison:
    """What changed from `old` to `new`: documents (by content), verdicts and findings added or removed."""
    old_docs, new_docs = dict(old.documents), dict(new.documents)
    before = {t.theme: t.verdict for t in old.verdicts}
    after = {t.theme: t.verdict for t in new.verdicts}
    labels = {t.theme: t.label for t in (*old.verdicts, *new.verdicts)}
    themes = sorted(set(before) | set(after))
    changes = tuple(
        VerdictChange(theme, labels[theme], before.get(theme), after.get(theme))
        for theme in themes
        if before.get(theme) is not after.get(theme)
    )
    return BaselineComparison(
        path=shown_path(label),
        documents_added=tuple(new_docs[sha] for sha in _ordered(new_docs, old_docs)),
        documents_removed=tuple(old_docs[sha] for sha in _ordered(old_docs, new_docs)),
        verdict_changes=changes,
        findings_added=tuple(_ordered(dict.fromkeys(new.findings), dict.fromkeys(old.findings))),
        findings_removed=tuple(_ordered(dict.fromkeys(old.findings), dict.fromkeys(new.findings))),
        same_documents=old_docs.keys() == new_docs.keys(),
    )


def _ordered(present: dict[str, Any], absent: dict[str, Any]) -> list[str]:
    """Keys of `present` missing from `absent`, in `present`'s order."""
    return [key for key in present if key not in absent]


def fail_outcome(
    themes: tuple[ThemeResult, ...], baseline: BaselineComparison | None, rules: tuple[str, ...]
) -> FailOutcome:
    """One line per theme, added document or finding that trips a --fail-on rule, naming each rule."""
    by_theme: dict[str, list[str]] = {}
    for theme in themes:
        if theme.verdict.value in rules:
            by_theme.setdefault(theme.id, []).append(f"verdict is {theme.verdict.value}")
    if baseline is not None and VERDICT_CHANGED in rules:
        for change in baseline.verdict_changes:
            was, now = (v.value if v else "none" for v in (change.before, change.after))
            by_theme.setdefault(change.theme, []).append(f"verdict changed from {was} to {now}")
    lines = [f"{theme}: {'; '.join(reasons)}" for theme, reasons in by_theme.items()]
    if baseline is not None and DOCUMENT_ADDED in rules:
        lines += [f"{doc}: document added since the baseline" for doc in baseline.documents_added]
    if baseline is not None and FINDING_ADDED in rules:
        lines += [f"{f}: finding added since the baseline" for f in baseline.findings_added]
    return FailOutcome(rules, tuple(lines))
