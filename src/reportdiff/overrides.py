"""Stage overrides: human judgement over the machine's. Manifest `[[overrides]]` pin a finding's theme or
polarity, mark a theme's concern resolved or open, and merge or split aligned findings. Each applies before
anything is computed from what it overrides, names who made it and when, and shows beside the machine's view.
An override that matches nothing is an error, not silence."""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from enum import Enum
from typing import Any, TypeVar

from .errors import ConfigError
from .model import (
    Alignment,
    Finding,
    Override,
    OverrideStatus,
    Polarity,
    Provenance,
    Taxonomy,
    ThemeCourse,
    ThemeHit,
    Verdict,
)
from .text import comparable, words

E = TypeVar("E", bound=Enum)
OVERRIDE_KEYS = ("finding", "text", "theme", "polarity", "status", "merge", "split", "by", "date", "reason")


def parse_overrides(raw: Any, where: str) -> tuple[Override, ...]:
    """The manifest's `[[overrides]]` list, checked: each needs `by` and `date`, and something to do."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError("'overrides' must be an array of tables ([[overrides]])", where)
    return tuple(_parse_one(index, entry, where) for index, entry in enumerate(raw, start=1))


def _parse_one(index: int, entry: Any, where: str) -> Override:
    label = f"[[overrides]] #{index}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{label} must be a table", where)
    unknown = [key for key in entry if key not in OVERRIDE_KEYS]
    if unknown:
        raise ConfigError(f"{label}: unknown key {unknown[0]!r} (allowed: {', '.join(OVERRIDE_KEYS)})", where)
    for key in ("by", "date"):
        if not str(entry.get(key, "")).strip():
            raise ConfigError(f"{label}: say who made it and when ('by' and 'date' are required)", where)
    override = Override(
        index=index,
        by=str(entry["by"]),
        date=str(entry["date"]),
        reason=str(entry.get("reason", "")),
        finding=str(entry.get("finding", "")),
        text=str(entry.get("text", "")),
        theme=str(entry.get("theme", "")),
        polarity=_member(Polarity, "polarity", entry, label, where),
        status=_member(OverrideStatus, "status", entry, label, where),
        merge=tuple(str(i) for i in entry.get("merge", ())),
        split=tuple(str(i) for i in entry.get("split", ())),
    )
    _check_shape(override, label, where)
    return override


def _member(kind: type[E], key: str, entry: dict[str, Any], label: str, where: str) -> E | None:
    """The enum member an entry's `key` names; None when absent; an error naming the choices otherwise."""
    value = str(entry.get(key, ""))
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise ConfigError(f"{label}: {key} must be one of {choices}, not {value!r}", where) from None


def _check_shape(o: Override, label: str, where: str) -> None:
    if o.status is not None and not o.theme:
        raise ConfigError(f"{label}: a status needs the theme it applies to", where)
    for pair in (o.merge, o.split):
        if pair and len(pair) != 2:
            raise ConfigError(f"{label}: merge and split take two finding ids", where)
    if not (o.finding or o.text or o.status is not None or o.merge or o.split):
        raise ConfigError(
            f"{label}: name a finding (finding = id or text = phrase), a theme status, or a merge/split",
            where,
        )


def _provenance(o: Override, field: str, machine: str, human: str) -> Provenance:
    return Provenance(by=o.by, date=o.date, reason=o.reason, field=field, machine=machine, human=human)


def apply_finding_overrides(
    findings: tuple[Finding, ...], overrides: tuple[Override, ...], taxonomy: Taxonomy, where: str
) -> tuple[Finding, ...]:
    """Findings with pinned themes and polarities; the machine's view kept as provenance."""
    known = {theme.id for theme in taxonomy.themes}
    out = list(findings)
    for o in overrides:
        if not (o.finding or o.text) or o.status is not None:
            continue
        if o.theme and o.theme not in known:
            raise ConfigError(f"{o.describe()}: no theme {o.theme!r} in the taxonomy", where)
        targets = [i for i, f in enumerate(out) if _targets(o, f)]
        if not targets:
            raise ConfigError(f"{o.describe()} matches no finding ({o.finding or repr(o.text)})", where)
        for i in targets:
            out[i] = _pin(out[i], o)
    return tuple(out)


