"""Which documents cover one inspection event: groups built from shared content, named fieldwork and release
dates.

Helper of the inspections stage. Groups are joined strongest evidence first, and only when compatible: never a
follow-up with a dated first report it follows, one series unless the texts share overwhelming content, the
same fieldwork, and releases close together unless the content is shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .events import EventMention, Focus
from .model import MONTH_NAMES, DateMethod, Document, Kinship, PartialDate

STRONG_WORDS = 12  # one shared passage this long (a quotation, a repeated sentence) ties two texts
STRONG_TOTAL = 20
VERY_STRONG_TOTAL = 30  # shared this much in two or more passages, texts are one event even across series
WEAK_WORDS = 8  # a shorter shared passage is a common phrase
LOOSE_WORDS = 10  # a text with no event of its own goes with the group it shares this many words with
LOOSE_YEARS = 2  # else with the first event after its lower bound, if one starts this soon after it
RELEASE_DAYS = 7  # texts of compatible events published this close cover one release
REACTION_DAYS = 60  # a dated text without an event of its own reacts to a release at most this long before it
FIELDWORK_SLACK = 1  # months two texts' fieldwork dates may differ and still be one visit
REPORT_AFTER_FIELDWORK = 9  # months from fieldwork to the report, at most
LATE_COPY_MONTHS = (
    REPORT_AFTER_FIELDWORK + 3
)  # a text dated later than this after the fieldwork is a re-publication
FOLLOW_UP_MONTHS = 30  # a follow-up's report comes out within this many months of the inspection it follows


@dataclass
class Group:
    """Documents found to report one event, with the evidence gathered while grouping; `recaps` are other
    texts' mentions of the event (mention, the text naming it). A group without `focus` is an event only named
    in passing."""

    focus: list[Focus]
    reasons: dict[str, str] = field(default_factory=dict)
    hint: PartialDate | None = None
    firm: dict[str, PartialDate] = field(default_factory=dict)
    bounds: dict[str, PartialDate] = field(default_factory=dict)
    updates: set[str] = field(default_factory=set)  # dated only by a "last updated" stamp
    ceilings: dict[str, PartialDate] = field(default_factory=dict)  # written before these dates
    recaps: list[tuple[EventMention, str]] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        return [f.document for f in self.focus]

    @property
    def positions(self) -> set[str]:
        return {f.position for f in self.focus}

    @property
    def series(self) -> set[str]:
        return {f.series for f in self.focus if f.series}

    @property
    def out_of_scope(self) -> bool:
        return bool(self.focus) and all(f.scope for f in self.focus)

    def fieldwork(self) -> list[PartialDate]:
        """The fieldwork dates its texts give as their own, and those other texts recap."""
        own = [f.fieldwork for f in self.focus if f.fieldwork is not None]
        pinned = [self.hint] if self.hint is not None else []
        return pinned + own + [m.date for m, _ in self.recaps if m.date is not None and not m.publication]

    def months(self) -> set[int]:
        named = {f.fieldwork_month for f in self.focus if f.fieldwork_month}
        return {d.month for d in self.fieldwork() if d.month} | named

    def current(self) -> dict[str, PartialDate]:
        """The dates that can be its release: not a page's "last updated" stamp, and not a late copy (a page
        dated long after the fieldwork it reports, or long after the inspection a follow-up follows,
        re-publishes it)."""
        firm = {doc: d for doc, d in self.firm.items() if doc not in self.updates}
        fieldwork = [d.month_number() for d in self.fieldwork() if d.month]
        if fieldwork:
            firm = {
                doc: d for doc, d in firm.items() if d.month_number() - min(fieldwork) <= LATE_COPY_MONTHS
            }
        followed = [
            m.date.month_number()
            for f in self.focus
            for m in f.mentions
            if m.predecessor and m.date and m.date.month
        ]
        if followed and "follow-up" in self.positions:
            firm = {doc: d for doc, d in firm.items() if d.month_number() - max(followed) <= FOLLOW_UP_MONTHS}
        return firm

    def start(self) -> tuple[int, int, int] | None:
        """The earliest date known of the event: its fieldwork, its texts', or a release other texts name."""
        named = [m.date for m, _ in self.recaps if m.date is not None and m.publication]
        dates = self.fieldwork() + list(self.firm.values()) + named
        return min(d.sort_key() for d in dates) if dates else None

    def bound(self) -> PartialDate | None:
        return max(self.bounds.values(), key=lambda d: d.sort_key(), default=None)

    def has_event(self) -> bool:
        """Whether anything dates the event: fieldwork, a release, or another text naming it."""
        return any(f.fieldwork is not None for f in self.focus) or bool(self.current()) or bool(self.recaps)

    def absorb(self, other: Group) -> None:
        for doc, why in other.reasons.items():
            self.reasons.setdefault(doc, why)
        self.focus += other.focus
        self.firm.update(other.firm)
        self.bounds.update(other.bounds)
        self.updates |= other.updates
        self.ceilings.update(other.ceilings)
        self.recaps += other.recaps
        self.hint = self.hint or other.hint


