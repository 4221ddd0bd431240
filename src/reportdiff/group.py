"""Stage 4, group: find the inspections the documents report, attribute each sentence to one, merge echoes."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from .dates import DateMention, find_dates, is_future
from .model import MONTH_NAMES, Document, Finding, Inspection, PartialDate, Segment, Source, Speaker, Taxonomy
from .similarity import least_overlaps, ordered_occurrences, prefix_length
from .text import comparable, for_matching, words

# Two sentences of one inspection this alike (difflib ratio on words) are one finding with several sources.
MERGE_RATIO = 0.9
SHINGLE = 3
NO_WORDS = -1  # the index entry of sentences without words (word ids are never negative)
REFERENCE_WINDOW = 40
# A document naming no inspection of its own reports one that others date at most this long before it.
REACTION_MONTHS = 18


@dataclass(frozen=True, slots=True)
class Event:
    """A dated inspection or visit that a document reports."""

    date: PartialDate
    end_month: int | None
    qualifier: str
    kind: str
    document: str


@dataclass(frozen=True, slots=True)
class _Dated:
    """A date mention resolved to a year, with whether it can date a finding."""

    date: PartialDate
    end_month: int | None
    qualifier: str
    usable: bool


def group_findings(documents: tuple[Document, ...], segments: tuple[Segment, ...],
                   taxonomy: Taxonomy) -> tuple[tuple[Inspection, ...], tuple[Finding, ...]]:
    """The inspections, oldest first, and every segment as a finding of one of them, echoes merged."""
    by_document = _segments_by_document(documents, segments)
    resolved = {d.id: _resolve_dates(d, by_document[d.id], taxonomy) for d in documents}
    events = {d.id: _events(d, by_document[d.id], resolved[d.id], taxonomy) for d in documents}
    everything = [e for doc_events in events.values() for e in doc_events]
    own = {d.id: _own_inspection(d, events[d.id], everything) for d in documents}
    catalogue = _catalogue(events, own)
    attributed = [item for d in documents
                  for item in _attribute_document(by_document[d.id], resolved[d.id], own[d.id], catalogue, taxonomy)]
    findings = merge_echoes(attributed)
    inspections = _inspections(catalogue, own, findings, documents)
    return inspections, findings


def _segments_by_document(documents: tuple[Document, ...],
                          segments: tuple[Segment, ...]) -> dict[str, list[Segment]]:
    by_document: dict[str, list[Segment]] = {d.id: [] for d in documents}
    for segment in segments:
        by_document[segment.document].append(segment)
    return by_document


def _resolve_dates(document: Document, segments: list[Segment],
                   taxonomy: Taxonomy) -> list[list[tuple[DateMention, _Dated]]]:
    """Each segment's date mentions with years filled in from the text before them, else the publication year."""
    assert document.dating is not None
    published = document.dating.published
    context_year: int | None = None
    out = []
    for segment in segments:
        text = for_matching(segment.text)
        found = []
        for mention in find_dates(text):
            if mention.year is not None:
                context_year = mention.year
            date = _complete(mention, context_year, published)
            if date is not None:
                usable = not (_is_reference(text, mention, taxonomy) or is_future(text, mention, taxonomy.future))
                found.append((mention, _Dated(date, mention.end_month, mention.qualifier, usable)))
        found.extend(_relative_dates(text, published, taxonomy))
        out.append(found)
    return out


def _complete(mention: DateMention, context_year: int | None, published: PartialDate) -> PartialDate | None:
    year = mention.year
    if year is None and mention.month is not None:
        year = context_year or published.year
        # "in November" in a text published in March means the November before.
        if mention.year is None and year == published.year and published.month and mention.month > published.month:
            year -= 1
    return PartialDate(year, mention.month) if year is not None else None


def _relative_dates(text: str, published: PartialDate, taxonomy: Taxonomy) -> list[tuple[DateMention, _Dated]]:
    found = []
    for rule in taxonomy.relative_years:
        match = rule.pattern.search(text)
        if match:
            mention = DateMention(match.start(), match.end(), match.group(0), published.year + int(rule.value))
            found.append((mention, _Dated(PartialDate(mention.year or 0), None, "", True)))
            break
    return found


def _is_reference(text: str, mention: DateMention, taxonomy: Taxonomy) -> bool:
    """A date after "since" marks a starting point, not when the finding was made."""
    before = text[max(0, mention.start - REFERENCE_WINDOW): mention.start + len(mention.text.split()[0])]
    return any(p.search(before) for p in taxonomy.reference)


