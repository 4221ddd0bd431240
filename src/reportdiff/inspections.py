"""Stage 4, inspections: find the inspection events the documents report and group the documents into them.

An event has a type (inspection, post-inspection review, PEEL, joint inspection …), fieldwork and a release.
Each document reports one event as its own (`events`) and may recap earlier ones (`recaps`); a follow-up's
predecessor is a lower bound, never its own date. Documents reporting one event are grouped by the content
they share (`kinship`), by the fieldwork they name and by release date (`coverage`). An undated document takes
its group's release as an estimate, marked as such (`release_dates`). Texts about something else (no
inspectorate, no children, a national report) are kept apart: listed, not weighed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from . import coverage
from .coverage import Group, Grouping, attach_loose, event_pairs, group_for, kin_level, pair_releases
from .events import Focus, find_focus, find_mentions, names_inspection
from .kinship import find_kinship
from .model import (
    MONTH_NAMES,
    Document,
    Inspection,
    Kinship,
    Membership,
    PartialDate,
    Segment,
    Segmentation,
    SentenceEvent,
    Speaker,
    Taxonomy,
)
from .recaps import Told, is_own, own_runs, recap_events, recap_sentences, runs_of
from .release_dates import Settled, estimate, pinned, relative_dates, settle_all
from .text import for_matching

CLAIMANTS = (Speaker.FORCE, Speaker.COMMISSIONER)


@dataclass(frozen=True, slots=True)
class InspectionsResult:
    """What the inspections stage gives: documents (undated ones with estimates), inspections, and the
    evidence."""

    documents: tuple[Document, ...]
    inspections: tuple[Inspection, ...]
    kinship: tuple[Kinship, ...]
    sentence_events: tuple[SentenceEvent, ...]


def find_inspections(
    documents: tuple[Document, ...],
    segmentations: tuple[Segmentation, ...],
    taxonomy: Taxonomy,
    subject: str = "",
) -> InspectionsResult:
    """Group the documents into inspections, oldest first, and date the undated ones from their group.
    `subject` is the force the corpus is about."""
    segments = {s.document: list(s.segments) for s in segmentations}
    focus = {
        d.id: _scoped(
            find_focus(d, segments[d.id], find_mentions(d, segments[d.id], taxonomy), taxonomy),
            d,
            segments[d.id],
            taxonomy,
            subject,
        )
        for d in documents
    }
    recapping = {d.id: recap_sentences(focus[d.id], segments[d.id], taxonomy) for d in documents}
    kinship = _kinship(documents, segmentations, focus, recapping, taxonomy)
    by_id = {d.id: d for d in documents}
    each = {d.id: [runs_of(s.text) for s in segments[d.id]] for d in documents}  # every sentence's runs
    runs = {d.id: own_runs(each[d.id], recapping[d.id]) for d in documents}
    said = {d.id: Told(segments[d.id], each[d.id]) for d in documents}
    grouping = _grouped(documents, focus, kinship)
    extra = recap_events(grouping.ordered(), runs, said)
    for number, group in enumerate(extra):
        grouping.groups[f"\x00event-{number}"] = group  # named only in passing: a target, never a document's
    attach_loose(grouping, by_id, {(k.first, k.second): k.shared_words for k in kinship})
    pair_releases(grouping)
    settled = settle_all(grouping.ordered(), by_id, runs, said, taxonomy.dating.report_months)
    inspections, ids = _inspections(settled)
    placed = {doc: ids[id(item.group)] for item in settled for doc in item.group.documents}
    derived, latest_by_text = relative_dates(settled, by_id, runs, said, taxonomy.dating.report_months)
    by_inspection = {i.id: i for i in inspections}
    stamped = {ids[id(item.group)] for item in settled if item.stamped}
    latest = _latest_releases(settled, ids, latest_by_text)
    dated = tuple(
        sorted(
            (
                pinned(
                    estimate(
                        d,
                        by_inspection.get(placed.get(d.id, "")),
                        derived.get(d.id),
                        taxonomy.dating.report_months,
                        placed.get(d.id, "") in stamped,
                        latest.get(placed.get(d.id, "")),
                    )
                )
                for d in documents
            ),
            key=_reading_order,
        )
    )
    return InspectionsResult(dated, inspections, kinship, _sentence_events(settled, ids))


def _latest_releases(
    settled: list[Settled], ids: dict[int, str], latest: dict[str, PartialDate]
) -> dict[str, PartialDate]:
    """The latest each inspection's report can have come out: no later than any text that reports it."""
    out: dict[str, PartialDate] = {}
    for item in settled:
        dates = [latest[doc] for doc in item.group.documents if doc in latest]
        if dates:
            out[ids[id(item.group)]] = min(dates, key=lambda d: d.sort_key())
    return out


