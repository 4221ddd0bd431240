"""Load the shipped taxonomy TOML, extend it with a user's file and compile it into a `Taxonomy`."""
from __future__ import annotations

import copy
import difflib
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import (
    GradeScale, GradeWord, KindDef, Labelled, NoiseRule, Polarity, Publisher, Speaker, Taxonomy, ThemeDef,
)

SHIPPED = "taxonomy.toml"
TOP_KEYS = ("version", "replace", "themes", "kinds", "cues", "grades", "speakers", "publishers", "organisations",
            "inspections", "noise")
THEME_KEYS = ("id", "label", "description", "patterns", "remove")


def shipped_text() -> str:
    """The shipped taxonomy file's text."""
    return resources.files("reportdiff").joinpath("data").joinpath(SHIPPED).read_text(encoding="utf-8")


def load_taxonomy(user_file: Path | None = None) -> Taxonomy:
    """The shipped taxonomy, extended or replaced by `user_file`."""
    data = _parse(shipped_text(), f"<shipped {SHIPPED}>")
    source = "shipped"
    if user_file is not None:
        user = _parse(_read(user_file), str(user_file))
        _check_keys(user, str(user_file))
        data = user if user.get("replace") else merge_taxonomy(data, user)
        source = f"shipped + {user_file}" if not user.get("replace") else str(user_file)
    try:
        return compile_taxonomy(data, source)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ConfigError(f"taxonomy is incomplete or malformed: {_describe(exc)}", str(user_file or SHIPPED))


def merge_taxonomy(base: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """Extend `base` with `user`: themes by id, every other list appended, scalars replaced."""
    merged = copy.deepcopy(base)
    merged["themes"] = _merge_themes(base.get("themes", []), user.get("themes", []))
    for key, value in user.items():
        if key not in ("themes", "replace"):
            merged[key] = _merge_value(merged.get(key), value)
    return merged


def _merge_themes(base: list[dict[str, Any]], user: list[dict[str, Any]]) -> list[dict[str, Any]]:
    themes = {theme["id"]: dict(theme) for theme in base}
    for theme in user:
        if theme.get("remove"):
            themes.pop(theme["id"], None)
        elif theme["id"] in themes:
            themes[theme["id"]].update(theme)
        else:
            themes[theme["id"]] = dict(theme)
    return list(themes.values())


def _merge_value(base: Any, value: Any) -> Any:
    if isinstance(base, dict) and isinstance(value, dict):
        out = dict(base)
        for key, item in value.items():
            out[key] = _merge_value(base.get(key), item)
        return out
    if isinstance(base, list) and isinstance(value, list):
        return base + value
    return value


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read taxonomy: {exc.strerror or exc}", str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("taxonomy is not UTF-8 text", str(path)) from None


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", name) from None


def _check_keys(data: dict[str, Any], name: str) -> None:
    """Unknown keys are typos: name the nearest known key."""
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(f"unknown key {key!r}{_hint(key, TOP_KEYS)}", name)
    for theme in data.get("themes", []):
        if not isinstance(theme, dict) or "id" not in theme:
            raise ConfigError("every [[themes]] entry needs an id", name)
        for key in theme:
            if key not in THEME_KEYS:
                raise ConfigError(f"theme {theme['id']!r}: unknown key {key!r}{_hint(key, THEME_KEYS)}", name)


def _hint(key: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc)


def _rx(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from None


def _rxs(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(_rx(p) for p in patterns)


def compile_taxonomy(data: dict[str, Any], source: str) -> Taxonomy:
    """Turn the TOML data into a `Taxonomy` of compiled patterns."""
    cues, speakers, inspections, noise = data["cues"], data["speakers"], data["inspections"], data["noise"]
    return Taxonomy(
        source=source,
        themes=tuple(_theme(t) for t in data["themes"]),
        concern=_rxs(cues["concern"]),
        concern_strong=_rxs(cues.get("concern_strong", [])),
        progress=_rxs(cues["progress"]),
        progress_strong=_rxs(cues.get("progress_strong", [])),
        demand=_rxs(cues["demand"]),
        negators=_rxs(cues["negators"]),
        purpose=_rxs(cues.get("purpose", [])),
        future=_rxs(cues.get("future", [])),
        continuation=_rxs(cues.get("continuation", [])),
        contrast=_rxs(cues.get("contrast", [])),
        concessive=_rxs(cues.get("concessive", [])),
        grade_words=tuple(GradeWord(g["word"].lower(), Polarity(g["polarity"])) for g in data["grades"]["words"]),
        grade_scales=tuple(_scale(s) for s in data["grades"].get("scales", [])),
        reporting=_rx(speakers["reporting"]),
        speakers=tuple((Speaker(role), _rx(p)) for role in ("inspectorate", "force", "commissioner")
                       for p in speakers.get(role, [])),
        force_voice=_rxs(speakers.get("force_voice", [])),
        inspectorate_voice=_rxs(speakers.get("inspectorate_voice", [])),
        publishers=tuple(Publisher(p["name"], Speaker(p["role"]), _rxs(p["patterns"])) for p in data["publishers"]),
        organisation_suffixes=tuple(data["organisations"]["suffixes"]),
        inspection_words=_rx(inspections["words"]),
        inspection_kinds=tuple(Labelled(_rx(k["pattern"]), k["kind"]) for k in inspections.get("kinds", [])),
        relative_years=tuple(Labelled(_rx(r["pattern"]), str(int(r["offset"])))
                             for r in inspections.get("relative_years", [])),
        present=_rxs(inspections.get("present", [])),
        reference=_rxs(inspections.get("reference", [])),
        noise_tail=tuple(re.compile(p, re.IGNORECASE) for p in noise.get("tail", [])),
        noise_tail_reason=noise.get("tail_reason", "page footer"),
        noise_lines=tuple(NoiseRule(rule["reason"], _rxs(rule["patterns"])) for rule in noise.get("lines", [])),
        kinds=tuple(_kind(k) for k in data.get("kinds", [])),
    )


def _kind(raw: dict[str, Any]) -> KindDef:
    return KindDef(raw["id"], raw.get("label", raw["id"]), _rxs(raw.get("sections", [])),
                   _rxs(raw.get("lead_ins", [])), Polarity(raw.get("polarity", "neutral")))


def _theme(raw: dict[str, Any]) -> ThemeDef:
    return ThemeDef(raw["id"], raw.get("label", raw["id"]), raw.get("description", ""), _rxs(raw["patterns"]))


def _scale(raw: dict[str, Any]) -> GradeScale:
    return GradeScale(raw["id"], raw.get("label", raw["id"]), int(raw["from"]), int(raw.get("until", 9999)),
                      tuple(w.lower() for w in raw["words"]))
