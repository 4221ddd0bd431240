"""Compare a build with a baseline build (documents, verdicts and findings changed) and the --fail-on gate."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import (
    BaselineComparison, BuildSummary, Document, FailOutcome, Finding, ThemeResult, ThemeVerdict, Verdict,
    VerdictChange,
)

# --fail-on's rules: a verdict, or one of these changes since the baseline.
VERDICT_CHANGED, DOCUMENT_ADDED, FINDING_ADDED = "verdict-changed", "document-added", "finding-added"
CHANGE_RULES = (VERDICT_CHANGED, DOCUMENT_ADDED, FINDING_ADDED)
FAIL_RULES = tuple(v.value for v in Verdict) + CHANGE_RULES
_VERDICTS = {v.value: v for v in Verdict}
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


def summary_of_build(build: dict[str, Any], where: str) -> BuildSummary:
    """What a comparison needs of a build's JSON (as `load_build` checked it)."""
    try:
        verdicts = tuple(ThemeVerdict(t["id"], t.get("label", t["id"]), _VERDICTS[t["verdict"]],
                                      _basis_text(t.get("basis"))) for t in build["themes"])
        return BuildSummary(tuple((d["sha256"], d["id"]) for d in build["documents"]), verdicts,
                            tuple(f["id"] for f in build["findings"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a reportdiff JSON build ({type(exc).__name__}: {exc})", where) from None


def _basis_text(basis: Any) -> str:
    """A theme's basis in words, from a build that has one (older builds do not)."""
    return basis["text"] if isinstance(basis, dict) and isinstance(basis.get("text"), str) else ""


def summary_of_report(documents: tuple[Document, ...], themes: tuple[ThemeResult, ...],
                      findings: tuple[Finding, ...]) -> BuildSummary:
    """What a comparison needs of this build."""
    return BuildSummary(tuple((d.sha256, d.id) for d in documents),
                        tuple(ThemeVerdict(t.id, t.label, t.verdict, t.basis.text) for t in themes),
                        tuple(f.id for f in findings))


def compare_builds(old: BuildSummary, new: BuildSummary, label: str) -> BaselineComparison:
    """What changed from `old` to `new`: documents (by content), verdicts and findings added or removed."""
    old_docs, new_docs = dict(old.documents), dict(new.documents)
    before = {t.theme: t.verdict for t in old.verdicts}
    after = {t.theme: t.verdict for t in new.verdicts}
    labels = {t.theme: t.label for t in (*old.verdicts, *new.verdicts)}
    themes = sorted(set(before) | set(after))
    changes = tuple(VerdictChange(theme, labels[theme], before.get(theme), after.get(theme))
                    for theme in themes if before.get(theme) is not after.get(theme))
    return BaselineComparison(
        path=label,
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


def fail_outcome(themes: tuple[ThemeResult, ...], baseline: BaselineComparison | None,
                 rules: tuple[str, ...]) -> FailOutcome:
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
