"""Inspection events as a text reports them: each dated mention of an inspection or a report's release, its
type, and whether it is the text's own event or one its event follows; and the event a whole text is about.

Helper of the inspections stage: plain functions over one document's sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .date_mentions import DateMention, find_dates, is_future, shifted
from .model import Document, EventType, PartialDate, Segment, Taxonomy
from .prefilter import matchable, search_any
from .text import for_matching

# How far before a date its type and cue words may stand ("a post-inspection review, external in September").
WINDOW = 80
AFTER = 30  # a phrase naming a predecessor may run on past its date: "the original 2019 report"
OPENING_SENTENCES = 4  # where a text says what it is about
# A text this long is a report, not a story: it says which event it is in its title and opening (summary,
# introduction); its body is about the force's work, its own reviews and reports and the dates of its history.
REPORT_SENTENCES = 100
REPORT_OPENING = 10
REFERENCE_CHARS = 120  # "since" reaches this far along its clause ("since the publication of … in 2018")
PHRASE_CHARS = 20  # type names this close together name one event ("an inspection revisit")
AFTER_WINDOW = 100  # how far after a date a cue word may stand ("In March 2018, we published the report")


@dataclass(frozen=True, slots=True)
class EventMention:
    """A dated inspection or report release named in one sentence.

    `date` is None where the year cannot be known (a month named in a text with no date of its own); `month`
    keeps the month then. `predecessor` marks an event the text's own event follows ("an initial inspection in
    July 2021", "since our inspection in 2014"); `publication` a report's release rather than inspectors'
    fieldwork.
    """

    sentence: int
    text: str
    date: PartialDate | None
    month: int | None
    end_month: int | None
    qualifier: str
    type: EventType | None
    predecessor: bool
    publication: bool
    reference: bool = (
        False  # a point counted from ("since our inspection in 2014"): not when a finding was made
    )
    # A relative date ("last autumn", "September last year") in a text with no date of its own: how far back
    # from the text's date it lies, as (years, months, days); the event it names then dates the text.
    back: tuple[int, int, int] | None = None
    # "last July" in a text with no date of its own: it came out within the year after the July it names.
    within_year: bool = False


@dataclass(frozen=True, slots=True)
class Focus:
    """The event a document is about: its type, its position in a series, its fieldwork and release dates."""

    document: str
    type: EventType | None
    position: str  # "follow-up" (says so), "later" (names an earlier inspection), or "first"
    fieldwork: PartialDate | None
    fieldwork_month: int | None
    publication: PartialDate | None
    reports_release: bool
    scope: str
    mentions: tuple[EventMention, ...]

    @property
    def series(self) -> str:
        return self.type.series if self.type else ""


def find_mentions(document: Document, segments: list[Segment], taxonomy: Taxonomy) -> list[EventMention]:
    """Every dated event the document's sentences name, in reading order; plans ("will revisit") excluded."""
    anchor = document.dating.published if document.dating else None
    context_year: int | None = None
    found = []
    for index, segment in enumerate(segments):
        text = for_matching(segment.text)
        about_event = (
            bool(taxonomy.events.words.search(text))
            or _names_release(text, taxonomy)
            or search_any(taxonomy.events.predecessor, text)  # "last July"
        ) and not search_any(taxonomy.events.programme, text)
        previous_end = 0
        for mention in find_dates(text):
            date = _resolved(mention, context_year, anchor)
            if mention.year is not None:
                context_year = mention.year
            if (
                about_event
                and not is_future(text, mention, taxonomy.future)
                and _could_be_event(date, anchor, taxonomy.events.history_years)
            ):
                found.append(_event_mention(index, text, mention, date, previous_end, taxonomy))
            previous_end = mention.end
    return found


def _could_be_event(date: PartialDate | None, anchor: PartialDate | None, history_years: int) -> bool:
    """Whether a date can be an inspection the text looks back on: not after the text, nor long before it."""
    if date is None or anchor is None:
        return True
    return anchor.year - history_years <= date.year <= anchor.year


