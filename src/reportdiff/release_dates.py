"""When each inspection took place and when its report came out, and the dates undated documents take from
them.

Helper of the inspections stage. A group's release is its earliest current dated text (less the days that text
says it came after the report); else a release its own texts name; else one other texts name; else one its
undated texts imply by a relative date ("the inspection last autumn", "last year we reported") counted from
the event that date names. An undated document then takes, as an estimate marked as such, its group's release
(moved by its own "yesterday" or weekday), else its group's fieldwork as a lower bound, else its own lower
bound.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .coverage import Group
from .date_mentions import shifted, weekday_on_or_before
from .events import EventMention
from .manifest import MANIFEST_NAME, toml_key
from .model import DateMethod, Dating, Document, Inspection, PartialDate
from .recaps import Runs, Told, followed_group, is_own, recap_target

REPORT_DAY_SLACK = 31  # days a text's own report day may fall before the release its group's other texts give


@dataclass(frozen=True, slots=True)
class Settled:
    """A group with its fieldwork (and the month it ended) and its release settled."""

    group: Group
    fieldwork: PartialDate | None
    end: PartialDate | None
    published: PartialDate | None
    estimated: bool
    # The release is only a page's "last updated" stamp: a ceiling for the texts grouped with it, not a date.
    stamped: bool = False

    @property
    def key_date(self) -> PartialDate | None:
        """The date an inspection is known by: its fieldwork where texts give it, else its release."""
        return self.fieldwork or self.published


def settle_all(
    groups: list[Group],
    documents: dict[str, Document],
    runs: dict[str, Runs],
    said: dict[str, Told],
    report_months: int = 0,
) -> list[Settled]:
    """Every group settled; groups without a release take one from their texts' relative dates. Twice, as one
    group's release can date another's texts ("last year we reported")."""
    settled = [settle(g) for g in groups if g.focus or g.recaps]
    for _ in range(2):
        derived = derived_dates(settled, documents, runs, said, report_months)
        settled = [_released_by(item, derived) for item in settled]
    return settled


def settle(group: Group) -> Settled:
    if group.hint is not None:
        return Settled(group, group.hint, None, group.hint, False)
    fieldwork = most_named(group.fieldwork())
    end = _end_month(group, fieldwork)
    current = group.current()
    if current:
        return Settled(group, fieldwork, end, _release_of(group, current), False)
    undated = set(group.documents) - set(group.firm)
    own = [f.publication for f in group.focus if f.publication is not None and f.document in undated]
    named = [m.date for m, _ in group.recaps if m.publication and m.date is not None]
    updated = sorted((group.firm[doc] for doc in group.updates), key=lambda d: d.sort_key())
    published = (
        most_named(own)
        or _month_after(group, fieldwork)
        or most_named(named)
        or (updated[0] if updated else None)
    )
    stamped = published is not None and bool(updated) and published == updated[0]
    return Settled(group, fieldwork, end, published, not updated, stamped)


def _release_of(group: Group, current: dict[str, PartialDate]) -> PartialDate:
    """The earliest dated text, less the days it says it came after the report."""
    by_doc = {f.document: f for f in group.focus}
    return min((by_doc[doc].publication or date for doc, date in current.items()), key=lambda d: d.sort_key())


def _month_after(group: Group, fieldwork: PartialDate | None) -> PartialDate | None:
    """A release named by month alone ("released in February") placed after the group's fieldwork or bound."""
    months = [
        m.month for f in group.focus for m in f.mentions if m.publication and m.date is None and m.month
    ]
    floor = fieldwork or group.bound()
    if not months or floor is None:
        return None
    year = floor.year if floor.month is None or months[0] >= floor.month else floor.year + 1
    return PartialDate(year, months[0])


def most_named(dates: list[PartialDate]) -> PartialDate | None:
    """The date named most often, a more precise one first, then the earliest."""
    counts = Counter(dates)
    return min(counts, key=lambda d: (d.month is None, -counts[d], d.sort_key())) if counts else None


def _end_month(group: Group, fieldwork: PartialDate | None) -> PartialDate | None:
    if fieldwork is None or fieldwork.month is None:
        return None
    ends = [m.end_month for f in group.focus for m in f.mentions if m.date == fieldwork and m.end_month]
    ends += [m.end_month for m, _ in group.recaps if m.date == fieldwork and m.end_month]
    return PartialDate(fieldwork.year, ends[0]) if ends else None


def _released_by(item: Settled, derived: dict[str, PartialDate]) -> Settled:
    if item.published is not None:
        return item
    mine = [derived[doc] for doc in item.group.documents if doc in derived]
    return replace(item, published=most_named(mine)) if mine else item


def derived_dates(
    settled: list[Settled],
    documents: dict[str, Document],
    runs: dict[str, Runs],
    said: dict[str, Told],
    report_months: int = 0,
) -> dict[str, PartialDate]:
    """Each undated text's date from a relative date it gives and the dated event that date names."""
    return relative_dates(settled, documents, runs, said, report_months)[0]


