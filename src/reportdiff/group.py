"""Stage 5, group: attribute each sentence to the inspection it describes, and merge echoed sentences into one
finding with several sources.

A sentence that names an event belongs to that event's inspection; the sentences after it in its paragraph
follow it (unless they speak of now); every other sentence belongs to the inspection its document reports.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from .model import Document, Finding, Inspection, Segment, SentenceEvent, Source, Speaker, Taxonomy
from .prefilter import can_match, search_any
from .similarity import NearDuplicates, occurrences_of
from .text import comparable, for_matching, words

# Two sentences of one inspection this alike (difflib ratio on words) are one finding with several sources.
MERGE_RATIO = 0.9
RECAP_RATIO = 0.8  # a sentence this alike one given for an earlier inspection recaps it
RECAP_WORDS = 8  # shorter sentences are too common to tell a recap
RECAP_RUN = 10  # a run of this many words copied from a text about an earlier inspection recaps it
ALL = "all"
NAMES_EVENT = "the event it names"
REPEATS = "it repeats words another document gives for this inspection"
SHINGLE = 3


def group_findings(
    documents: tuple[Document, ...],
    segments: tuple[Segment, ...],
    inspections: tuple[Inspection, ...],
    events: tuple[SentenceEvent, ...],
    taxonomy: Taxonomy,
) -> tuple[tuple[Inspection, ...], tuple[Finding, ...]]:
    """Every segment as a finding of one inspection, echoes merged; the inspections with the documents they
    cite."""
    by_document: dict[str, list[Segment]] = {d.id: [] for d in documents}
    for segment in segments:
        by_document[segment.document].append(segment)
    own = {doc: i.id for i in inspections for doc in i.documents}
    named = {(e.document, e.sentence): e.inspection for e in events}
    attributed = [
        item
        for d in documents
        for item in _attribute(d.id, by_document[d.id], own.get(d.id, ""), named, taxonomy)
    ]
    in_scope = [i.id for i in inspections if i.in_scope]
    findings = merge_echoes(_recaps_by_words(attributed, in_scope, taxonomy.events.standard))
    return _with_cited(inspections, findings), findings


def _attribute(
    document: str, segments: list[Segment], own: str, named: dict[tuple[str, int], str], taxonomy: Taxonomy
) -> list[tuple[Segment, str, str]]:
    """Each sentence with its inspection and why: the event it names, its paragraph's, or its document's."""
    out = []
    paragraph, carried = -1, ""
    for index, segment in enumerate(segments):
        if segment.paragraph != paragraph:
            paragraph, carried = segment.paragraph, ""
        inspection = named.get((document, index))
        if inspection is not None:
            carried = inspection if inspection != own else ""
            out.append((segment, inspection, NAMES_EVENT))
        elif carried and not search_any(taxonomy.events.present, for_matching(segment.text)):
            out.append((segment, carried, "the event its paragraph names"))
        else:
            out.append((segment, own, "the inspection its document reports"))
    return out


def _without_standard(text: str, standard: tuple[re.Pattern[str], ...]) -> str:
    """The text with the inspectorate's stock phrases (its name, its programme) cut out: they tie nothing."""
    plain = for_matching(text)
    for pattern in standard:
        if can_match(pattern, plain):  # each on the text as the last one left it
            plain = pattern.sub(" | ", plain)
    return plain


def _recaps_by_words(
    attributed: list[tuple[Segment, str, str]], order: list[str], standard: tuple[re.Pattern[str], ...]
) -> list[tuple[Segment, str, str]]:
    """A sentence that repeats, nearly word for word, a sentence another document gives for an earlier
    inspection, or copies a long passage of it, recaps that inspection (a follow-up's story retelling the
    first report's findings). Only earlier inspections are searched, so a corpus of one inspection costs
    nothing."""
    rank = {inspection: n for n, inspection in enumerate(order)}
    tokens = [words(_without_standard(segment.text, standard)) for segment, _, _ in attributed]
    # each sentence's words as the index counts them, once: for indexing it and for searching with it
    occurrences = [occurrences_of(t) if _searchable(t) else t for t in tokens]
    earlier = _EarlierText(
        [
            (segment.document, rank[key], tokens[item], occurrences[item])
            for item, (segment, key, _) in enumerate(attributed)
            if key in rank
        ],
        len(order),
    )
    out = []
    for item, (segment, key, how) in enumerate(attributed):
        source = (
            earlier.recapped(segment.document, rank.get(key), tokens[item], occurrences[item])
            if how != NAMES_EVENT
            else None
        )
        out.append((segment, order[source], REPEATS) if source is not None else (segment, key, how))
    return out


def _searchable(tokens: list[str]) -> bool:
    """Whether a sentence is searched for word by word: short enough to compare, long enough to tell."""
    return comparable(tokens) and len(tokens) >= RECAP_WORDS