def _reading_order(document: Document) -> tuple[tuple[int, int, int], str, str]:
    date = document.dating.published if document.dating else None
    return (date.sort_key() if date else (9999, 0, 0), document.name, document.sha256)


def _scoped(
    focus: Focus, document: Document, segments: list[Segment], taxonomy: Taxonomy, subject: str
) -> Focus:
    """The focus with a scope reason where the text is not about this force's child-protection inspections."""
    if focus.scope:
        return focus
    if not names_inspection(document, segments, taxonomy):
        return replace(focus, scope="not about an inspection: it names no inspectorate, inspector or report")
    text = " ".join(for_matching(s.text) for s in segments)
    if not any(p.search(text) for p in taxonomy.events.topic):
        return replace(focus, scope="not about children: a whole-force or other inspection")
    if not _names_the_force(text, subject, taxonomy):
        return replace(focus, scope="not about this force: another body's inspection")
    return focus


def _names_the_force(text: str, subject: str, taxonomy: Taxonomy) -> bool:
    """Whether a text speaks of the force: by its name, or as the force or the constabulary."""
    return bool(subject and subject.lower() in text.lower()) or bool(taxonomy.language.the_force.search(text))


def _kinship(
    documents: tuple[Document, ...],
    segmentations: tuple[Segmentation, ...],
    focus: dict[str, Focus],
    recapping: dict[str, set[int]],
    taxonomy: Taxonomy,
) -> tuple[Kinship, ...]:
    """Shared content between documents, less the passages texts of plainly different events share (a
    publisher's stock phrases, a force's name and title) and less recaps of earlier events: neither says which
    event a text reports. `recapping`: each document's sentences that tell of earlier events."""
    content = _content(documents, segmentations, recapping)
    titles = {d.id: d.title for d in documents}
    dates = {d.id: d.dating.published for d in documents if d.dating}
    return find_kinship(
        content,
        titles,
        taxonomy.events.standard,
        lambda a, b: _different_events(focus[a], focus[b], dates),
    )


def _different_events(a: Focus, b: Focus, dates: dict[str, PartialDate]) -> bool:
    """Texts plainly about different events: fieldwork months apart, or published far apart."""
    if (
        a.fieldwork
        and b.fieldwork
        and a.fieldwork.month
        and b.fieldwork.month
        and abs(a.fieldwork.month_number() - b.fieldwork.month_number()) > coverage.FIELDWORK_SLACK + 1
    ):
        return True
    da, db = dates.get(a.document), dates.get(b.document)
    return bool(da and db and abs(da.month_number() - db.month_number()) > coverage.REPORT_AFTER_FIELDWORK)


def _content(
    documents: tuple[Document, ...], segmentations: tuple[Segmentation, ...], recapping: dict[str, set[int]]
) -> dict[str, list[str]]:
    """Each document's lines that are not noise, nor a force's or commissioner's quoted words (a speaker
    repeats his own lines from one statement to the next), nor a recap of an earlier event."""
    skip = {
        s.document: {d.line for d in s.dropped} | _quoted_claims(s) | _recap_lines(s, recapping[s.document])
        for s in segmentations
    }
    return {
        d.id: [line.text for line in d.lines if line.text.strip() and line.number not in skip[d.id]]
        for d in documents
    }


def _quoted_claims(segmentation: Segmentation) -> set[int]:
    return {
        number
        for s in segmentation.segments
        if s.quoted and s.speaker in CLAIMANTS
        for number in range(s.line_start, s.line_end + 1)
    }


def _recap_lines(segmentation: Segmentation, recap: set[int]) -> set[int]:
    segments = segmentation.segments
    return {n for i in recap for n in range(segments[i].line_start, segments[i].line_end + 1)}


