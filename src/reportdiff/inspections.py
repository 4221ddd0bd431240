"""Stage 4, inspections: find the inspection events the documents report and group the documents into them.

An event has a type (inspection, post-inspection review, PEEL, joint inspection …), fieldwork and a release. Each
document reports one event as its own and may recap earlier ones; a follow-up's predecessor is a lower bound, never
its own date. Documents reporting one event are grouped by the content they share (passages, figures, a title), by
the fieldwork they name and by release date, never across a follow-up and a dated first report. A document without
a date of its own takes its group's release as an estimate, marked as such.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from .date_mentions import shifted, weekday_on_or_before
from .events import EventMention, Focus, find_focus, find_mentions, names_inspection
from .kinship import find_kinship, template_shingles
from .model import (
    MONTH_NAMES, DateMethod, Dating, Document, Inspection, Kinship, Membership, PartialDate, Segment, Segmentation,
    SentenceEvent, Speaker, Taxonomy,
)
from .text import for_matching

STRONG_WORDS = 12  # one shared passage this long (a quotation, a repeated sentence) ties two texts
STRONG_TOTAL = 20
WEAK_WORDS = 8  # a shorter shared passage is a common phrase
VERY_STRONG_TOTAL = 30  # shared this much in two or more passages, texts are one event even across series
RELEASE_DAYS = 7  # texts of compatible events published this close cover one release
REACTION_DAYS = 60  # a dated text without an event of its own reacts to a release at most this long before it
FIELDWORK_SLACK = 1  # months two texts' fieldwork dates may differ and still be one visit
REPORT_AFTER_FIELDWORK = 9  # months from fieldwork to the report, at most
CLAIMANTS = (Speaker.FORCE, Speaker.COMMISSIONER)


@dataclass(frozen=True, slots=True)
class InspectionsResult:
    """What the inspections stage gives: documents (undated ones with estimates), inspections, and the evidence."""

    documents: tuple[Document, ...]
    inspections: tuple[Inspection, ...]
    kinship: tuple[Kinship, ...]
    sentence_events: tuple[SentenceEvent, ...]


@dataclass
class _Cluster:
    """Documents found to report one event, while grouping."""

    focus: list[Focus]
    reasons: dict[str, str]
    hint: PartialDate | None = None
    firm: dict[str, PartialDate] = field(default_factory=dict)
    bounds: dict[str, PartialDate] = field(default_factory=dict)
    recaps: list[tuple[EventMention, str]] = field(default_factory=list)

    @property
    def positions(self) -> set[str]:
        return {f.position for f in self.focus}

    @property
    def series(self) -> set[str]:
        return {f.series for f in self.focus if f.series}

    def fieldwork(self) -> list[PartialDate]:
        own = [f.fieldwork for f in self.focus if f.fieldwork is not None]
        return own + [m.date for m, _ in self.recaps if m.date is not None and not m.publication]

    def months(self) -> set[int]:
        return {d.month for d in self.fieldwork() if d.month} | {f.fieldwork_month for f in self.focus
                                                                  if f.fieldwork_month}


def find_inspections(documents: tuple[Document, ...], segmentations: tuple[Segmentation, ...],
                     taxonomy: Taxonomy) -> InspectionsResult:
    """Group the documents into inspections, oldest first, and date the undated ones from their group."""
    segments = {s.document: list(s.segments) for s in segmentations}
    mentions = {d.id: find_mentions(d, segments[d.id], taxonomy) for d in documents}
    focus = {d.id: _scoped(find_focus(d, segments[d.id], mentions[d.id], taxonomy), d, segments[d.id], taxonomy)
             for d in documents}
    kinship = _kinship(documents, segmentations, focus, taxonomy)
    by_id = {d.id: d for d in documents}
    clusters = _grouped(documents, focus, kinship)
    events = _recap_events(clusters, focus, by_id)
    dated = _dated_clusters(clusters + events)
    inspections, placed, ids = _inspections(dated, by_id)
    estimated = tuple(_estimate(d, placed.get(d.id), inspections) for d in documents)
    return InspectionsResult(estimated, inspections, kinship, _sentence_events(dated, ids))


def _kinship(documents: tuple[Document, ...], segmentations: tuple[Segmentation, ...], focus: dict[str, Focus],
             taxonomy: Taxonomy) -> tuple[Kinship, ...]:
    """Shared content between documents, less the passages texts of plainly different events share (a publisher's
    stock phrases, a force's name and title): those say nothing about which event a text reports."""
    content = _content(documents, segmentations)
    titles = {d.id: d.title for d in documents}
    first = find_kinship(content, titles, taxonomy.events.standard)
    dates = {d.id: d.dating.published for d in documents if d.dating}
    stock = [p for kin in first if _different_events(focus[kin.first], focus[kin.second], dates)
             for p in kin.passages]
    return find_kinship(content, titles, taxonomy.events.standard, template_shingles(stock)) if stock else first


def _different_events(a: Focus, b: Focus, dates: dict[str, PartialDate]) -> bool:
    """Texts plainly about different events: fieldwork months apart, or published far apart."""
    if a.fieldwork and b.fieldwork and a.fieldwork.month and b.fieldwork.month and \
            abs(_months(a.fieldwork) - _months(b.fieldwork)) > FIELDWORK_SLACK + 1:
        return True
    da, db = dates.get(a.document), dates.get(b.document)
    return bool(da and db and abs(_months(da) - _months(db)) > REPORT_AFTER_FIELDWORK)


def _content(documents: tuple[Document, ...], segmentations: tuple[Segmentation, ...]) -> dict[str, list[str]]:
    """Each document's lines that are not noise, nor a force's or commissioner's quoted words (a speaker repeats
    his own lines from one statement to the next): its title, headings and reporting count."""
    skip = {s.document: {d.line for d in s.dropped} | _quoted_claims(s) for s in segmentations}
    return {d.id: [line.text for line in d.lines if line.text.strip() and line.number not in skip[d.id]]
            for d in documents}


def _quoted_claims(segmentation: Segmentation) -> set[int]:
    return {number for s in segmentation.segments if s.quoted and s.speaker in CLAIMANTS
            for number in range(s.line_start, s.line_end + 1)}


def _scoped(focus: Focus, document: Document, segments: list[Segment], taxonomy: Taxonomy) -> Focus:
    """The focus with a scope reason where the text is not about this force's child-protection inspections."""
    if focus.scope:
        return focus
    if not names_inspection(document, segments, taxonomy):
        return replace(focus, scope="not about an inspection: it names no inspectorate, inspector or report")
    text = " ".join(for_matching(s.text) for s in segments)
    if not any(p.search(text) for p in taxonomy.events.topic):
        return replace(focus, scope="not about children: a whole-force or other inspection")
    return focus


# --- grouping -------------------------------------------------------------------------------------------------


def _grouped(documents: tuple[Document, ...], focus: dict[str, Focus],
             kinship: tuple[Kinship, ...]) -> list[_Cluster]:
    clusters = {d.id: _Cluster([focus[d.id]], {}, _hint(d), {d.id: d.dating.published} if d.dating else {},
                               {d.id: d.clues.after} if d.clues.after else {}) for d in documents}
    owner = {d.id: d.id for d in documents}

    def join(a: str, b: str, reason_a: str, reason_b: str, level: int) -> None:
        ca, cb = owner[a], owner[b]
        if ca == cb or not _compatible(clusters[ca], clusters[cb], level):
            return
        merged = clusters[ca]
        merged.reasons.setdefault(b, reason_b)
        merged.reasons.setdefault(a, reason_a)
        for doc, why in clusters[cb].reasons.items():
            merged.reasons.setdefault(doc, why)
        merged.focus += clusters[cb].focus
        merged.firm.update(clusters[cb].firm)
        merged.bounds.update(clusters[cb].bounds)
        merged.hint = merged.hint or clusters[cb].hint
        for f in clusters.pop(cb).focus:
            owner[f.document] = ca

    names = {d.id: d.name for d in documents}
    for doc_a, doc_b, level in _hinted_pairs(documents):
        join(doc_a, doc_b, "set in the manifest", "set in the manifest", level)
    for kin in sorted(kinship, key=_kin_strength, reverse=True):
        level = _kin_level(kin)
        if level:
            why = kin.describe()
            join(kin.first, kin.second, f"shares with {names[kin.second]}: {why}",
                 f"shares with {names[kin.first]}: {why}", level)
    for doc_a, doc_b, why in _event_pairs(documents, focus):
        join(doc_a, doc_b, why.format(other=names[doc_b]), why.format(other=names[doc_a]), 1)
    shared = {(k.first, k.second): k.shared_words for k in kinship}
    _attach_loose(clusters, owner, documents, focus, shared, join)
    return sorted(clusters.values(), key=lambda c: min(f.document for f in c.focus))


def _hint(document: Document) -> PartialDate | None:
    return PartialDate.parse(document.inspection_hint) if document.inspection_hint else None


def _hinted_pairs(documents: tuple[Document, ...]) -> list[tuple[str, str, int]]:
    first: dict[str, str] = {}
    pairs = []
    for d in documents:
        if d.inspection_hint:
            if d.inspection_hint in first:
                pairs.append((first[d.inspection_hint], d.id, 3))
            first.setdefault(d.inspection_hint, d.id)
    return pairs


def _kin_strength(kin: Kinship) -> tuple[int, int, int, str, str]:
    return (bool(kin.title), kin.shared_words, len(kin.figures), kin.first, kin.second)


def _kin_level(kin: Kinship) -> int:
    """3: one event whatever the series (a title, or much shared text); 2: strong; 1: weak; 0: not enough."""
    longest = max((len(p.split()) for p in kin.passages), default=0)
    if kin.title or kin.shared_words >= VERY_STRONG_TOTAL and len(kin.passages) >= 2:
        return 3
    if longest >= STRONG_WORDS or kin.shared_words >= STRONG_TOTAL:
        return 2
    if len(kin.figures) >= 2 or kin.figures and longest >= WEAK_WORDS or \
            longest >= WEAK_WORDS and kin.shared_words >= 2 * WEAK_WORDS:
        return 1
    return 0


def _compatible(a: _Cluster, b: _Cluster, level: int) -> bool:
    """Whether two groups can report one event: not a follow-up with a dated first report, one series unless
    their shared content is overwhelming, the same fieldwork, and releases close unless the content is shared."""
    if a.hint is not None and b.hint is not None:
        return a.hint == b.hint
    if _follow_up_against_first(a, b) or _follow_up_against_first(b, a):
        return False
    if a.series and b.series and not a.series & b.series and level < 3:
        return False
    if not _same_fieldwork(a, b):
        return False
    return level >= 2 or _released_together(a, b, REACTION_DAYS)


def _follow_up_against_first(a: _Cluster, b: _Cluster) -> bool:
    """A group that says it reports a follow-up cannot take a dated text that reports a first inspection."""
    return "follow-up" in a.positions and "follow-up" not in b.positions and \
        any(f.position == "first" and f.document in b.firm for f in b.focus)


def _same_fieldwork(a: _Cluster, b: _Cluster) -> bool:
    own_a = [f.fieldwork for f in a.focus if f.fieldwork and f.fieldwork.month]
    own_b = [f.fieldwork for f in b.focus if f.fieldwork and f.fieldwork.month]
    if not own_a or not own_b:
        return True
    return min(abs(_months(x) - _months(y)) for x in own_a for y in own_b) <= FIELDWORK_SLACK


def _released_together(a: _Cluster, b: _Cluster, days: int) -> bool:
    firm_a, firm_b = _current(a), _current(b)
    if not firm_a or not firm_b:
        return True
    return min(abs(_day_number(x) - _day_number(y)) for x in firm_a.values() for y in firm_b.values()) <= days


def _event_pairs(documents: tuple[Document, ...], focus: dict[str, Focus]) -> list[tuple[str, str, str]]:
    """Pairs of texts naming the same fieldwork month, or released within days of each other."""
    pairs = []
    ordered = list(documents)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            fa, fb = focus[a.id], focus[b.id]
            if fa.fieldwork and fb.fieldwork and fa.fieldwork.month and fa.fieldwork == fb.fieldwork:
                pairs.append((a.id, b.id, f"names the same fieldwork as {{other}}: {fa.fieldwork.label()}"))
            elif fa.publication and fb.publication and fa.publication.day and fb.publication.day and \
                    abs(_day_number(fa.publication) - _day_number(fb.publication)) <= RELEASE_DAYS:
                pairs.append((a.id, b.id, "reports the release {other} reports, "
                                          f"{abs(_day_number(fa.publication) - _day_number(fb.publication))} "
                                          "days apart"))
    return pairs


def _attach_loose(clusters: dict[str, _Cluster], owner: dict[str, str], documents: tuple[Document, ...],
                  focus: dict[str, Focus], shared: dict[tuple[str, str], int],
                  join) -> None:  # type: ignore[no-untyped-def]
    """Texts still alone that name no event of their own join the event they can only be about: a fieldwork month
    without a year, else (undated) the earliest fitting event after their lower bound, else (dated) the release
    they react to."""
    for document in documents:
        key = owner[document.id]
        own = focus[document.id]
        if len(clusters[key].focus) > 1 or own.fieldwork is not None:
            continue
        target = _month_match(clusters, key, own) if own.fieldwork_month else None
        if target is None and own.fieldwork_month is None:
            target = _reacted_to(clusters, key, document) if document.dating else \
                _first_after(clusters, key, document, shared)
        if target is not None:
            anchor = clusters[target].focus[0].document
            join(anchor, document.id, "", target_reason(own, document), 1)


def target_reason(own: Focus, document: Document) -> str:
    if own.fieldwork_month:
        return f"names the fieldwork month {MONTH_NAMES[own.fieldwork_month - 1]} without a year"
    if document.dating:
        return "reacts to the release shortly before it"
    return "names no event of its own: the first inspection it can be about"


def _month_match(clusters: dict[str, _Cluster], key: str, own: Focus) -> str | None:
    fits = [k for k, c in clusters.items() if k != key and own.fieldwork_month in c.months()
            and _compatible(c, clusters[key], 1)]
    return fits[0] if len(fits) == 1 else None


def _first_after(clusters: dict[str, _Cluster], key: str, document: Document,
                 shared: dict[tuple[str, str], int]) -> str | None:
    """The event an undated text with no event of its own is about: the one whose texts share most words with
    it, else the earliest after its lower bound."""
    bound = document.clues.after
    fits = [(-_shared_with(c, document.id, shared), start, k) for k, c in clusters.items() if k != key
            and (start := _start(c)) is not None and not all(f.scope for f in c.focus)
            and (bound is None or _not_before(start, bound)) and _compatible(c, clusters[key], 1)]
    return min(fits)[2] if fits else None


def _shared_with(cluster: _Cluster, document: str, shared: dict[tuple[str, str], int]) -> int:
    return sum(shared.get(tuple(sorted((document, f.document))), 0) for f in cluster.focus)  # type: ignore[misc]


def _reacted_to(clusters: dict[str, _Cluster], key: str, document: Document) -> str | None:
    assert document.dating is not None
    date = _day_number(document.dating.published)
    fits = [(date - released, k) for k, c in clusters.items() if k != key and c.firm
            and 0 <= date - (released := min(_day_number(d) for d in c.firm.values())) <= REACTION_DAYS
            and not all(f.scope for f in c.focus)]
    return min(fits)[1] if fits else None


def _start(cluster: _Cluster) -> tuple[int, int, int] | None:
    dates = cluster.fieldwork() + list(cluster.firm.values())
    return min(d.sort_key() for d in dates) if dates else None


def _not_before(start: tuple[int, int, int], bound: PartialDate) -> bool:
    return start[0] > bound.year or start[0] == bound.year and (not bound.month or start[1] >= bound.month
                                                                   or not start[1])


# --- recaps: events named in passing ---------------------------------------------------------------------------


def _recap_events(clusters: list[_Cluster], focus: dict[str, Focus],
                  documents: dict[str, Document]) -> list[_Cluster]:
    """Match every dated event a text names besides its own to a group; unmatched ones become events of their own
    (a press release recapping the pilot inspection and two revisits reports three inspections)."""
    home = {f.document: c for c in clusters for f in c.focus}
    extra: list[_Cluster] = []
    for cluster in clusters:
        for own in cluster.focus:
            for mention in own.mentions:
                if mention.date is None or _is_own(mention, own) or own.scope:
                    continue
                target = _recap_target(mention, clusters + extra, home[own.document])
                if target is None:
                    target = _Cluster([], {})
                    extra.append(target)
                target.recaps.append((mention, own.document))
    return extra


def _is_own(mention: EventMention, own: Focus) -> bool:
    if mention.predecessor or mention.publication:
        return False
    return own.fieldwork is None or mention.date == own.fieldwork or (
        mention.date is not None and own.fieldwork.month is None and mention.date.year == own.fieldwork.year)


def _recap_target(mention: EventMention, clusters: list[_Cluster], home: _Cluster) -> _Cluster | None:
    assert mention.date is not None
    exact = [c for c in clusters if c is not home and _names(c, mention.date)]
    if exact:
        return exact[0]
    if mention.date.month is None:
        return None
    near = [(gap, i) for i, c in enumerate(clusters) if c is not home
            and (gap := _gap(c, mention)) is not None]
    return clusters[min(near)[1]] if near else None


def _names(cluster: _Cluster, date: PartialDate) -> bool:
    """Whether a group's fieldwork or release is this date, at the date's precision."""
    dates = cluster.fieldwork() + _releases(cluster)
    if date.month is None:
        return any(d.year == date.year for d in dates) and len({d.year for d in dates}) == 1
    return any(d.year == date.year and d.month == date.month for d in dates)


def _gap(cluster: _Cluster, mention: EventMention) -> int | None:
    """How far a recapped event lies from a group that could be it: fieldwork a few months before its report."""
    assert mention.date is not None
    here = _months(mention.date)
    if mention.publication:
        gaps = [here - _months(d) for d in cluster.fieldwork() if d.month]
    else:
        gaps = [_months(d) - here for d in _releases(cluster) if d.month]
    fitting = [g for g in gaps if 0 <= g <= REPORT_AFTER_FIELDWORK]
    return min(fitting) if fitting else None


def _releases(cluster: _Cluster) -> list[PartialDate]:
    firm = sorted(cluster.firm.values(), key=lambda d: d.sort_key())
    named = [m.date for m, _ in cluster.recaps if m.publication and m.date is not None]
    own = [f.publication for f in cluster.focus if f.publication is not None]
    return firm[:1] + named + own


# --- dates of the groups, and the records ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Dated:
    """A group with its fieldwork and release settled."""

    cluster: _Cluster
    fieldwork: PartialDate | None
    end: PartialDate | None
    published: PartialDate | None
    estimated: bool


def _dated_clusters(clusters: list[_Cluster]) -> list[_Dated]:
    return [_settle(c) for c in clusters if c.focus or c.recaps]


def _settle(cluster: _Cluster) -> _Dated:
    if cluster.hint is not None:
        return _Dated(cluster, cluster.hint, None, cluster.hint, False)
    fieldwork = _most_named(cluster.fieldwork())
    end = _end_month(cluster, fieldwork)
    current = _current(cluster)
    firm = sorted(current.values(), key=lambda d: d.sort_key())
    if firm:
        published = _release_of(replace_firm(cluster, current), firm)
        return _Dated(cluster, fieldwork, end, published, False)
    own = [f.publication for f in cluster.focus if f.publication is not None]
    named = [m.date for m, _ in cluster.recaps if m.publication and m.date is not None]
    published = _most_named(own) or _month_after(cluster, fieldwork) or _most_named(named)
    return _Dated(cluster, fieldwork, end, published, True)


def _release_of(cluster: _Cluster, firm: list[PartialDate]) -> PartialDate:
    """The release: the earliest dated text less the days it says it came after the report."""
    by_doc = {f.document: f for f in cluster.focus}
    releases = [by_doc[doc].publication or date for doc, date in cluster.firm.items() if doc in by_doc]
    return min(releases or firm, key=lambda d: d.sort_key())


def replace_firm(cluster: _Cluster, firm: dict[str, PartialDate]) -> _Cluster:
    return _Cluster(cluster.focus, cluster.reasons, cluster.hint, firm, cluster.bounds, cluster.recaps)


def _current(cluster: _Cluster) -> dict[str, PartialDate]:
    """The group's dated texts less late copies: a page dated long after the fieldwork it reports is a
    re-publication, and its date is not the release."""
    fieldwork = [d for d in cluster.fieldwork() if d.month]
    if not fieldwork:
        return cluster.firm
    start = min(_months(d) for d in fieldwork)
    return {doc: d for doc, d in cluster.firm.items() if _months(d) - start <= REPORT_AFTER_FIELDWORK + 3}


def _month_after(cluster: _Cluster, fieldwork: PartialDate | None) -> PartialDate | None:
    """A release named by month alone ("released in February") placed after the group's fieldwork or bound."""
    months = [m.month for f in cluster.focus for m in f.mentions if m.publication and m.date is None and m.month]
    floor = fieldwork or _latest_bound(cluster)
    if not months or floor is None:
        return None
    month = months[0]
    year = floor.year if floor.month is None or month >= floor.month else floor.year + 1
    return PartialDate(year, month)


def _latest_bound(cluster: _Cluster) -> PartialDate | None:
    return max(cluster.bounds.values(), key=lambda d: d.sort_key(), default=None)


def _most_named(dates: list[PartialDate]) -> PartialDate | None:
    """The date named most often, the more precise first, then the earliest."""
    if not dates:
        return None
    counts = Counter(dates)
    return min(counts, key=lambda d: (-counts[d], d.month is None, d.sort_key()))


def _end_month(cluster: _Cluster, fieldwork: PartialDate | None) -> PartialDate | None:
    if fieldwork is None or fieldwork.month is None:
        return None
    ends = [m.end_month for f in cluster.focus for m in f.mentions if m.date == fieldwork and m.end_month]
    ends += [m.end_month for m, _ in cluster.recaps if m.date == fieldwork and m.end_month]
    return PartialDate(fieldwork.year, ends[0]) if ends else None


def _inspections(dated: list[_Dated], documents: dict[str, Document]) -> tuple[tuple[Inspection, ...],
                                                                                 dict[str, str], dict[int, str]]:
    """The inspection records, oldest first, with unique ids; each document's own inspection; each group's id."""
    order = sorted(dated, key=lambda d: (_key_date(d).sort_key() if _key_date(d) else (9999, 0, 0),
                                         min((f.document for f in d.cluster.focus), default="")))
    used: Counter[str] = Counter()
    records, placed, ids = [], {}, {}
    for item in order:
        key = _key_date(item)
        base = key.iso() if key else "undated"
        used[base] += 1
        inspection_id = base if used[base] == 1 else f"{base}-{used[base]}"
        records.append(_record(inspection_id, item, documents))
        ids[id(item.cluster)] = inspection_id
        for f in item.cluster.focus:
            placed[f.document] = inspection_id
    return tuple(records), placed, ids


def _key_date(item: _Dated) -> PartialDate | None:
    return item.fieldwork or item.published


def _record(inspection_id: str, item: _Dated, documents: dict[str, Document]) -> Inspection:
    cluster = item.cluster
    key = _key_date(item) or PartialDate(0)
    members = tuple(Membership(f.document, cluster.reasons.get(f.document, "its own event"))
                    for f in cluster.focus)
    scope = next((f.scope for f in cluster.focus), "") if cluster.focus and all(f.scope for f in cluster.focus) \
        else ""
    return Inspection(
        id=inspection_id, date=key, end=item.end, label=_label(key, item.end), kind=_kind(cluster),
        documents=tuple(sorted({f.document for f in cluster.focus})), estimated=item.estimated,
        fieldwork=item.fieldwork, published=item.published, scope=scope, members=members,
    )


def _kind(cluster: _Cluster) -> str:
    types = [f.type for f in cluster.focus if f.type is not None]
    types += [m.type for m, _ in cluster.recaps if m.type is not None]
    follow = [t for t in types if t.follow_up]
    chosen = follow or [t for t in types if t.series] or types
    return chosen[0].label if chosen else "inspection"


def _label(date: PartialDate, end: PartialDate | None) -> str:
    if date.year == 0:
        return "undated"
    if end is None or end.month is None or date.month is None:
        return date.label()
    return f"{MONTH_NAMES[date.month - 1]}\u2013{MONTH_NAMES[end.month - 1]} {date.year}"


def _sentence_events(dated: list[_Dated], ids: dict[int, str]) -> tuple[SentenceEvent, ...]:
    """Each sentence naming an event (not as a point counted from) with the inspection that event is."""
    out = {SentenceEvent(document, mention.sentence, ids[id(item.cluster)])
           for item in dated for mention, document in item.cluster.recaps if not mention.reference}
    out |= {SentenceEvent(f.document, m.sentence, ids[id(item.cluster)])
            for item in dated for f in item.cluster.focus for m in f.mentions
            if m.date is not None and _is_own(m, f) and not m.reference}
    return tuple(sorted(out, key=lambda e: (e.document, e.sentence, e.inspection)))


# --- estimated dates ------------------------------------------------------------------------------------------


def _estimate(document: Document, inspection_id: str | None, inspections: tuple[Inspection, ...]) -> Document:
    """An undated document's date from its group's release (its own distance from the report applied), else its
    lower bound; a dated one is returned as it is."""
    if document.dating is not None:
        return document
    inspection = next((i for i in inspections if i.id == inspection_id), None)
    if inspection is not None and inspection.published is not None and inspection.published.month is not None:
        return replace(document, dating=_from_release(document, inspection))
    if document.clues.after is not None:
        return replace(document, dating=Dating(document.clues.after, DateMethod.BOUNDED,
                                               "bounded: no date in the text; the latest event it reports is "
                                               f"{document.clues.after_why}, so it was published then or later"))
    return document


def _from_release(document: Document, inspection: Inspection) -> Dating:
    released = inspection.published
    assert released is not None
    how = f"estimated from the documents it is grouped with: their report came out {released.label()}"
    clues = document.clues
    if released.day is not None and clues.days_after_report is not None:
        date = shifted(released, clues.days_after_report)
        return Dating(date, DateMethod.SHARED, f"{how}, and it says it was written {clues.days_after_report} "
                                               "day(s) after the report")
    if released.day is not None and clues.report_weekday is not None and \
            weekday_on_or_before(released, clues.report_weekday) == released:
        return Dating(released, DateMethod.SHARED, f"{how}, on the weekday it names")
    return Dating(PartialDate(released.year, released.month), DateMethod.SHARED, how)


def _months(date: PartialDate) -> int:
    return date.year * 12 + (date.month or 6) - 1


def _day_number(date: PartialDate) -> int:
    return date.year * 372 + ((date.month or 6) - 1) * 31 + (date.day or 15)