def group_for(document: Document, focus: Focus) -> Group:
    """A document's own group, before any joining."""
    dating = document.dating
    return Group(
        [focus],
        {},
        PartialDate.parse(document.inspection_hint) if document.inspection_hint else None,
        {document.id: dating.published} if dating else {},
        {document.id: document.clues.after} if document.clues.after else {},
        {document.id} if dating and dating.method is DateMethod.UPDATED else set(),
        {document.id: document.clues.before} if document.clues.before else {},
    )


class Grouping:
    """Groups keyed by their first document, and which group holds each document."""

    def __init__(self, groups: Iterable[Group]) -> None:
        self.groups = {g.documents[0]: g for g in groups}
        self.owner = {doc: key for key, g in self.groups.items() for doc in g.documents}

    def join(self, a: str, b: str, reason_a: str, reason_b: str, level: int) -> bool:
        """Join the groups of documents `a` and `b` if they can report one event; whether they were joined."""
        key_a, key_b = self.owner[a], self.owner[b]
        if key_a == key_b or not compatible(self.groups[key_a], self.groups[key_b], level):
            return False
        self.groups[key_a].reasons.setdefault(a, reason_a)
        self.merge(key_a, key_b, reason_b)
        return True

    def merge(self, kept: str, gone: str, reason: str) -> None:
        """Move the group `gone` into the group `kept`; its first document gets `reason`."""
        moved = self.groups.pop(gone)
        if moved.documents:
            moved.reasons.setdefault(moved.documents[0], reason)
        self.groups[kept].absorb(moved)
        for doc in moved.documents:
            self.owner[doc] = kept

    def ordered(self) -> list[Group]:
        return [self.groups[k] for k in sorted(self.groups)]


def kin_level(kin: Kinship) -> int:
    """3: one event whatever the series (a title, or much shared text); 2: strong; 1: weak; 0: not enough."""
    longest = max((len(p.split()) for p in kin.passages), default=0)
    if kin.title or kin.shared_words >= VERY_STRONG_TOTAL and len(kin.passages) >= 2:
        return 3
    if longest >= STRONG_WORDS or kin.shared_words >= STRONG_TOTAL:
        return 2
    if (
        len(kin.figures) >= 2
        or kin.figures
        and longest >= WEAK_WORDS
        or longest >= WEAK_WORDS
        and kin.shared_words >= 2 * WEAK_WORDS
    ):
        return 1
    return 0


def compatible(a: Group, b: Group, level: int) -> bool:
    """Whether two groups can report one event, given how strongly their texts are tied (`kin_level`)."""
    if a.hint is not None and b.hint is not None:
        return a.hint == b.hint
    if _follow_up_against_first(a, b) or _follow_up_against_first(b, a):
        return False
    if a.series and b.series and not a.series & b.series and level < 3:
        return False
    if not _same_fieldwork(a, b):
        return False
    return level >= 2 or released_within(a, b, REACTION_DAYS)