def _events(document: Document, segments: list[Segment], resolved: list[list[tuple[DateMention, _Dated]]],
            taxonomy: Taxonomy) -> list[Event]:
    """Inspections and visits the document reports: a usable date in a sentence about inspecting."""
    assert document.dating is not None
    events = []
    for segment, dates in zip(segments, resolved):
        text = for_matching(segment.text)
        if not taxonomy.inspection_words.search(text):
            continue
        kind = next((k.value for k in taxonomy.inspection_kinds if k.pattern.search(text)), "inspection")
        for _, dated in dates:
            if dated.usable and _not_after(dated.date, document.dating.published):
                events.append(Event(dated.date, dated.end_month, dated.qualifier, kind, document.id))
    return events


def _not_after(date: PartialDate, published: PartialDate) -> bool:
    """Whether `date` can be no later than `published`, compared at the coarser of the two precisions."""
    if date.year != published.year:
        return date.year < published.year
    if date.month is None or published.month is None:
        return True
    return date.month <= published.month


def _own_inspection(document: Document, events: list[Event], everything: list[Event]) -> Event:
    """The inspection a document reports on: set in the manifest, else its latest event, else the latest inspection
    other documents report shortly before it was published (a statement reacting to a report), else its year."""
    assert document.dating is not None
    if document.inspection_hint:
        hint = PartialDate.parse(document.inspection_hint)
        return Event(hint, None, "", "inspection", document.id)
    if events:
        return max(events, key=lambda e: (e.date.sort_key(), e.date.month is not None))
    published = document.dating.published
    recent = [e for e in everything if _not_after(e.date, published) and _months_between(e.date, published)
              <= REACTION_MONTHS]
    if recent:
        return max(recent, key=lambda e: (e.date.sort_key(), e.date.month is not None))
    return Event(PartialDate(published.year), None, "", "inspection", document.id)


def _months_between(earlier: PartialDate, later: PartialDate) -> int:
    return (later.year - earlier.year) * 12 + (later.month or 12) - (earlier.month or 1)


def _catalogue(events: dict[str, list[Event]], own: dict[str, Event]) -> dict[PartialDate, Event]:
    """One entry per distinct inspection: months kept apart, a bare year folded into a month of that year."""
    everything = [e for doc_events in events.values() for e in doc_events] + list(own.values())
    months: dict[PartialDate, Event] = {}
    for event in sorted(everything, key=lambda e: (e.date.sort_key(), e.kind == "inspection")):
        if event.date.month is not None:
            months.setdefault(PartialDate(event.date.year, event.date.month), event)
    catalogue = dict(months)
    for event in everything:
        if event.date.month is None and not any(d.year == event.date.year for d in months):
            catalogue.setdefault(PartialDate(event.date.year), event)
    return catalogue


def _match(dated: _Dated, catalogue: dict[PartialDate, Event], own: Event) -> PartialDate | None:
    """The catalogue entry a date names; a bare year picks by "early"/"late", else the document's own, else first."""
    if dated.date.month is not None:
        key = PartialDate(dated.date.year, dated.date.month)
        return key if key in catalogue else None
    same_year = sorted((d for d in catalogue if d.year == dated.date.year), key=lambda d: d.sort_key())
    if not same_year:
        return None
    if dated.qualifier in ("late", "the end of"):
        return same_year[-1]
    if dated.qualifier in ("early", "the start of", "the beginning of"):
        return same_year[0]
    own_key = _key(own.date, catalogue)
    return own_key if own_key in same_year else same_year[0]


def _key(date: PartialDate, catalogue: dict[PartialDate, Event]) -> PartialDate:
    if date.month is not None:
        return PartialDate(date.year, date.month)
    same_year = sorted((d for d in catalogue if d.year == date.year), key=lambda d: d.sort_key())
    return same_year[-1] if same_year else PartialDate(date.year)


def _attribute_document(segments: list[Segment], resolved: list[list[tuple[DateMention, _Dated]]], own: Event,
                        catalogue: dict[PartialDate, Event],
                        taxonomy: Taxonomy) -> list[tuple[Segment, PartialDate, str]]:
    """Each sentence with the inspection it describes and why: its own date, its paragraph's, or the document's."""
    out = []
    paragraph, paragraph_key, paragraph_text = -1, None, ""
    own_key = _key(own.date, catalogue)
    for segment, dates in zip(segments, resolved):
        if segment.paragraph != paragraph:
            paragraph, paragraph_key = segment.paragraph, None
        named = next(((m, k) for m, d in dates if d.usable and (k := _match(d, catalogue, own)) is not None), None)
        text = for_matching(segment.text)
        if named is not None:
            paragraph_key, paragraph_text = named[1], named[0].text
            out.append((segment, named[1], f"its own date \u201c{named[0].text}\u201d"))
        elif paragraph_key is not None and not any(p.search(text) for p in taxonomy.present):
            out.append((segment, paragraph_key, f"the date of its paragraph \u201c{paragraph_text}\u201d"))
        else:
            out.append((segment, own_key, "the inspection its document reports"))
    return out