def _names_release(text: str, taxonomy: Taxonomy) -> bool:
    return search_any(taxonomy.events.publication, text) and search_any(taxonomy.events.inspectorate, text)


def _resolved(
    mention: DateMention, context_year: int | None, anchor: PartialDate | None
) -> PartialDate | None:
    """The date named: its own year, else counted from the text's date, else the year last named before it."""
    if mention.year is not None:
        return PartialDate(mention.year, mention.month)
    if mention.relative:
        return mention.resolve(anchor) if anchor else None
    if mention.month is None:
        return None
    year = context_year or (anchor.year if anchor else None)
    if year is None:
        return None
    if context_year is None and anchor is not None and anchor.month and mention.month > anchor.month:
        year -= 1  # "in November" in a text published in March means the November before
    return PartialDate(year, mention.month)


def _names_predecessor(
    text: str, start: int, mention: DateMention, patterns: tuple[re.Pattern[str], ...]
) -> bool:
    """Whether the words before a date, or a phrase running through it, name an earlier event."""
    before = text[start : mention.end]
    if any(p.search(before) for p in patterns):
        return True
    around = text[start : mention.end + AFTER]
    return any(
        m.start() <= mention.start - start and m.end() > mention.end - start
        for p in patterns
        for m in p.finditer(around)
    )


def _event_mention(
    index: int,
    text: str,
    mention: DateMention,
    date: PartialDate | None,
    previous_end: int,
    taxonomy: Taxonomy,
) -> EventMention:
    start = max(previous_end, mention.start - WINDOW)
    window = text[start : mention.end]
    rules = taxonomy.events
    clause_start = max(text.rfind(mark, 0, mention.start) for mark in (".", ";", ":", ","))
    reference = any(
        p.search(text[max(clause_start + 1, mention.start - REFERENCE_CHARS) : mention.start])
        for p in rules.reference
    )
    back = (
        (mention.years_back or 0, mention.months_back or 0, mention.days_back or 0)
        if date is None and mention.relative and not mention.month_before and not mention.approximate
        else None
    )
    return EventMention(
        sentence=index,
        text=mention.text,
        date=date,
        month=mention.month,
        end_month=mention.end_month,
        back=back,
        within_year=date is None and mention.month_before and mention.month is not None,
        qualifier=mention.qualifier,
        type=_nearest_type(text, start, mention, taxonomy),
        predecessor=reference or _names_predecessor(text, start, mention, rules.predecessor),
        publication=_released(window, text[mention.end :], taxonomy),
        reference=reference,
    )


def _released(before: str, after: str, taxonomy: Taxonomy) -> bool:
    """Whether a date is a release: the cue word nearest to it, before ("published in July") or just after
    ("In March 2018, we published"), is a publication word rather than a fieldwork one."""
    rules = taxonomy.events
    near_before = max(
        ((m.end(), True) for p in rules.publication for m in p.finditer(before)), default=(-1, False)
    )
    field_before = max((m.end() for p in rules.fieldwork for m in p.finditer(before)), default=-1)
    if near_before[0] > field_before:
        return True
    if field_before >= 0:
        return False
    clause = re.split(r"[.;:]", after, maxsplit=1)[0][:AFTER_WINDOW]
    pub_after = min(
        (m.start() for p in rules.publication for m in p.finditer(clause)), default=len(clause) + 1
    )
    field_after = min(
        (m.start() for p in rules.fieldwork for m in p.finditer(clause)), default=len(clause) + 1
    )
    return pub_after < field_after


def _nearest_type(text: str, start: int, mention: DateMention, taxonomy: Taxonomy) -> EventType | None:
    """The event type named nearest the date in its clause, before it ("a post-inspection review in January")
    or after it ("In September 2016, HMIC conducted a follow-up inspection"); the more specific on a tie."""
    stops = [i for mark in (".", ";") if (i := text.find(mark, mention.end)) >= 0]
    end = min([*stops, mention.end + WINDOW])
    found = []
    for rank, event_type in enumerate(taxonomy.events.types):
        for pattern in event_type.patterns:
            for match in pattern.finditer(text, start, end):
                gap = (
                    mention.start - match.end()
                    if match.end() <= mention.start
                    else match.start() - mention.end
                )
                found.append((max(gap, 0), rank, event_type))
    if not found:
        return _type_in(text, taxonomy)
    nearest = min(gap for gap, _, _ in found)
    # Within one phrase ("an inspection revisit", "a follow-up inspection") the more specific name wins.
    return min((rank, t) for gap, rank, t in found if gap <= nearest + PHRASE_CHARS)[1]


