"""Find date expressions in text: full dates, months with or without years, ranges, years, weekdays."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import MONTH_NAMES

MONTHS = {name.lower(): index + 1 for index, name in enumerate(MONTH_NAMES)}
MONTHS.update({name[:3].lower(): index + 1 for index, name in enumerate(MONTH_NAMES)})
MONTHS["sept"] = 9
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_QUAL = r"(?:(?P<qual>early|late|mid|the end of|the start of|the beginning of)[- ](?:in )?)?"

# Ordered: the first pattern to claim a stretch of text wins, so longer forms come first.
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b{_YEAR}-(?P<month_n>[01]\d)-(?P<day_n>[0-3]\d)\b",
    rf"\b{_WEEKDAY},?\s+{_DAY}\s+{_MONTH.format(name='month')}(?:,?\s+{_YEAR})?\b",
    rf"\b{_WEEKDAY},?\s+{_MONTH.format(name='month')}\s+{_DAY}\b(?:,?\s+{_YEAR})?",
    rf"\b{_DAY}\s+{_MONTH.format(name='month')},?\s+{_YEAR}\b",
    rf"\b{_MONTH.format(name='month')}\s+{_DAY},\s+{_YEAR}\b",
    rf"\b(?P<day_n>[0-3]?\d)/(?P<month_n>[01]?\d)/{_YEAR}\b",
    rf"\b(?:between\s+)?{_MONTH.format(name='month')}\s*(?:-|–|—|to|and|until)\s*"
    rf"{_MONTH.format(name='end_month')}\s+{_YEAR}\b",
    rf"\b{_QUAL}{_MONTH.format(name='month')}\s+{_YEAR}\b",
    rf"\b{_QUAL}{_YEAR}\b(?!/)",
))
# A month without a year only counts after a preposition and capitalised, so "may" the verb is not a month.
_BARE_MONTH = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ff]rom|[Uu]ntil|[Ss]ince|[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate)\s+"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s+(?:19|20)\d\d)(?!\s+[0-3]?\d\b)")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text, with what it pins down."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    end_month: int | None = None
    weekday: int | None = None
    qualifier: str = ""


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in order, none overlapping."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (*_PATTERNS, _BARE_MONTH):
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _mention(match: re.Match[str]) -> DateMention | None:
    year = _int(_group(match, "year"))
    month = MONTHS.get((_group(match, "month") or "").lower()) or _int(_group(match, "month_n"))
    day = _int(_group(match, "day")) or _int(_group(match, "day_n"))
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    weekday_name = (_group(match, "weekday") or "").lower()
    return DateMention(
        start=match.start(), end=match.end(), text=match.group(0), year=year, month=month, day=day,
        end_month=MONTHS.get((_group(match, "end_month") or "").lower()),
        weekday=WEEKDAYS.index(weekday_name) if weekday_name else None,
        qualifier=(_group(match, "qual") or "").lower(),
    )


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def is_future(text: str, mention: DateMention, future: tuple[re.Pattern[str], ...]) -> bool:
    """A future marker ("will", "is due to") between the start of the mention's clause and the mention."""
    clause_start = max(text.rfind(mark, 0, mention.start) for mark in (".", ";", ":", '"'))
    return any(p.search(text[clause_start + 1: mention.start]) for p in future)