def merge_echoes(attributed: list[tuple[Segment, PartialDate, str]]) -> tuple[Finding, ...]:
    """Findings in input order; a sentence nearly identical to an earlier one of the same inspection joins it."""
    token_lists = [words(segment.text) for segment, _, _ in attributed]
    rarest = _rarest_words(token_lists)
    findings: list[dict] = []
    index: dict[tuple[PartialDate, int], list[int]] = defaultdict(list)  # (inspection, rare word) -> findings
    for (segment, key, how), tokens, prefix in zip(attributed, token_lists, rarest):
        match = _echo_of(tokens, key, prefix, findings, index)
        if match is None:
            findings.append({"segment": segment, "key": key, "how": how, "tokens": tokens, "sources": [segment]})
            for word in prefix or [NO_WORDS]:
                index[(key, word)].append(len(findings) - 1)
        else:
            findings[match]["sources"].append(segment)
    return _finalise(findings)


def _rarest_words(token_lists: list[list[str]]) -> list[list[int]]:
    """Each sentence's rarest word occurrences: a sentence it can merge with shares one of them (see similarity)."""
    ordered = ordered_occurrences(token_lists)
    need = least_overlaps(2 * max(map(len, token_lists), default=0), MERGE_RATIO)
    return [ids[: prefix_length(len(ids), need)] for ids in ordered]


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    if len(tokens) < SHINGLE:
        return {tuple(tokens)}
    return {tuple(tokens[i: i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _echo_of(tokens: list[str], key: PartialDate, prefix: list[int], findings: list[dict],
             index: dict[tuple[PartialDate, int], list[int]]) -> int | None:
    """The first earlier finding of the inspection that shares a shingle with the sentence and reads alike.

    Only findings sharing one of its rarest words (or, without words, the other findings without words) can reach
    the ratio, so only they are tried: the same finding is found as by trying every finding that shares a shingle.
    """
    shingles = _shingles(tokens)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(tokens)
    for candidate in sorted({i for word in prefix or [NO_WORDS] for i in index.get((key, word), ())}):
        other = findings[candidate]["tokens"]
        if not comparable(tokens, other):
            if tokens == other:
                return candidate
            continue
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() < MERGE_RATIO or shingles.isdisjoint(_shingles(other)):
            continue
        if matcher.quick_ratio() >= MERGE_RATIO and matcher.ratio() >= MERGE_RATIO:
            return candidate
    return None


def _finalise(findings: list[dict]) -> tuple[Finding, ...]:
    out: list[Finding] = []
    used: set[str] = set()
    for item in findings:
        first: Segment = item["segment"]
        sources: list[Segment] = item["sources"]
        inspection = item["key"].iso()
        finding_id = _finding_id(" ".join(item["tokens"]), inspection, used)
        speaker = Speaker.INSPECTORATE if any(s.speaker is Speaker.INSPECTORATE for s in sources) else first.speaker
        out.append(Finding(
            id=finding_id, text=first.text, inspection=inspection,
            sources=tuple(Source(s.document, s.line_start, s.line_end, s.page) for s in sources),
            speaker=speaker, context=first.context, list_item=first.list_item, quoted=first.quoted,
            section=first.section, dated_by=item["how"], number=first.number,
        ))
    return tuple(out)


def _finding_id(normalised: str, inspection: str, used: set[str]) -> str:
    """A stable id from the text and inspection, so that rebuilds and baselines agree."""
    digest = hashlib.sha256(f"{inspection}\n{normalised}".encode()).hexdigest()
    finding_id, n = f"f-{digest[:10]}", 1
    while finding_id in used:
        n += 1
        finding_id = f"f-{digest[:10]}-{n}"
    used.add(finding_id)
    return finding_id


def _inspections(catalogue: dict[PartialDate, Event], own: dict[str, Event], findings: tuple[Finding, ...],
                 documents: tuple[Document, ...]) -> tuple[Inspection, ...]:
    """The inspections, oldest first, each with the documents that report it or give evidence about it."""
    order = {d.id: n for n, d in enumerate(documents)}
    cited: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        cited[finding.inspection].update(s.document for s in finding.sources)
    out = []
    for key in sorted(catalogue, key=lambda d: d.sort_key()):
        event = catalogue[key]
        reporting = {doc for doc, e in own.items() if _key(e.date, catalogue) == key}
        evidence = cited[key.iso()]
        end = PartialDate(key.year, event.end_month) if event.end_month and key.month else None
        out.append(Inspection(
            id=key.iso(), date=key, end=end, label=_label(key, end), kind=event.kind,
            documents=tuple(sorted(reporting | evidence, key=order.__getitem__)),
        ))
    return tuple(out)


def _label(date: PartialDate, end: PartialDate | None) -> str:
    if end is None or end.month is None or date.month is None:
        return date.label()
    return f"{MONTH_NAMES[date.month - 1]}\u2013{MONTH_NAMES[end.month - 1]} {date.year}"