class _EarlierText:
    """Every in-scope sentence in one index, in the order of their inspections, to find whether a later
    sentence repeats one or copies a passage of it: one search per sentence, among the sentences of
    inspections before it (and before the earliest a copied passage gives), earliest first."""

    def __init__(self, sentences: list[tuple[str, int, list[str], list[str]]], inspections: int) -> None:
        """`sentences`: each in-scope sentence's document, its inspection's rank, its words and their
        occurrences (`occurrences_of`)."""
        self.alike = NearDuplicates(RECAP_RATIO)
        self.source: list[tuple[int, str]] = []  # indexed sentence -> (its inspection's rank, its document)
        # each run of RECAP_RUN words: the earliest inspection that gives it, with its document, and the
        # earliest another document gives it for (all a search that excludes one document needs)
        self.runs: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        self.before = [0] * (inspections + 1)  # rank -> how many indexed sentences come before it
        for document, rank, tokens, occurrences in sorted(sentences, key=lambda s: s[1]):  # stable
            if _searchable(tokens):
                self.alike.add(ALL, len(self.source), tokens, occurrences)
                self.source.append((rank, document))
                self.before[rank + 1] = len(self.source)
            for start in range(len(tokens) - RECAP_RUN + 1):
                givers = self.runs.setdefault(tuple(tokens[start : start + RECAP_RUN]), [])
                if not givers or len(givers) == 1 and givers[0][1] != document:
                    givers.append((rank, document))  # added in the order of the inspections: the earliest
        for rank in range(1, inspections + 1):
            self.before[rank] = max(self.before[rank], self.before[rank - 1])

    def _earliest_copy(self, document: str, rank: int, tokens: list[str]) -> int:
        """The earliest inspection before `rank` another document gives a run of this sentence for; `rank`
        if none does."""
        runs = (tuple(tokens[start : start + RECAP_RUN]) for start in range(len(tokens) - RECAP_RUN + 1))
        givers = (self.runs.get(run, ()) for run in runs)
        return min([rank, *(r for given in givers for r, other in given if other != document)])

    def recapped(
        self, document: str, rank: int | None, tokens: list[str], occurrences: list[str]
    ) -> int | None:
        """The earliest earlier inspection another document gives this sentence (or a passage of it) for."""
        if not rank:
            return None
        copied = self._earliest_copy(document, rank, tokens)
        if _searchable(tokens):
            # earliest inspection first
            for item in self.alike.alike(ALL, tokens, self.before[copied], occurrences):
                earlier, other = self.source[item]
                if other != document:
                    return earlier
        return copied if copied < rank else None


def _with_cited(inspections: tuple[Inspection, ...], findings: tuple[Finding, ...]) -> tuple[Inspection, ...]:
    """Each inspection's documents: those that report it and those that give evidence about it."""
    cited: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        cited[finding.inspection].update(s.document for s in finding.sources)
    return tuple(replace(i, documents=tuple(sorted(set(i.documents) | cited[i.id]))) for i in inspections)


@dataclass(slots=True)
class _Echoes:
    """A finding being gathered: its first sentence, the inspection and why, its words, every sentence echoing
    it."""

    segment: Segment
    inspection: str
    how: str
    tokens: list[str]
    sources: list[Segment]


def merge_echoes(attributed: list[tuple[Segment, str, str]]) -> tuple[Finding, ...]:
    """Findings in input order; a sentence nearly identical to an earlier one of the same inspection joins
    it."""
    findings: list[_Echoes] = []
    alike = NearDuplicates(MERGE_RATIO)  # the findings that can be compared word by word, by inspection
    identical: dict[tuple[str, tuple[str, ...]], int] = {}  # the others, by inspection and words
    for segment, key, how in attributed:
        tokens = words(segment.text)
        occurrences = occurrences_of(tokens) if comparable(tokens) else tokens
        match = _echo_of(tokens, occurrences, key, findings, alike, identical)
        if match is not None:
            findings[match].sources.append(segment)
            continue
        findings.append(_Echoes(segment, key, how, tokens, [segment]))
        if comparable(tokens):
            alike.add(key, len(findings) - 1, tokens, occurrences)
        else:
            identical.setdefault((key, tuple(tokens)), len(findings) - 1)
    return _finalise(findings)


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    if len(tokens) < SHINGLE:
        return {tuple(tokens)}
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _echo_of(
    tokens: list[str],
    occurrences: list[str],
    key: str,
    findings: list[_Echoes],
    alike: NearDuplicates,
    identical: dict[tuple[str, tuple[str, ...]], int],
) -> int | None:
    """The first earlier finding of the inspection that shares a shingle with the sentence and reads alike.

    A sentence too long to compare word by word (see `comparable`) joins only an identical one; a shorter one
    only a finding that is short too, as a long one cannot read alike.
    """
    if not comparable(tokens):
        return identical.get((key, tuple(tokens)))
    shingles = _shingles(tokens)
    return next(
        (
            i
            for i in alike.alike(key, tokens, occurrences=occurrences)
            if not shingles.isdisjoint(_shingles(findings[i].tokens))
        ),
        None,
    )


def _finalise(findings: list[_Echoes]) -> tuple[Finding, ...]:
    out: list[Finding] = []
    used: set[str] = set()
    for item in findings:
        first, sources, inspection = item.segment, item.sources, item.inspection
        finding_id = _finding_id(" ".join(item.tokens), inspection, used)
        inspectorate = [s for s in sources if s.speaker is Speaker.INSPECTORATE]
        speaker = Speaker.INSPECTORATE if inspectorate else first.speaker
        out.append(
            Finding(
                id=finding_id,
                text=first.text,
                inspection=inspection,
                sources=tuple(Source(s.document, s.line_start, s.line_end, s.page) for s in sources),
                speaker=speaker,
                context=first.context,
                list_item=first.list_item,
                quoted=first.quoted,
                section=first.section,
                dated_by=item.how,
                number=first.number,
                reported=bool(inspectorate) and all(s.reported for s in inspectorate),
                previous=first.previous,
            )
        )
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