def _targets(o: Override, finding: Finding) -> bool:
    if o.finding:
        return finding.id == o.finding
    return o.text.lower() in finding.text.lower()


def _pin(finding: Finding, o: Override) -> Finding:
    provenance = list(finding.provenance)
    polarity = finding.polarity if o.polarity is None else o.polarity
    hits = finding.hits
    if o.theme:
        provenance.append(_provenance(o, "theme", ", ".join(finding.themes) or "none", o.theme))
        weight = max((h.weight for h in hits), default=1.0) or 1.0
        hits = (ThemeHit(o.theme, polarity, weight, ("set by a person",)),)
    if o.polarity is not None:
        provenance.append(_provenance(o, "polarity", finding.polarity.value, o.polarity.value))
        hits = tuple(replace(h, polarity=polarity, weight=h.weight or 1.0) for h in hits)
    return replace(finding, hits=hits, polarity=polarity, provenance=tuple(provenance))


def apply_theme_overrides(
    themes: tuple[ThemeCourse, ...], overrides: tuple[Override, ...], where: str
) -> tuple[ThemeCourse, ...]:
    """Themes whose verdict a person set: resolved, or open (persisting where the evidence had closed it). The
    machine's verdict and basis are kept; the basis names the person."""
    out = {theme.id: theme for theme in themes}
    for o in overrides:
        if o.status is None:
            continue
        if o.theme not in out:
            raise ConfigError(f"{o.describe()}: theme {o.theme!r} has no verdict in this build", where)
        theme = out[o.theme]
        verdict = Verdict.RESOLVED if o.status is OverrideStatus.RESOLVED else _opened(theme.verdict)
        record = _provenance(o, "verdict", theme.verdict.value, verdict.value)
        out[o.theme] = replace(
            theme,
            verdict=verdict,
            basis=replace(theme.basis, set_by=o.by),
            provenance=theme.provenance + (record,),
        )
    return tuple(out[theme.id] for theme in themes)


def _opened(verdict: Verdict) -> Verdict:
    return verdict if verdict.is_open else Verdict.PERSISTING


def apply_alignment_overrides(
    alignments: tuple[Alignment, ...],
    findings: tuple[Finding, ...],
    order: list[str],
    overrides: tuple[Override, ...],
    where: str,
) -> tuple[Alignment, ...]:
    """Alignments with a person's merges added and splits removed."""
    by_id = {f.id: f for f in findings}
    rank = {inspection: i for i, inspection in enumerate(order)}
    out = list(alignments)
    for o in overrides:
        for pair, merging in ((o.merge, True), (o.split, False)):
            if not pair:
                continue
            missing = [i for i in pair if i not in by_id]
            if missing:
                raise ConfigError(f"{o.describe()} names no finding {missing[0]!r}", where)
            first, second = sorted(pair, key=lambda i: (rank[by_id[i].inspection], i))
            existing = [a for a in out if {a.earlier, a.later} == {first, second}]
            if merging:
                out = [a for a in out if a not in existing] + [_merged(by_id[first], by_id[second], o)]
            elif not existing:
                raise ConfigError(
                    f"{o.describe()}: {first} and {second} are not aligned, nothing to split", where
                )
            else:
                out = [a for a in out if a not in existing]
    return tuple(sorted(out, key=lambda a: (a.earlier, a.later)))


def _merged(earlier: Finding, later: Finding, o: Override) -> Alignment:
    a, b = words(earlier.text), words(later.text)
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio() if comparable(a, b) else float(a == b)
    shared = tuple(t for t in earlier.themes if t in later.themes) or earlier.themes or later.themes
    record = _provenance(o, "alignment", "not aligned", "aligned")
    return Alignment(earlier.id, later.id, shared, round(ratio, 3), (record,))