def _follow_up_against_first(a: Group, b: Group) -> bool:
    """A group that says it reports a follow-up cannot take a dated text reporting a first inspection, unless
    the inspection the follow-up names as its predecessor lies before that text."""
    if "follow-up" not in a.positions or "follow-up" in b.positions:
        return False
    firsts = [b.firm[f.document] for f in b.focus if f.position == "first" and f.document in b.firm]
    if not firsts:
        return False
    floor = max(
        (m.date for f in a.focus for m in f.mentions if m.predecessor and m.date),
        key=lambda d: d.sort_key(),
        default=None,
    )
    return floor is None or not floor.surely_before(min(firsts, key=lambda d: d.sort_key()))


def _same_fieldwork(a: Group, b: Group) -> bool:
    own_a = [f.fieldwork.month_number() for f in a.focus if f.fieldwork and f.fieldwork.month]
    own_b = [f.fieldwork.month_number() for f in b.focus if f.fieldwork and f.fieldwork.month]
    return not own_a or not own_b or min(abs(x - y) for x in own_a for y in own_b) <= FIELDWORK_SLACK


def released_within(a: Group, b: Group, days: int) -> bool:
    firm_a, firm_b = a.current(), b.current()
    if not firm_a or not firm_b:
        return True
    return min(abs(x.day_number() - y.day_number()) for x in firm_a.values() for y in firm_b.values()) <= days


def event_pairs(documents: tuple[Document, ...], focus: dict[str, Focus]) -> list[tuple[str, str, str]]:
    """Pairs of texts naming the same fieldwork month, or reporting releases within days of each other; the
    reason has `{other}` for the other text's name."""
    pairs = []
    for i, a in enumerate(documents):
        for b in documents[i + 1 :]:
            fa, fb = focus[a.id], focus[b.id]
            if fa.fieldwork and fa.fieldwork.month and fa.fieldwork == fb.fieldwork:
                pairs.append((a.id, b.id, f"names the same fieldwork as {{other}}: {fa.fieldwork.label()}"))
            elif (
                fa.publication
                and fb.publication
                and fa.publication.day
                and fb.publication.day
                and (gap := abs(fa.publication.day_number() - fb.publication.day_number())) <= RELEASE_DAYS
            ):
                pairs.append((a.id, b.id, f"reports the release {{other}} reports, {gap} days apart"))
    return pairs


def pair_releases(grouping: Grouping) -> None:
    """A dated text that reports a release but no fieldwork of its own joins the one inspection whose
    fieldwork came up to REPORT_AFTER_FIELDWORK months before it and that has no release of its own: it is
    that report."""
    for key in sorted(grouping.groups):
        group = grouping.groups.get(key)
        if (
            group is None
            or group.hint is not None
            or group.out_of_scope
            or group.fieldwork()
            or not group.current()
        ):
            continue
        released = min(d.month_number() for d in group.current().values())
        fits = [
            k
            for k, g in grouping.groups.items()
            if k != key
            and not g.current()
            and not g.out_of_scope
            and compatible(g, group, 2)
            and any(
                0 < released - d.month_number() <= REPORT_AFTER_FIELDWORK for d in g.fieldwork() if d.month
            )
        ]
        if len(fits) == 1:
            months = released - max(d.month_number() for d in grouping.groups[fits[0]].fieldwork() if d.month)
            grouping.merge(
                fits[0],
                key,
                f"reports the release of the only inspection without one whose fieldwork "
                f"came {months} months before it",
            )