def _type_in(text: str, taxonomy: Taxonomy) -> EventType | None:
    """The event type named last in `text` (the one nearest a date that follows); where two names overlap
    ("post-inspection review" holds "inspection"), the longer, more specific one."""
    best: tuple[int, int, EventType] | None = None
    for rank, event_type in enumerate(taxonomy.events.types):
        for pattern in event_type.patterns:
            for match in pattern.finditer(text):
                key = (match.end(), -rank)
                if best is None or key > best[:2]:
                    best = (match.end(), -rank, event_type)
    return best[2] if best else None


def find_focus(
    document: Document, segments: list[Segment], mentions: list[EventMention], taxonomy: Taxonomy
) -> Focus:
    """The event the document reports as its own, from its opening, its type words and its dated mentions."""
    opening = [document.title, *(s.text for s in segments[:OPENING_SENTENCES])]
    own = _own_mentions(segments, mentions)
    position = _position(document, _telling(segments, mentions), mentions, taxonomy)
    event_type = _focus_type(opening, own, position, taxonomy)
    fieldwork = _latest(own, mentions, position)
    mentions = [_before_own(m, fieldwork.date if fieldwork else None, position) for m in mentions]
    return Focus(
        document=document.id,
        type=event_type,
        position=position,
        fieldwork=fieldwork.date if fieldwork else None,
        fieldwork_month=fieldwork.month if fieldwork and fieldwork.date is None else None,
        publication=_publication(document, mentions),
        reports_release=_reports_release(document, mentions),
        scope=_scope(" ".join(opening), taxonomy),
        mentions=tuple(mentions),
    )


def _telling(segments: list[Segment], mentions: list[EventMention]) -> list[Segment]:
    """The sentences that can say what the text is (a follow-up, a later inspection): all of a story's; a
    report's opening, and those of its body that date an event."""
    if len(segments) < REPORT_SENTENCES:
        return segments
    dated = {m.sentence for m in mentions if m.date is not None}
    return [s for i, s in enumerate(segments) if i < REPORT_OPENING or i in dated]


def _own_mentions(segments: list[Segment], mentions: list[EventMention]) -> list[EventMention]:
    """The dated events that can be the text's own: not one it follows, nor a release. A report's own are
    those of its opening where it names any: a date further on is the force's history."""
    own = [m for m in mentions if not m.predecessor and not m.publication]
    if len(segments) < REPORT_SENTENCES:
        return own
    return [m for m in own if m.sentence < REPORT_OPENING] or own


def _before_own(mention: EventMention, own: PartialDate | None, position: str) -> EventMention:
    """A release or visit dated before the text's own fieldwork is one its event follows; so is, in a
    follow-up, a plain inspection it names."""
    if mention.predecessor or mention.date is None:
        return mention
    earlier = own is not None and _after(own, mention.date.sort_key())
    followed = (
        position == "follow-up"
        and mention.type is not None
        and not mention.type.follow_up
        and (own is None or mention.date != own)
    )
    return replace(mention, predecessor=True) if earlier or followed else mention


