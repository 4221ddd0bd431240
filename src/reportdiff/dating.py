"""Stage 2, dating: give each document its publication date from its own text and say how it was found; where
the text gives none, gather the clues that will place it (the latest event it reports, its distance from the
report).

A document is never dropped for lacking a date: the inspections stage estimates it from the documents it
shares content with, or bounds it by the events it reports.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from . import prefilter
from .date_mentions import (
    MONTHS,
    WEEKDAYS,
    DateMention,
    find_dates,
    folded,
    full_date,
    is_future,
    may_name_day_and_month,
    year_of_weekday,
)
from .manifest import MANIFEST_NAME
from .model import DateClues, DateMethod, Dating, Document, Manifest, PartialDate, Taxonomy
from .noise import noise_reason
from .text import for_matching, squash

UPDATED_HOW = "stated as last updated"
HEADER_LINES = 3
# A dateline is a line of the first few that holds a full date and at most a few other words.
DATELINE_LINES = 15
DATELINE_EXTRA_WORDS = 3
# How far past the latest year mentioned a weekday may place the date; the calendar repeats within 11 years.
WEEKDAY_SEARCH_YEARS = 28
# Page markup left in the text ("[on]8th March 2018 [status]…[/status]") is not words of a dateline.
_MARKUP = re.compile(r"\[/?[a-z-]{1,20}\]|<[^<>]{0,40}>", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
# A day and month with no year after them ("February 18", "18th February"); with a year it is a stated date.
_MONTH_NAME = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAME})"
    rf"|(?P<month2>{_MONTH_NAME})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)\b(?!\s*,?\s*\d{{4}})",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Line:
    """A non-empty line of a document, with its line number and its position among the non-empty lines."""

    number: int
    text: str
    rank: int


# Each line with the patterns that could match it: of each report-day rule, then the release phrases.
_Screened = list[tuple[_Line, list[list[re.Pattern[str]]]]]


def date_documents(
    documents: tuple[Document, ...], taxonomy: Taxonomy, manifest: Manifest | None = None
) -> tuple[Document, ...]:
    """Every document with its dating (None where its text gives no date) and its clues, oldest first."""
    dated = []
    for document in documents:
        override = manifest.for_path(str(Path(document.path).resolve())) if manifest else None
        dated.append(
            date_document(
                document,
                taxonomy,
                override.date if override else None,
                override.inspection.iso() if override and override.inspection else "",
            )
        )
    return tuple(sorted(dated, key=_order))


def _order(document: Document) -> tuple[tuple[int, int, int], str, str]:
    date = document.dating.published if document.dating else document.clues.after
    return (date.sort_key() if date else (9999, 0, 0), document.name, document.sha256)


def date_document(
    document: Document, taxonomy: Taxonomy, override: PartialDate | None = None, inspection_hint: str = ""
) -> Document:
    """The document with its `dating` (the manifest's, else its text's, else None) and its date clues."""
    lines = _lines(document)  # once for both
    if override is not None:
        dating: Dating | None = Dating(override, DateMethod.MANIFEST, f"set in {MANIFEST_NAME}")
    else:
        dating = _dating(lines, taxonomy)
    return replace(document, dating=dating, inspection_hint=inspection_hint, clues=_clues(lines, taxonomy))


def find_dating(document: Document, taxonomy: Taxonomy) -> Dating | None:
    """The first rule that dates the document from its own text, firmest first."""
    return _dating(_lines(document), taxonomy)


def _dating(lines: list[_Line], taxonomy: Taxonomy) -> Dating | None:
    return _stated_date(lines, taxonomy) or _weekday_date(lines) or _release_number(lines, taxonomy)


def _lines(document: Document) -> list[_Line]:
    lines = [line for line in document.lines if line.text.strip()]
    return [_Line(line.number, for_matching(line.text), rank) for rank, line in enumerate(lines)]


def _stated_date(lines: list[_Line], taxonomy: Taxonomy) -> Dating | None:
    """The first date the text states as its own: after a publication or update label, in the header, or in a
    dateline. The first in reading order wins: a page's own date stands above the dates of what it lists."""
    for line in lines:
        for mention in find_dates(line.text):
            how = _stated_how(line, mention, taxonomy)
            date = full_date(mention)
            if how and date is not None:
                method = DateMethod.UPDATED if how == UPDATED_HOW else DateMethod.STATED
                return Dating(
                    date, method, f"{how}: \u201c{_snippet(line.text, mention)}\u201d (line {line.number})"
                )
    return None


