"""Find date expressions in text: full dates, months with or without years, ranges, years, weekdays, and
relative ones ("September last year", "last December", "earlier this year", "seven months ago") that need an
anchor date.

This is calendar grammar, not domain knowledge: what a date means for a report (published, inspected) is
decided by the stages, with the phrases in the taxonomy.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .model import MONTH_NAMES, PartialDate

MONTHS = {name.lower(): index + 1 for index, name in enumerate(MONTH_NAMES)}
MONTHS.update({name[:3].lower(): index + 1 for index, name in enumerate(MONTH_NAMES)})
MONTHS["sept"] = 9
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
}
# A season stands for its middle month; "spring" and "autumn" are early and late in the year.
SEASONS = {
    "spring": (4, "early"),
    "summer": (7, "mid"),
    "autumn": (10, "late"),
    "fall": (10, "late"),
    "winter": (1, "early"),
}

_MONTH = (
    r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_QUAL = r"(?:(?P<qual>early|late|mid|the end of|the start of|the beginning of)[- ](?:in )?)?"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"

# Ordered: the first pattern to claim a stretch of text wins, so longer forms come first.
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{_YEAR}-(?P<month_n>[01]\d)-(?P<day_n>[0-3]\d)\b",
        rf"\b{_WEEKDAY},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH.format(name='month')}(?:,?\s+{_YEAR})?\b",
        rf"\b{_WEEKDAY},?\s+\(?{_MONTH.format(name='month')}\s+{_DAY}\b(?:,?\s+{_YEAR})?",
        rf"\b{_DAY}\s+(?:of\s+)?{_MONTH.format(name='month')},?\s+{_YEAR}\b",
        rf"\b{_MONTH.format(name='month')}\s+{_DAY},\s+{_YEAR}\b",
        rf"\b(?P<day_n>[0-3]?\d)/(?P<month_n>[01]?\d)/{_YEAR}\b",
        rf"\b(?:between\s+)?{_MONTH.format(name='month')}\s*(?:-|–|—|to|and|until)\s*"
        rf"{_MONTH.format(name='end_month')}\s+{_YEAR}\b",
        rf"\b{_QUAL}{_MONTH.format(name='month')},?\s+{_YEAR}\b",
        rf"\b{_MONTH.format(name='month')}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
        rf"\b(?P<relmonth>last|this|next)\s+{_MONTH.format(name='month')}\b",
        r"\b(?:(?P<qual2>earlier|later)\s+)?(?P<rel>last|this|next)\s+year\b",
        rf"\b(?:(?P<seasonrel>last|this|next)\s+)?{_SEASON}(?:\s+(?:of\s+)?{_YEAR})?\b",
        rf"\b{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+ago\b",
        r"\b(?P<relunit>last)\s+(?P<unit2>week|month)\b",
        # a period ("2023–2025", "2021/22"): its start
        rf"\b{_YEAR}\s*(?:-|–|—|to|/)\s*(?:19|20)?\d\d\b(?!/)",
        rf"\b{_QUAL}{_YEAR}\b(?!/)",
    )
)
# A month without a year only counts after a preposition and capitalised, so "may" the verb is not a month.
_FULL_MONTHS = "|".join(MONTH_NAMES)
_BARE_MONTH = re.compile(
    r"(?:\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ff]rom|[Uu]ntil|[Ss]ince|[Oo]n|[Ee]arly|[Ll]ate|[Tt]he|[Tt]his)|['\u2019]s)\s+"
    rf"(?P<month>{_FULL_MONTHS})\b"
    r"(?!\s+(?:19|20)\d\d)(?!\s+[0-3]?\d\b)"
)
_REL_YEARS = {"last": -1, "this": 0, "next": 1}

# What each pattern cannot match without, as lower-case words any of which must occur: one substring test per
# word rules out most patterns on most lines. Only for text where lower() and IGNORECASE agree on them (so the
# test is exact: see `_plainly_cased`); other text is tried against every pattern.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDS_TO_ASCII = frozenset(chr(code) for code in _TO_ASCII)  # what IGNORECASE matches with i, s or k
_DIGITS = tuple("0123456789")
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NEEDS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (_DIGITS,),  # 2024-03-01
    (("day",), _MONTH_WORDS),  # Monday 4 March
    (("day",), _MONTH_WORDS),  # Monday, March 4
    (_DIGITS, _MONTH_WORDS),  # 4 March 2024
    (_DIGITS, _MONTH_WORDS),  # March 4, 2024
    (_DIGITS,),  # 4/3/2024
    (_DIGITS, _MONTH_WORDS),  # March to May 2024
    (_DIGITS, _MONTH_WORDS),  # early March 2024
    (("year",), _MONTH_WORDS),  # March last year
    (("last", "this", "next"), _MONTH_WORDS),  # last March
    (("year",),),  # last year
    (tuple(SEASONS),),  # last spring
    (("ago",),),  # seven months ago
    (("last",), ("week", "month")),  # last week
    (_DIGITS,),  # 2021/22
    (_DIGITS,),  # 2024
    (tuple(name.lower() for name in MONTH_NAMES),),  # in March (capitalised; lower() keeps the test exact)
)
_GATED = tuple(zip((*_PATTERNS, _BARE_MONTH), _NEEDS, strict=True))


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text, with what it pins down.

    A relative mention has no year of its own: `years_back`, `months_back` or `days_back` count back from the
    date of the text it stands in ("last year": one year back); `month_before` says "the last such month
    before it".
    """

    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    end_month: int | None = None
    weekday: int | None = None
    qualifier: str = ""
    years_back: int | None = None
    months_back: int | None = None
    days_back: int | None = None
    month_before: bool = False
    approximate: bool = (
        False  # "seven months ago": a rough distance, not a calendar relation like "last year"
    )

    @property
    def relative(self) -> bool:
        return self.year is None and (
            self.years_back is not None
            or self.months_back is not None
            or self.days_back is not None
            or self.month_before
        )

    def resolve(self, anchor: PartialDate) -> PartialDate | None:
        """The date this mention names, counted from `anchor` where it is relative; None if it cannot be
        placed."""
        if self.year is not None:
            return PartialDate(self.year, self.end_month or self.month)
        if self.month_before and self.month is not None:
            year = anchor.year if anchor.month is None or self.month < anchor.month else anchor.year - 1
            return PartialDate(year, self.month)
        if self.years_back is not None:
            return PartialDate(anchor.year - self.years_back, self.month)
        if self.months_back is not None and anchor.month is not None:
            total = anchor.year * 12 + anchor.month - 1 - self.months_back
            return PartialDate(total // 12, total % 12 + 1)
        if self.days_back is not None and anchor.day is not None:
            assert anchor.month is not None
            day = datetime.date(anchor.year, anchor.month, anchor.day) - datetime.timedelta(
                days=self.days_back
            )
            return PartialDate(day.year, day.month)
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in order, none overlapping."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower() if _plainly_cased(text) else None
    present: dict[tuple[str, ...], bool] = {}
    for pattern, needs in _GATED:
        if lowered is not None and not all(_holds(lowered, words, present) for words in needs):
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _plainly_cased(text: str) -> bool:
    """Whether the words' test is exact on `text`: no character in it that IGNORECASE matches with an ASCII
    letter (the dotted and dotless i, the long s, the Kelvin sign) or that `\\d` matches besides 0-9."""
    return text.isascii() or not any(c in _FOLDS_TO_ASCII or c.isdecimal() for c in _NON_ASCII.findall(text))


def may_name_day_and_month(text: str) -> bool:
    """False only where no day and month can be named: a case-insensitive day-and-month pattern needs a digit
    and a month's first three letters (the test is exact where `_plainly_cased`)."""
    if not _plainly_cased(text):
        return True
    present: dict[tuple[str, ...], bool] = {}
    lowered = text.lower()
    return _holds(lowered, _DIGITS, present) and _holds(lowered, _MONTH_WORDS, present)


def _holds(lowered: str, words: tuple[str, ...], present: dict[tuple[str, ...], bool]) -> bool:
    """Whether one of `words` occurs in `lowered`, each set of words tested once per text."""
    if words not in present:
        present[words] = any(word in lowered for word in words)
    return present[words]


def folded(word: str | None) -> str:
    """A matched word as the tables spell it: lower case, the letters IGNORECASE takes for i, s and k made
    those ("Auguſt" is August)."""
    return (word or "").translate(_TO_ASCII).lower()


def _group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _mention(match: re.Match[str]) -> DateMention | None:
    year = _int(_group(match, "year"))
    month = MONTHS.get(folded(_group(match, "month"))) or _int(_group(match, "month_n"))
    day = _int(_group(match, "day")) or _int(_group(match, "day_n"))
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    weekday_name = folded(_group(match, "weekday"))
    mention = DateMention(
        start=match.start(),
        end=match.end(),
        text=match.group(0),
        year=year,
        month=month,
        day=day,
        end_month=MONTHS.get(folded(_group(match, "end_month"))),
        weekday=WEEKDAYS.index(weekday_name) if weekday_name else None,
        qualifier=folded(_group(match, "qual")),
    )
    return _with_relative(mention, match)


def _with_relative(mention: DateMention, match: re.Match[str]) -> DateMention:
    """Fill the relative fields of the forms that count back from the text's own date."""
    groups = {k: folded(v) for k, v in match.groupdict().items()}
    fields: dict[str, object] = {}
    if groups.get("rel"):
        fields["years_back"] = -_REL_YEARS[groups["rel"]]
        fields["qualifier"] = {"earlier": "early", "later": "late"}.get(
            groups.get("qual2", ""), mention.qualifier
        )
    elif groups.get("relmonth"):
        fields["month_before"] = groups["relmonth"] != "next"
    elif groups.get("season"):
        month, qualifier = SEASONS[groups["season"]]
        fields.update(month=None, qualifier=qualifier)
        if mention.year is None:
            fields["years_back"] = -_REL_YEARS.get(groups.get("seasonrel") or "this", 0)
    elif groups.get("count"):
        amount = NUMBER_WORDS.get(groups["count"]) or int(groups["count"])
        fields.update(_counted(amount, groups["unit"]), approximate=True)
    elif groups.get("relunit"):
        fields.update(_counted(1, groups["unit2"]))
    return _replaced(mention, fields) if fields else mention


def _counted(amount: int, unit: str) -> dict[str, object]:
    if unit == "year":
        return {"years_back": amount}
    if unit == "month":
        return {"months_back": amount}
    return {"days_back": amount * (7 if unit == "week" else 1)}


def _replaced(mention: DateMention, fields: dict[str, object]) -> DateMention:
    from dataclasses import replace

    return replace(mention, **fields)  # type: ignore[arg-type]


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def is_future(text: str, mention: DateMention, future: tuple[re.Pattern[str], ...]) -> bool:
    """A future marker ("will", "is due to") between the start of the mention's clause and the mention."""
    clause_start = max(text.rfind(mark, 0, mention.start) for mark in (".", ";", ":", '"'))
    return any(p.search(text[clause_start + 1 : mention.start]) for p in future)


def full_date(mention: DateMention) -> PartialDate | None:
    """The mention as a calendar date known at least to the month, if it is one that exists."""
    if mention.year is None or mention.month is None:
        return None
    try:
        datetime.date(mention.year, mention.month, mention.day or 1)
    except ValueError:
        return None
    return PartialDate(mention.year, mention.month, mention.day)


def year_of_weekday(month: int, day: int, weekday: int, earliest: int, span: int) -> int | None:
    """The first year from `earliest` (within `span` years) in which day/month falls on `weekday`."""
    for year in range(earliest, earliest + span):
        if (
            day <= calendar.monthrange(year, month)[1]
            and datetime.date(year, month, day).weekday() == weekday
        ):
            return year
    return None


def shifted(date: PartialDate, days: int) -> PartialDate:
    """`date` moved by `days` (a day-precise date only; others are returned unchanged)."""
    if date.day is None or date.month is None:
        return date
    moved = datetime.date(date.year, date.month, date.day) + datetime.timedelta(days=days)
    return PartialDate(moved.year, moved.month, moved.day)


def weekday_on_or_before(date: PartialDate, weekday: int) -> PartialDate:
    """The latest day on or before `date` (day-precise) that falls on `weekday`."""
    if date.day is None or date.month is None:
        return date
    moment = datetime.date(date.year, date.month, date.day)
    moved = moment - datetime.timedelta(days=(moment.weekday() - weekday) % 7)
    return PartialDate(moved.year, moved.month, moved.day)