def _position(
    document: Document, segments: list[Segment], mentions: list[EventMention], taxonomy: Taxonomy
) -> str:
    """The text's place in its series: "follow-up" where the title or a sentence names a follow-up type (not
    as a plan, nor as the event followed); else "later" where it names an earlier event; else "first"."""
    texts = [for_matching(document.title), *(for_matching(s.text) for s in segments)]
    follow_ups = [t for t in taxonomy.events.types if t.follow_up]
    for text in texts:
        for event_type in follow_ups:
            for pattern in matchable(event_type.patterns, text):
                match = pattern.search(text)
                if (
                    match
                    and not _planned(text, match.start(), match.end(), taxonomy)
                    and not any(
                        p.search(text[max(0, match.start() - 30) : match.end()])
                        for p in taxonomy.events.predecessor
                    )
                ):
                    return "follow-up"
    named_earlier = any(m.predecessor for m in mentions) or any(
        p.search(text) for text in texts for p in taxonomy.events.predecessor
    )
    return "later" if named_earlier else "first"


def _planned(text: str, start: int, end: int, taxonomy: Taxonomy) -> bool:
    """Whether the phrase at start:end stands in a clause about the future ("before a follow-up inspection is
    carried out in the next six months", "will revisit")."""
    clause_start = max(text.rfind(mark, 0, start) for mark in (".", ";", ":")) + 1
    stops = [i for mark in (".", ";") if (i := text.find(mark, end)) >= 0]
    return any(p.search(text[clause_start : min(stops, default=len(text))]) for p in taxonomy.future)


def _focus_type(
    opening: list[str], own: list[EventMention], position: str, taxonomy: Taxonomy
) -> EventType | None:
    named = next((t for text in opening if (t := _type_in(for_matching(text), taxonomy)) is not None), None)
    typed = [m.type for m in own if m.type is not None]
    if position == "follow-up":
        follow = [t for t in [named, *reversed(typed)] if t is not None and t.follow_up]
        if follow:
            return follow[0]
    return named or (typed[-1] if typed else None)


def _latest(own: list[EventMention], mentions: list[EventMention], position: str) -> EventMention | None:
    """The text's own fieldwork: its latest dated event after every event it names as a predecessor. A
    follow-up's own event is a follow-up (or untyped); a plain inspection it names is the one it follows."""
    floor = max((m.date.sort_key() for m in mentions if m.predecessor and m.date), default=None)
    later = [m for m in own if m.date is None or floor is None or _after(m.date, floor)]
    candidates = (
        [m for m in later if m.type is None or m.type.follow_up] if position == "follow-up" else later
    )
    dated = [m for m in candidates if m.date is not None]
    if dated:
        return max(
            dated,
            key=lambda m: (
                m.date.sort_key() if m.date else (0, 0, 0),
                m.date is not None and m.date.month is not None,
            ),
        )
    months = [m for m in candidates if m.month is not None]
    return months[-1] if months else None


def _after(date: PartialDate, floor: tuple[int, int, int]) -> bool:
    """Whether `date` is surely later than `floor`, compared at the coarser precision."""
    if date.month is None or not floor[1]:
        return date.year > floor[0]
    return (date.year, date.month) > floor[:2]


def _publication(document: Document, mentions: list[EventMention]) -> PartialDate | None:
    """When the document's report came out: its own date less the days it says it came after, else a release
    date it names for its own report."""
    if document.dating is not None:
        days = document.clues.days_after_report or 0
        return shifted(document.dating.published, -days)
    released = [m.date for m in mentions if m.publication and not m.predecessor and m.date is not None]
    return max(released, key=lambda d: d.sort_key()) if released else None


def _reports_release(document: Document, mentions: list[EventMention]) -> bool:
    return document.clues.days_after_report is not None or any(
        m.publication and not m.predecessor for m in mentions
    )


def _scope(opening: str, taxonomy: Taxonomy) -> str:
    plain = for_matching(opening)
    for rule in taxonomy.events.out_of_scope:
        if any(p.search(plain) for p in rule.patterns):
            return rule.reason
    return ""


def names_inspection(document: Document, segments: list[Segment], taxonomy: Taxonomy) -> bool:
    """Whether the text is about an inspection at all: it names the inspectorate, its inspectors, its report,
    or (in its title) an inspection."""
    if _type_in(for_matching(document.title), taxonomy) is not None:
        return True
    return any(
        p.search(for_matching(s.text))
        for s in segments
        for p in (*taxonomy.events.inspectorate, taxonomy.events.words)
    )