def _stated_how(line: _Line, mention: DateMention, taxonomy: Taxonomy) -> str:
    before = line.text[: mention.start]
    if any(p.search(before) for p in taxonomy.dating.published):
        return "stated"
    if any(p.search(before) for p in taxonomy.dating.updated):
        return UPDATED_HOW
    if mention.day is None:
        return ""
    if line.rank < HEADER_LINES:
        return "stated in the header"
    others = [m for m in find_dates(line.text) if m.start != mention.start]
    rest = _MARKUP.sub(" ", _without(line.text, [mention, *others])).split()
    if line.rank < DATELINE_LINES and len(rest) <= DATELINE_EXTRA_WORDS:
        return "stated in a dateline"
    return ""


def _without(text: str, mentions: list[DateMention]) -> str:
    """`text` with the date expressions blanked out."""
    for mention in sorted(mentions, key=lambda m: -m.start):
        text = text[: mention.start] + " " + text[mention.end :]
    return text


def _weekday_date(lines: list[_Line]) -> Dating | None:
    """A weekday with day and month but no year ("published today (Friday, August 22)"): the first year from
    the latest year the text mentions in which that day falls on that weekday."""
    mentions = [(line.number, m) for line in lines for m in find_dates(line.text)]
    latest = max((m.year for _, m in mentions if m.year), default=None)
    for number, mention in mentions:
        if mention.weekday is None or mention.year is not None or mention.month is None or not mention.day:
            continue
        if latest is None:
            return None
        year = year_of_weekday(mention.month, mention.day, mention.weekday, latest, WEEKDAY_SEARCH_YEARS)
        if year is not None:
            return Dating(
                PartialDate(year, mention.month, mention.day),
                DateMethod.WEEKDAY,
                f"inferred: \u201c{mention.text}\u201d (line {number}) falls on that weekday in {year}, "
                f"the first such year from {latest}, the latest year the text mentions",
            )
    return None


def _release_number(lines: list[_Line], taxonomy: Taxonomy) -> Dating | None:
    for line in lines:
        for pattern in taxonomy.dating.release_number:
            match = pattern.search(line.text)
            if match:
                return Dating(
                    PartialDate(int(match.group(1))),
                    DateMethod.RELEASE,
                    f"inferred: release number \u201c{squash(match.group(0))}\u201d (line {line.number}) "
                    "gives the year",
                )
    return None


def find_clues(document: Document, taxonomy: Taxonomy) -> DateClues:
    """What the text says about its date short of stating it: the latest event it reports, and how long after
    the report it was written."""
    return _clues(_lines(document), taxonomy)


def _clues(lines: list[_Line], taxonomy: Taxonomy) -> DateClues:
    after, why = _latest_past(lines, taxonomy)
    eras = [era for era in taxonomy.dating.eras if any(_search(era.pattern, line.text) for line in lines)]
    for era in eras:
        if era.after is not None and (after is None or era.after.sort_key() > after.sort_key()):
            after, why = era.after, era.reason
    before = min((e.before for e in eras if e.before is not None), key=lambda d: d.sort_key(), default=None)
    screened = _screened(lines, taxonomy)
    releases = _release_lines(screened)
    return DateClues(
        after=after,
        after_why=why,
        days_after_report=_days_after_report(screened, taxonomy),
        report_weekday=_report_weekday(releases),
        report_day=_report_day(releases),
        before=before,
    )


