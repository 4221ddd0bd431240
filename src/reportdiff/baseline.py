"""Compare two builds' JSON contexts: documents, verdicts and findings added or changed since a baseline."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import InputError

OPEN = ("new", "persisting", "recurring", "not-reassessed")
REQUIRED_KEYS = ("documents", "inspections", "themes", "findings", "changelog")


def load_build(path: Path) -> dict[str, Any]:
    """A previous build's JSON output, checked to be one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read build: {exc.strerror or exc}", str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a reportdiff JSON build: {exc}", str(path)) from None
    if not isinstance(data, dict) or any(key not in data for key in REQUIRED_KEYS):
        raise InputError(f"not a reportdiff JSON build (needs keys {', '.join(REQUIRED_KEYS)})", str(path))
    return data


def compare_builds(old: dict[str, Any], new: dict[str, Any], label: str) -> dict[str, Any]:
    """What changed from `old` to `new`, as plain data for the report's "since the last build" block."""
    old_docs, new_docs = _by(old["documents"], "sha256"), _by(new["documents"], "sha256")
    old_verdicts, new_verdicts = _verdicts(old), _verdicts(new)
    labels = {t["id"]: t.get("label", t["id"]) for t in (*old["themes"], *new["themes"])}
    changes = [{"theme": theme, "label": labels[theme], "from": old_verdicts.get(theme),
                "to": new_verdicts.get(theme)}
               for theme in sorted(set(old_verdicts) | set(new_verdicts))
               if old_verdicts.get(theme) != new_verdicts.get(theme)]
    old_findings, new_findings = _by(old["findings"], "id"), _by(new["findings"], "id")
    return {
        "path": label,
        "documents_added": [new_docs[sha]["id"] for sha in _ordered(new_docs, old_docs)],
        "documents_removed": [old_docs[sha]["id"] for sha in _ordered(old_docs, new_docs)],
        "verdict_changes": changes,
        "concerns_added": [c["theme"] for c in changes if c["to"] in OPEN and c["from"] not in OPEN],
        "concerns_closed": [c["theme"] for c in changes if c["from"] in OPEN and c["to"] not in OPEN],
        "findings_added": _ordered(new_findings, old_findings),
        "findings_removed": _ordered(old_findings, new_findings),
        "empty": not changes and old_docs.keys() == new_docs.keys() and old_findings.keys() == new_findings.keys(),
    }


def _by(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


def _ordered(present: dict[str, Any], absent: dict[str, Any]) -> list[str]:
    """Keys of `present` missing from `absent`, in `present`'s order."""
    return [key for key in present if key not in absent]


def _verdicts(build: dict[str, Any]) -> dict[str, str]:
    return {theme["id"]: theme["verdict"] for theme in build["themes"]}


def fail_reasons(context: dict[str, Any], rules: tuple[str, ...]) -> list[str]:
    """One line per theme (or added document or finding) that trips a --fail-on rule, naming every rule it trips."""
    by_theme: dict[str, list[str]] = {}
    for theme in context["themes"]:
        if theme["verdict"] in rules:
            by_theme.setdefault(theme["id"], []).append(f"verdict is {theme['verdict']}")
    baseline = context.get("baseline") or {}
    if "verdict-changed" in rules:
        for change in baseline.get("verdict_changes", []):
            by_theme.setdefault(change["theme"], []).append(
                f"verdict changed from {change['from'] or 'none'} to {change['to'] or 'none'}")
    lines = [f"{theme}: {'; '.join(reasons)}" for theme, reasons in by_theme.items()]
    if "document-added" in rules:
        lines += [f"{doc}: document added since the baseline" for doc in baseline.get("documents_added", [])]
    if "finding-added" in rules:
        lines += [f"{f}: finding added since the baseline" for f in baseline.get("findings_added", [])]
    return lines