def relative_dates(
    settled: list[Settled],
    documents: dict[str, Document],
    runs: dict[str, Runs],
    said: dict[str, Told],
    report_months: int = 0,
) -> tuple[dict[str, PartialDate], dict[str, PartialDate]]:
    """From the relative dates undated texts give and the dated events they name: each text's date ("last
    year we reported"), and the latest date it can have (a text that calls an event of July 2015 "last July"
    came out by July 2016)."""
    derived: dict[str, PartialDate] = {}
    latest: dict[str, PartialDate] = {}
    for document, mention, named in _named_events(settled, documents, runs, said, report_months):
        if mention.back is not None and document not in derived:
            derived[document] = counted_on(named, mention.back)
        if mention.within_year and named.month is not None:
            ceiling = PartialDate(named.year + 1, named.month)
            latest[document] = min(latest.get(document, ceiling), ceiling, key=lambda d: d.sort_key())
    return derived, latest


def _named_events(
    settled: list[Settled],
    documents: dict[str, Document],
    runs: dict[str, Runs],
    said: dict[str, Told],
    report_months: int,
) -> Iterator[tuple[str, EventMention, PartialDate]]:
    """Each relative mention of an undated text, with the date of the event it names."""
    groups = [item.group for item in settled]
    by_group = {id(item.group): item for item in settled}
    for item in settled:
        for focus in item.group.focus:
            if documents[focus.document].dating is not None:
                continue
            for mention in focus.mentions:
                if mention.back is None and not mention.within_year:
                    continue
                target = (
                    item.group
                    if is_own(mention, focus)
                    else (
                        recap_target(
                            mention,
                            groups,
                            item.group,
                            said[focus.document][mention.sentence],
                            runs,
                            focus.document,
                        )
                        or followed_group(focus, groups)
                        or (_followed_by_group(item.group, groups) if mention.predecessor else None)
                    )
                )
                named = (
                    _named_date(by_group[id(target)], mention, report_months)
                    if id(target) in by_group
                    else None
                )
                if named is not None:
                    yield focus.document, mention, named


def _followed_by_group(group: Group, groups: list[Group]) -> Group | None:
    """The event the texts of a group name as the one theirs follows: a text's "the initial report last July"
    is the predecessor its fellow texts date ("an initial report in July 2015")."""
    return next((g for f in group.focus if (g := followed_group(f, groups)) is not None), None)


def _named_date(item: Settled, mention: EventMention, report_months: int = 0) -> PartialDate | None:
    """The date of the event a relative mention names: its release for a publication (where unknown, its
    fieldwork plus the usual delay), else its fieldwork."""
    release = item.published or _usual_release(item.fieldwork, report_months)
    dates = [release, item.fieldwork] if mention.publication else [item.fieldwork, release]
    known = [d for d in dates if d is not None]
    if mention.month is None:
        return known[0] if known else None
    # "September last year" cannot name an event of March: the month must be the event's fieldwork or release.
    return next((d for d in known if d.month is None or d.month == mention.month), None)