def _search(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` matches `text`, not run where a literal it needs is missing."""
    return prefilter.can_match(pattern, text) and pattern.search(text) is not None


def _latest_past(lines: list[_Line], taxonomy: Taxonomy) -> tuple[PartialDate | None, str]:
    """The latest date the text reports as having happened; future plans ("will re-inspect in 2014") don't
    count, and relative dates ("last year") cannot count without a date to count from."""
    latest: tuple[PartialDate, str] | None = None
    context_year: int | None = None
    for line in lines:
        mentions = find_dates(line.text)  # first: most lines have none, and then noise or not is moot
        if not mentions or noise_reason(line.text, taxonomy):
            continue  # a site banner's dates ("programme 2025–29") are not events the text reports
        for mention in mentions:
            if mention.year is not None:
                context_year = mention.year
            year = mention.year or (context_year if mention.month and not mention.relative else None)
            if year is None or is_future(line.text, mention, taxonomy.future):
                continue
            date = PartialDate(year, mention.end_month or mention.month)
            if latest is None or date.sort_key() > latest[0].sort_key():
                latest = (
                    date,
                    f"the latest event it reports is \u201c{_snippet(line.text, mention)}\u201d "
                    f"(line {line.number})",
                )
    return latest if latest else (None, "")


def _screened(lines: list[_Line], taxonomy: Taxonomy) -> _Screened:
    """Each line with the patterns that could match it: of each report-day rule, then the release phrases
    ("published on"). One sieve of the line's words screens them all; most lines need run none."""
    dating = taxonomy.dating
    sieve = _sieve((*((rule.pattern,) for rule in dating.report_days), dating.report_weekday))
    return [(line, sieve.matchable(line.text)) for line in lines]


def _days_after_report(screened: _Screened, taxonomy: Taxonomy) -> int | None:
    rules = taxonomy.dating.report_days
    for line, kept in screened:
        for rule, possible in zip(rules, kept[:-1], strict=True):
            if possible and rule.pattern.search(line.text):
                return int(rule.value)
    return None


@lru_cache(maxsize=16)
def _sieve(groups: tuple[tuple[re.Pattern[str], ...], ...]) -> prefilter.Sieve:
    """A sieve for groups of the taxonomy's patterns, built once: most lines need not run them."""
    return prefilter.Sieve(groups)


def _release_lines(screened: _Screened) -> list[tuple[_Line, list[re.Pattern[str]]]]:
    """The lines a release phrase could match in, each with the phrases that could. A phrase that cannot
    match a line cannot match the start of it, so the other lines cannot date the release."""
    return [(line, kept[-1]) for line, kept in screened if kept[-1]]


def _report_weekday(releases: list[tuple[_Line, list[re.Pattern[str]]]]) -> int | None:
    """The weekday the text gives for the report's release ("The report, published on Wednesday, …")."""
    for line, patterns in releases:
        names = list(_WEEKDAY_NAME.finditer(line.text))  # once a line, not once a pattern
        for pattern in patterns:
            for match in names:
                if pattern.search(line.text[: match.start()]):
                    return WEEKDAYS.index(folded(match.group(0)))
    return None


def _report_day(releases: list[tuple[_Line, list[re.Pattern[str]]]]) -> tuple[int, int] | None:
    """The month and day the text gives for the report's release without a year ("published today (February
    18)"): the year comes later, from the inspection the text is grouped with."""
    for line, patterns in releases:
        if not may_name_day_and_month(line.text):
            continue
        for match in _DAY_MONTH.finditer(line.text):
            before = line.text[: match.start()]
            if any(pattern.search(before) for pattern in patterns):
                month = MONTHS[folded(match.group("month") or match.group("month2")).rstrip(".")]
                day = int(match.group("day") or match.group("day2"))
                if day <= calendar.monthrange(2000, month)[1]:  # a leap year: 29 February is a day
                    return month, day
    return None


def _snippet(text: str, mention: DateMention) -> str:
    """The date with a few words before it, starting on a word boundary."""
    start = max(0, mention.start - 20)
    if start and text[start - 1].isalnum():
        space = text.find(" ", start, mention.start)
        start = space + 1 if space >= 0 else mention.start
    return squash(text[start : mention.end]).lstrip(" |")
