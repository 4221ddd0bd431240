"""Load the shipped taxonomy TOML, extend it with a user's file and compile it into a `Taxonomy`."""

from __future__ import annotations

import copy
import difflib
import re
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .files import parse_toml, read_toml
from .model import (
    DatingRules,
    Era,
    EventRules,
    EventType,
    GradeScale,
    GradeWord,
    KindDef,
    Labelled,
    Language,
    NoiseRule,
    PartialDate,
    Polarity,
    Publisher,
    ScopeRule,
    Speaker,
    Taxonomy,
    ThemeDef,
)
from .redos import exponential_part
from .sanitize import clean_line

SHIPPED = "taxonomy.toml"
TOP_KEYS = (
    "version",
    "replace",
    "themes",
    "kinds",
    "cues",
    "grades",
    "speakers",
    "publishers",
    "organisations",
    "dates",
    "inspections",
    "noise",
    "language",
)
THEME_KEYS = ("id", "label", "description", "patterns", "remove")


def shipped_text() -> str:
    """The shipped taxonomy file's text."""
    return resources.files("reportdiff").joinpath("data").joinpath(SHIPPED).read_text(encoding="utf-8")


def load_taxonomy(user_file: Path | None = None) -> Taxonomy:
    """The shipped taxonomy, extended or replaced by `user_file`."""
    data = parse_toml(shipped_text(), f"<shipped {SHIPPED}>")
    source = "shipped"
    try:
        if user_file is not None:
            user = read_toml(user_file, "taxonomy")
            _check_keys(user, str(user_file))
            data = user if user.get("replace") else merge_taxonomy(data, user)
            source = f"shipped + {user_file}" if not user.get("replace") else str(user_file)
        return compile_taxonomy(data, source)
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise ConfigError(
            f"taxonomy is incomplete or malformed: {_describe(exc)}", str(user_file or SHIPPED)
        ) from None


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