def counted_on(date: PartialDate, back: tuple[int, int, int]) -> PartialDate:
    """The date of a text that puts `date` (years, months, days) back from itself, at the precision it
    allows."""
    years, months, days = back
    if months and date.month is not None:
        total = date.month_number() + months
        return PartialDate(total // 12, total % 12 + 1)
    if days and date.day is not None:
        return shifted(date, days)
    return PartialDate(date.year + years)


def estimate(
    document: Document,
    inspection: Inspection | None,
    derived: PartialDate | None,
    report_months: int = 0,
    stamped: bool = False,
    latest: PartialDate | None = None,
) -> Document:
    """An undated document with its estimated date (see the module's docstring); a dated one as it is. When
    the inspection's release is only a page's "last updated" stamp and its fieldwork month is unknown, the
    text's own lower bound comes first."""
    if document.dating is not None:
        return document
    released = inspection.published if inspection is not None else None
    usual = _usual_release(inspection.fieldwork, report_months) if inspection is not None else None
    after = document.clues.after
    # A stamp with no fieldwork month to weigh it against: the latest event the text reports says more.
    if stamped and usual is None and after is not None and released and not released.surely_before(after):
        return replace(document, dating=_bounded(after, document.clues.after_why))
    if released is not None and released.month is None and usual is not None and usual.year == released.year:
        released = None  # a release known only by its year: the usual delay after fieldwork says more
    if document.clues.report_day is not None:
        # A text's report day may fall a little before its group's release (dated by a later text), never
        # before the fieldwork or the latest event the text reports.
        floor = (
            shifted(released, -REPORT_DAY_SLACK)
            if released is not None
            else (inspection.fieldwork if inspection is not None else None) or document.clues.after
        )
        if floor is not None:
            return replace(document, dating=_on_report_day(document.clues.report_day, floor))
    if derived is not None and (released is None or _finer(derived, released)):
        return replace(
            document,
            dating=Dating(
                derived,
                DateMethod.RELATIVE,
                "estimated: it dates an event it "
                f"names relative to itself, which puts it in {derived.label()}",
            ),
        )
    if released is not None:
        return replace(document, dating=_from_release(document, released, stamped))
    if inspection is not None and inspection.fieldwork is not None and usual is not None:
        return replace(
            document, dating=_after_fieldwork(document, inspection.fieldwork, report_months, latest)
        )
    if inspection is not None and inspection.fieldwork is not None:
        return replace(
            document,
            dating=Dating(
                inspection.fieldwork,
                DateMethod.BOUNDED,
                "bounded: no date in the text; the inspection it is grouped with "
                f"took place {inspection.fieldwork.label()}, so it was published "
                "then or later",
            ),
        )
    if document.clues.after is not None:
        return replace(document, dating=_bounded(document.clues.after, document.clues.after_why))
    return document


def _bounded(after: PartialDate, why: str) -> Dating:
    return Dating(
        after, DateMethod.BOUNDED, f"bounded: no date in the text; {why}: published {after.label()} or later"
    )


def _on_report_day(month_day: tuple[int, int], floor: PartialDate) -> Dating:
    """The day and month a text gives for the report, in the first year that does not put it before the
    inspection's release (or fieldwork, or the latest event the text reports)."""
    month, day = month_day
    year = floor.year if (month, day) >= (floor.month or 1, floor.day or 1) else floor.year + 1
    while day > calendar.monthrange(year, month)[1]:  # 29 February: the next leap year
        year += 1
    return Dating(
        PartialDate(year, month, day),
        DateMethod.RELATIVE,
        f"estimated: the text gives the report's day without a year; {year} is the year that fits the "
        f"inspection it is grouped with (from {floor.label()} on)",
    )


def _usual_release(fieldwork: PartialDate | None, report_months: int) -> PartialDate | None:
    """When a report usually comes out after fieldwork in this month; None without a month or a usual
    delay."""
    if fieldwork is None or fieldwork.month is None or not report_months:
        return None
    total = fieldwork.month_number() + report_months
    return PartialDate(total // 12, total % 12 + 1)


def _after_fieldwork(
    document: Document, fieldwork: PartialDate, report_months: int, latest: PartialDate | None = None
) -> Dating:
    """The usual delay after the inspection's fieldwork, kept within what the text itself bounds and before
    the latest date a text grouped with it allows."""
    usual = _usual_release(fieldwork, report_months)
    assert usual is not None
    clues = document.clues
    if clues.after is not None and usual.surely_before(clues.after):
        return _bounded(clues.after, clues.after_why)
    how = (
        f"estimated: no date in the text; the inspection it is grouped with took place {fieldwork.label()}, "
        f"and reports usually come out about {report_months} months after the inspectors' visit"
    )
    if latest is not None and latest.surely_before(usual) and not latest.surely_before(fieldwork):
        usual = PartialDate(latest.year, latest.month)
        how += f", but a text grouped with it puts the report no later than {latest.label()}"
    if clues.before is not None and clues.before.surely_before(usual):
        usual = PartialDate(clues.before.year, clues.before.month)
    return Dating(usual, DateMethod.TYPICAL, how)


def pinned(document: Document) -> Document:
    """A document whose date is the machine's estimate, its source ending in the manifest line that would pin
    it."""
    dating = document.dating
    if dating is None or not dating.inferred:
        return document
    pin = f'[documents.{toml_key(document.name)}] date = "{dating.published.iso()}"'
    return replace(
        document, dating=replace(dating, source=f"{dating.source}; to pin it, put {pin} in {MANIFEST_NAME}")
    )


def _finer(a: PartialDate, b: PartialDate) -> bool:
    """Whether `a` is known more precisely than `b`."""
    return (a.month is not None, a.day is not None) > (b.month is not None, b.day is not None)


def _from_release(document: Document, released: PartialDate, stamped: bool = False) -> Dating:
    how = f"estimated from the documents it is grouped with: their report came out {released.label()}"
    clues = document.clues
    if released.day is not None and clues.days_after_report is not None:
        return Dating(
            shifted(released, clues.days_after_report),
            DateMethod.SHARED,
            f"{how}, and it says it was written {clues.days_after_report} day(s) after the report",
        )
    if (
        released.day is not None
        and clues.report_weekday is not None
        and weekday_on_or_before(released, clues.report_weekday) == released
    ):
        return Dating(released, DateMethod.SHARED, f"{how}, on the weekday it names")
    if released.day is not None and not stamped:
        # Coverage of a release mostly appears on its day (not on the day a page was last updated).
        return Dating(released, DateMethod.SHARED, f"{how}; coverage usually appears on the day")
    return Dating(PartialDate(released.year, released.month), DateMethod.SHARED, how)