def _grouped(
    documents: tuple[Document, ...], focus: dict[str, Focus], kinship: tuple[Kinship, ...]
) -> Grouping:
    """Documents grouped by the manifest's inspections, then shared content (strongest first), then named
    fieldwork and release dates."""
    grouping = Grouping(group_for(d, focus[d.id]) for d in documents)
    names = {d.id: d.name for d in documents}
    hinted: dict[str, str] = {}
    for d in documents:
        if d.inspection_hint:
            first = hinted.setdefault(d.inspection_hint, d.id)
            grouping.join(first, d.id, "set in the manifest", "set in the manifest", 3)
    for kin in sorted(
        kinship,
        key=lambda k: (bool(k.title), k.shared_words, len(k.figures), k.first, k.second),
        reverse=True,
    ):
        level = kin_level(kin)
        if level:
            why = kin.describe()
            grouping.join(
                kin.first,
                kin.second,
                f"shares with {names[kin.second]}: {why}",
                f"shares with {names[kin.first]}: {why}",
                level,
            )
    for a, b, why in event_pairs(documents, focus):
        grouping.join(a, b, why.format(other=names[b]), why.format(other=names[a]), 1)
    return grouping


def _inspections(settled: list[Settled]) -> tuple[tuple[Inspection, ...], dict[int, str]]:
    """The inspection records, oldest first, with unique ids; and each group's inspection id."""
    order = sorted(
        settled,
        key=lambda s: (
            placed.sort_key() if (placed := _placed_at(s)) else (9999, 0, 0),
            min(s.group.documents, default=""),
        ),
    )
    used: Counter[str] = Counter()
    records, ids = [], {}
    for item in order:
        base = (
            item.key_date.iso()
            if item.key_date
            else f"{bound.iso()}-or-later"
            if (bound := item.group.bound())
            else "undated"
        )
        used[base] += 1
        ids[id(item.group)] = base if used[base] == 1 else f"{base}-{used[base]}"
        records.append(_record(ids[id(item.group)], item))
    return tuple(records), ids


def _placed_at(item: Settled) -> PartialDate | None:
    """Where an inspection stands in time: its own date, else the lower bound its texts give (an undated
    inspection "published September 2022 or later" goes after those dated before then)."""
    return item.key_date or item.group.bound()


def _record(inspection_id: str, item: Settled) -> Inspection:
    group = item.group
    key = _placed_at(item) or PartialDate(0)
    label = _label(key, item.end) if item.key_date or key.year == 0 else f"{key.label()} or later"
    return Inspection(
        id=inspection_id,
        date=key,
        end=item.end,
        label=label,
        kind=_kind(group),
        documents=tuple(sorted(group.documents)),
        estimated=item.estimated or item.key_date is None,
        fieldwork=item.fieldwork,
        published=item.published,
        scope=group.focus[0].scope if group.out_of_scope else "",
        members=tuple(Membership(doc, group.reasons.get(doc, "its own event")) for doc in group.documents),
    )


def _kind(group: Group) -> str:
    types = [f.type for f in group.focus if f.type is not None]
    types += [m.type for m, _ in group.recaps if m.type is not None]
    chosen = [t for t in types if t.follow_up] or [t for t in types if t.series] or types
    return chosen[0].label if chosen else "inspection"


def _label(date: PartialDate, end: PartialDate | None) -> str:
    if date.year == 0:
        return "undated"
    if end is None or end.month is None or date.month is None:
        return date.label()
    return f"{MONTH_NAMES[date.month - 1]}\u2013{MONTH_NAMES[end.month - 1]} {date.year}"


def _sentence_events(settled: list[Settled], ids: dict[int, str]) -> tuple[SentenceEvent, ...]:
    """Each sentence naming an event (not as a point counted from) with the inspection that event is."""
    out = {
        SentenceEvent(document, mention.sentence, ids[id(item.group)])
        for item in settled
        for mention, document in item.group.recaps
        if not mention.reference
    }
    out |= {
        SentenceEvent(f.document, m.sentence, ids[id(item.group)])
        for item in settled
        for f in item.group.focus
        for m in f.mentions
        if m.date is not None and is_own(m, f) and not m.reference
    }
    return tuple(sorted(out, key=lambda e: (e.document, e.sentence, e.inspection)))