def _check_keys(data: dict[str, Any], name: str) -> None:
    """Unknown keys are typos: name the nearest known key."""
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(f"unknown key {key!r}{_hint(key, TOP_KEYS)}", name)
    if not isinstance(data.get("themes", []), list):
        raise ConfigError("'themes' must be a list of [[themes]] tables", name)
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
    """A pattern compiled, refused if it can take exponential time: patterns meet untrusted lines."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from None
    problem = exponential_part(pattern)
    if problem:
        raise ValueError(f"bad pattern {pattern!r}: {problem}")
    return compiled


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
        neutral=_rxs(cues.get("neutral", [])),
        enumeration=_rxs(cues.get("enumeration", [])),
        continues_subject=_rxs(cues.get("continues_subject", [])),
        grade_words=tuple(
            GradeWord(g["word"].lower(), Polarity(g["polarity"])) for g in data["grades"]["words"]
        ),
        grade_scales=tuple(_scale(s) for s in data["grades"].get("scales", [])),
        reporting=_rx(speakers["reporting"]),
        speakers=tuple(
            (Speaker(role), _rx(p))
            for role in ("inspectorate", "force", "commissioner")
            for p in speakers.get(role, [])
        ),
        force_voice=_rxs(speakers.get("force_voice", [])),
        inspectorate_voice=_rxs(speakers.get("inspectorate_voice", [])),
        first_person=_rx(speakers.get("first_person", r"(?!)")),
        publishers=tuple(
            Publisher(p["name"], Speaker(p["role"]), _rxs(p["patterns"])) for p in data["publishers"]
        ),
        organisation_suffixes=tuple(data["organisations"]["suffixes"]),
        dating=_dating_rules(data.get("dates", {})),
        events=_event_rules(inspections),
        noise_tail=_rxs(noise.get("tail", [])),
        noise_tail_reason=noise.get("tail_reason", "page footer"),
        noise_sentences=tuple(
            NoiseRule(r["reason"], _rxs(r["patterns"])) for r in noise.get("sentences", [])
        ),
        noise_lines=tuple(
            NoiseRule(rule["reason"], _rxs(rule["patterns"])) for rule in noise.get("lines", [])
        ),
        language=_language(data["language"]),
        kinds=tuple(_kind(k) for k in data.get("kinds", [])),
    )


def _words(raw: dict[str, Any], key: str) -> str:
    """A list of words as one alternation of escaped literals."""
    return "|".join(re.escape(word) for word in raw[key])


def _language(raw: dict[str, Any]) -> Language:
    """The [language] lists built into the patterns the segmenter and grade reader use. Word lists are
    escaped, so these patterns are safe whatever the words; the user's patterns among them are checked like
    any other."""
    said_forms = _rx(raw["said_forms_pattern"]).pattern
    verbs, trailing = _words(raw, "reporting_verbs"), _words(raw, "trailing_verbs")
    return Language(
        said=re.compile(
            rf"^(?P<who>(?:[^.!?]|\.(?!\s)|\b[A-Z]\.){{3,240}}?)\b(?:{verbs}|{said_forms})"
            rf"\s*:\s*(?P<rest>.*)$"
        ),
        trailing_said=re.compile(
            rf"^(?P<quote>[\u201c\"].+?[\u201d\"])\s*,?\s*(?:{trailing})\s+(?P<who>.+?)\.?$"
        ),
        abbreviations=re.compile(rf"\b(?:{_words(raw, 'abbreviations')}|[A-Z])\.$"),
        honorific=rf"(?:{_words(raw, 'honorifics')})\.?",
        pronoun_speaker=re.compile(
            rf"^(?:(?:and|but|however),?\s+)?(?:{_words(raw, 'speaker_pronouns')})"
            rf"(?:\s+(?:also|added|later|then))?\s*$",
            re.IGNORECASE,
        ),
        according=_rx(raw["according_pattern"]),
        the_force=_rx(raw["the_force_pattern"]),
        press_office=_rx(raw["press_office_pattern"]),
        recommendation_number=_rx(raw["recommendation_number_pattern"]),
        grade_verbs=_words(raw, "grade_verbs"),
        judging_lead=re.compile(rf"^.*\b(?:{_words(raw, 'judging_verbs')})\s+", re.IGNORECASE),
        not_an_area=_rx(raw["not_an_area_pattern"]),
        area_owner=_rx(raw["area_owner_pattern"]),
    )


def _dating_rules(raw: dict[str, Any]) -> DatingRules:
    return DatingRules(
        published=_rxs(raw.get("published", [])),
        updated=_rxs(raw.get("updated", [])),
        report_days=tuple(
            Labelled(p, str(int(r["days"]))) for r in raw.get("report", []) for p in _rxs(r["patterns"])
        ),
        report_weekday=_rxs(raw.get("report_weekday", [])),
        release_number=_rxs(raw.get("release_number", [])),
        report_months=int(raw.get("report_months", 0)),
        eras=tuple(
            Era(_rx(e["pattern"]), _date(e.get("after")), _date(e.get("before")), e.get("reason", ""))
            for e in raw.get("eras", [])
        ),
    )


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


def _event_rules(raw: dict[str, Any]) -> EventRules:
    return EventRules(
        words=_rx(raw["words"]),
        types=tuple(
            EventType(
                t["id"],
                t.get("label", t["id"]),
                _rxs(t["patterns"]),
                bool(t.get("follow_up")),
                t.get("series", ""),
            )
            for t in raw.get("types", [])
        ),
        predecessor=_rxs(raw.get("predecessor", [])),
        publication=_rxs(raw.get("publication", [])),
        fieldwork=_rxs(raw.get("fieldwork", [])),
        present=_rxs(raw.get("present", [])),
        reference=_rxs(raw.get("reference", [])),
        inspectorate=_rxs(raw.get("inspectorate", [])),
        out_of_scope=tuple(ScopeRule(r["reason"], _rxs(r["patterns"])) for r in raw.get("out_of_scope", [])),
        standard=_rxs(raw.get("standard", [])),
        topic=_rxs(raw.get("topic", [])),
        history_years=int(raw.get("history_years", 30)),
        programme=_rxs(raw.get("programme", [])),
    )


def _kind(raw: dict[str, Any]) -> KindDef:
    return KindDef(
        raw["id"],
        raw.get("label", raw["id"]),
        _rxs(raw.get("sections", [])),
        _rxs(raw.get("lead_ins", [])),
        Polarity(raw.get("polarity", "neutral")),
    )


def _theme(raw: dict[str, Any]) -> ThemeDef:
    return ThemeDef(
        clean_line(raw["id"]),
        clean_line(raw.get("label", raw["id"])),
        clean_line(raw.get("description", "")),
        _rxs(raw["patterns"]),
    )


def _scale(raw: dict[str, Any]) -> GradeScale:
    return GradeScale(
        raw["id"],
        raw.get("label", raw["id"]),
        int(raw["from"]),
        int(raw.get("until", 9999)),
        tuple(w.lower() for w in raw["words"]),
        bool(raw.get("graded", True)),
    )