def attach_loose(
    grouping: Grouping, documents: dict[str, Document], shared: dict[tuple[str, str], int]
) -> None:
    """Groups that nothing dates (no fieldwork, no release, no other text naming their event) join the event
    they can only be about: a fieldwork month named without a year; else, dated, the release they react to;
    else the event they share most words with, or the first that fits after their lower bound."""
    for key in sorted(grouping.groups):
        group = grouping.groups.get(key)
        if group is None or not group.focus or group.hint is not None or group.has_event():
            continue
        target, why = _loose_target(grouping, key, shared)
        if target is not None:
            grouping.merge(target, key, why)


def _loose_target(grouping: Grouping, key: str, shared: dict[tuple[str, str], int]) -> tuple[str | None, str]:
    group = grouping.groups[key]
    months = {f.fieldwork_month for f in group.focus if f.fieldwork_month}
    if months:
        month = min(months)
        return _month_match(
            grouping, key, month
        ), f"names the fieldwork month {MONTH_NAMES[month - 1]} without a year"
    if group.current():
        return _reacted_to(grouping, key), "reacts to the release shortly before it"
    return _first_after(
        grouping, key, shared
    ), "names no event of its own: the event it shares most with, or the first it can be about"


def _month_match(grouping: Grouping, key: str, month: int) -> str | None:
    fits = [
        k
        for k, g in grouping.groups.items()
        if k != key and month in g.months() and compatible(g, grouping.groups[key], 1)
    ]
    return fits[0] if len(fits) == 1 else None


def _reacted_to(grouping: Grouping, key: str) -> str | None:
    """The release a dated group with no event of its own reacts to: the latest at most REACTION_DAYS
    before."""
    date = min(d.day_number() for d in grouping.groups[key].firm.values())
    fits = []
    for k, g in grouping.groups.items():
        current = g.current()
        if k == key or not current or g.out_of_scope or not compatible(g, grouping.groups[key], 1):
            continue
        released = min(d.day_number() for d in current.values())
        if 0 <= date - released <= REACTION_DAYS:
            fits.append((date - released, k))
    return min(fits)[1] if fits else None


def _first_after(grouping: Grouping, key: str, shared: dict[tuple[str, str], int]) -> str | None:
    """The event undated texts with no event of their own are about: the one whose texts share most words with
    them, else the earliest that starts within LOOSE_YEARS after their lower bound. Texts not about children
    (out of scope on their own) follow shared words only."""
    group = grouping.groups[key]
    bound = group.bound()
    fits = []
    for k, g in grouping.groups.items():
        start = g.start()
        if k == key or start is None or g.out_of_scope or not compatible(g, group, 1):
            continue
        if bound is not None and _before(start, bound) or _after_ceiling(start, group):
            continue
        if "follow-up" in group.positions and _is_first_inspection(g):
            continue  # a text that says it reports a follow-up is not about a first inspection
        words = sum(
            shared.get((min(d, other), max(d, other)), 0) for d in group.documents for other in g.documents
        )
        words = words if words >= LOOSE_WORDS else 0
        soon = bound is None or start[0] - bound.year <= LOOSE_YEARS
        if words or soon and not group.out_of_scope:
            fits.append((-words, start, k))
    return min(fits)[2] if fits else None


def _is_first_inspection(group: Group) -> bool:
    """Whether a group's texts name it as an inspection of a kind that is not a follow-up. Texts that name no
    kind ("a new report") can report a follow-up."""
    types = [f.type for f in group.focus if f.type is not None] + [m.type for m, _ in group.recaps if m.type]
    return bool(types) and "follow-up" not in group.positions and not any(t.follow_up for t in types)


def _after_ceiling(start: tuple[int, int, int], group: Group) -> bool:
    """Whether a group starting at `start` began after the texts of `group` were surely written."""
    return any(start >= (ceiling.year, ceiling.month or 0, 0) for ceiling in group.ceilings.values())


def _before(start: tuple[int, int, int], bound: PartialDate) -> bool:
    """Whether a group starting at `start` surely began before `bound`."""
    if start[0] != bound.year:
        return start[0] < bound.year
    return bool(bound.month and start[1] and start[1] < bound.month)
