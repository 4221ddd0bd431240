"""Stage 2, dating: give each document its publication date from its own text, and say how it was found."""
from __future__ import annotations

import datetime
from pathlib import Path
import re
from dataclasses import replace

from .dates import DateMention, find_dates, is_future
from .errors import UndatedError
from .manifest import MANIFEST_NAME
from .model import DateMethod, Dating, Document, Manifest, PartialDate, Skipped, Taxonomy
from .text import for_matching, squash

# Labels that introduce a publication date ("Published on: 24 March 2021", "date 2025-08-25").
_LABEL = re.compile(r"\b(?:published(?: on)?|date[d]?|updated|issued|release date|first published|posted(?: on)?)"
                    r"\s*(?:[:\-]\s*)?$", re.IGNORECASE)
_RELEASE = re.compile(r"(?:#|\b(?:press release|news release|release|ref(?:erence)?)\s*(?:(?:no\.?|number)\s*)?)"
                      r"\d{1,4}\s*/\s*((?:19|20)\d\d)\b", re.IGNORECASE)
HEADER_LINES = 3
# A dateline is a line of the first few that holds a full date and at most a few other words.
DATELINE_LINES = 15
DATELINE_EXTRA_WORDS = 3
# How far past the latest year mentioned a weekday may place the date; the calendar repeats within 11 years.
WEEKDAY_SEARCH_YEARS = 28


def date_documents(documents: tuple[Document, ...], taxonomy: Taxonomy,
                   manifest: Manifest | None = None) -> tuple[tuple[Document, ...], tuple[Skipped, ...]]:
    """Documents with their dating, oldest first (ties by file name); undatable ones are skipped."""
    dated, skipped = [], []
    for document in documents:
        override = manifest.for_path(_resolved(document.path)) if manifest else None
        try:
            dated.append(date_document(document, taxonomy, override.date if override else None,
                                       override.inspection.iso() if override and override.inspection else ""))
        except UndatedError as exc:
            skipped.append(Skipped(document.path, exc.problem))
    dated.sort(key=lambda d: (d.dating.published.sort_key() if d.dating else (0, 0, 0), d.name, d.sha256))
    return tuple(dated), tuple(skipped)


def date_document(document: Document, taxonomy: Taxonomy, override: PartialDate | None = None,
                  inspection_hint: str = "") -> Document:
    """The document with its `dating`; raises UndatedError naming the manifest fix."""
    dating = Dating(override, DateMethod.MANIFEST, f"set in {MANIFEST_NAME}") if override else find_dating(document, taxonomy)
    if dating is None:
        raise UndatedError(
            f"no date found in the text; set one in {MANIFEST_NAME} beside it: "
            f"[documents.\"{document.name}\"] date = \"YYYY-MM-DD\"", document.path)
    return replace(document, dating=dating, inspection_hint=inspection_hint)


def find_dating(document: Document, taxonomy: Taxonomy) -> Dating | None:
    """The first rule that dates the document, strongest first."""
    lines = [(line.number, line.text) for line in document.lines]
    for rule in (_labelled_date, _header_date, _dateline, _weekday_date, _release_number, _latest_event):
        dating = rule(lines, taxonomy)
        if dating is not None:
            return dating
    return None


def _full(mention: DateMention) -> PartialDate | None:
    if mention.year is None or mention.month is None:
        return None
    try:
        datetime.date(mention.year, mention.month, mention.day or 1)
    except ValueError:
        return None
    return PartialDate(mention.year, mention.month, mention.day)


def _labelled_date(lines: list[tuple[int, str]], taxonomy: Taxonomy) -> Dating | None:
    for number, text in lines:
        for mention in find_dates(text):
            date = _full(mention)
            if date and date.day and _LABEL.search(text[: mention.start]):
                return Dating(date, DateMethod.STATED, f"stated: \u201c{_snippet(text, mention)}\u201d (line {number})")
    return None


def _header_date(lines: list[tuple[int, str]], taxonomy: Taxonomy) -> Dating | None:
    for number, text in [line for line in lines if line[1].strip()][:HEADER_LINES]:
        for mention in find_dates(text):
            date = _full(mention)
            if date and date.day:
                return Dating(date, DateMethod.STATED, f"stated in the header: \u201c{mention.text}\u201d (line {number})")
    return None


def _dateline(lines: list[tuple[int, str]], taxonomy: Taxonomy) -> Dating | None:
    """A line near the top that is a full date and little else ("Thursday 12 October 2017")."""
    for number, text in [line for line in lines if line[1].strip()][:DATELINE_LINES]:
        for mention in find_dates(text):
            date = _full(mention)
            rest = (text[: mention.start] + text[mention.end:]).split()
            if date and date.day and len(rest) <= DATELINE_EXTRA_WORDS:
                return Dating(date, DateMethod.STATED, f"stated in a dateline: \u201c{squash(text)}\u201d (line {number})")
    return None


def _weekday_date(lines: list[tuple[int, str]], taxonomy: Taxonomy) -> Dating | None:
    mentions = [(n, m) for n, text in lines for m in find_dates(text)]
    latest = max((m.year for _, m in mentions if m.year), default=None)
    for number, mention in mentions:
        if mention.weekday is None or mention.year is not None or mention.month is None or not mention.day:
            continue
        if latest is None:
            return None
        year = _year_matching(mention, latest)
        if year is not None:
            date = PartialDate(year, mention.month, mention.day)
            return Dating(date, DateMethod.WEEKDAY, f"inferred: \u201c{mention.text}\u201d (line {number}) falls on "
                          f"that weekday in {year}, the first such year from {latest}, the latest year the text mentions")
    return None


def _year_matching(mention: DateMention, earliest: int) -> int | None:
    assert mention.month is not None and mention.day is not None
    for year in range(earliest, earliest + WEEKDAY_SEARCH_YEARS):
        try:
            if datetime.date(year, mention.month, mention.day).weekday() == mention.weekday:
                return year
        except ValueError:
            continue
    return None


def _release_number(lines: list[tuple[int, str]], taxonomy: Taxonomy) -> Dating | None:
    for number, text in lines:
        match = _RELEASE.search(text)
        if match:
            year = int(match.group(1))
            latest = _latest_past(lines, taxonomy, year)
            after = f"; the latest event it reports is {latest.label()}" if latest and latest.year == year else ""
            return Dating(PartialDate(year), DateMethod.RELEASE, f"inferred: release number "
                          f"\u201c{squash(match.group(0))}\u201d (line {number}) gives the year{after}")
    return None


def _latest_event(lines: list[tuple[int, str]], taxonomy: Taxonomy) -> Dating | None:
    latest = _latest_past(lines, taxonomy)
    if latest is None:
        return None
    return Dating(latest, DateMethod.BOUNDED, f"inferred: no date in the text; the latest event it reports is "
                          f"{latest.label()}, so it was published then or later (lower bound)")


def _latest_past(lines: list[tuple[int, str]], taxonomy: Taxonomy, year_hint: int | None = None) -> PartialDate | None:
    """The latest date the text reports as having happened; future plans ("will re-inspect in 2014") don't count."""
    latest: PartialDate | None = None
    context_year = year_hint
    for _, text in lines:
        for mention in find_dates(text):
            if mention.year is not None:
                context_year = mention.year
            year = mention.year or (context_year if mention.month else None)
            if year is None or is_future(for_matching(text), mention, taxonomy.future):
                continue
            date = PartialDate(year, mention.end_month or mention.month)
            if latest is None or date.sort_key() > latest.sort_key():
                latest = date
    return latest


def _snippet(text: str, mention: DateMention) -> str:
    start = max(0, mention.start - 20)
    return squash(text[start: mention.end]).lstrip(" |")


def _resolved(path: str) -> str:
    return str(Path(path).resolve())
