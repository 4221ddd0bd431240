"""Stage 5, classify: give each finding its themes, a polarity per theme and overall, and its graded
judgements.

A sentence is cut into clauses where it turns ("good at X, but needs to improve Y"); each clause is weighed on
its own cue words, so one sentence can praise one theme and criticise another. A sentence with no cue of its
own takes the polarity of the lead-in it continues ("raised serious concerns, in particular:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .model import (
    Finding,
    Grade,
    GradeScale,
    Inspection,
    KindDef,
    Language,
    PartialDate,
    Polarity,
    Taxonomy,
    ThemeHit,
)
from .prefilter import Sieve, can_match, matchable
from .text import CELL, for_matching

NEGATION_WORDS = 3
MAX_WEIGHT = 3.0
STATED_OUTRIGHT = 2.0  # a list item's own concern weight that stands against a praising lead-in
ENUMERATION_HEAD = 12  # characters a judging head needs before "including"
MAX_SECTIONS = 4096  # section headings whose type is kept
# Items of an enumeration: parts between semicolons, ", and", ", or" and commas.
_ITEM_BREAK = re.compile(r";\s*(?:and\s+|or\s+)?|,\s*(?:and|or)\s+|,\s+")


CueGroup = tuple[Polarity, float, tuple[re.Pattern[str], ...]]


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What is built once per taxonomy: the cue groups, a sieve of the patterns a clause is weighed with (the
    themes', then the neutral, cue, purpose and future ones) and the grade patterns."""

    cue_groups: list[CueGroup]
    sieve: Sieve
    grade_words: re.Pattern[str]
    grade_after: re.Pattern[str]
    grade_before_tail: re.Pattern[str]
    grade_before: re.Pattern[str]
    grade_quoted: re.Pattern[str]
    # Section heading -> the type it gives; filled as headings are met.
    section_kinds: dict[str, KindDef | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Screened:
    """A clause's patterns, less those that cannot match it, in the sieve's groups."""

    themes: list[list[re.Pattern[str]]]
    neutral: list[re.Pattern[str]]
    cues: list[list[re.Pattern[str]]]
    purpose: list[re.Pattern[str]]
    future: list[re.Pattern[str]]


# id(taxonomy) -> (taxonomy, what classifying with it needs); the taxonomy is kept so that its id cannot be
# reused while cached.
_PREPARED: dict[int, tuple[Taxonomy, _Prepared]] = {}


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase found in a clause, with the polarity and weight it lends."""

    start: int
    end: int
    text: str
    polarity: Polarity
    weight: float


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence weighed on its own."""

    text: str
    themes: tuple[str, ...]
    cues: tuple[Cue, ...]
    polarity: Polarity
    margin: float
    subordinate: bool = False
    # The polarity of the head an enumerated item belongs to ("needs to improve, including: A; B; and C").
    lead: Polarity | None = None


def classify_findings(
    findings: tuple[Finding, ...], inspections: tuple[Inspection, ...], taxonomy: Taxonomy
) -> tuple[Finding, ...]:
    """Every finding with its theme hits, polarity, cue words and grades."""
    dates = {inspection.id: inspection.date for inspection in inspections}
    return tuple(classify_finding(f, taxonomy, dates.get(f.inspection)) for f in findings)


def classify_finding(finding: Finding, taxonomy: Taxonomy, date: PartialDate | None = None) -> Finding:
    clauses = split_clauses(finding.text, taxonomy)
    inherited = _lead_in(finding, clauses, taxonomy)
    polarity = inherited or sentence_polarity(clauses)
    hits = _hits(clauses, inherited) or _continued(finding, polarity, taxonomy)
    cues = tuple(dict.fromkeys(cue.text for clause in clauses for cue in clause.cues))
    if inherited:
        cues += (f"continues: \u201c{_shorten(finding.context)}\u201d",)
    grades = find_grades(finding.text, taxonomy, date)
    hits = _graded_hits(hits, grades, taxonomy)
    kind = find_kind(finding, taxonomy)
    if kind is not None and kind.polarity is not Polarity.NEUTRAL and polarity is Polarity.NEUTRAL:
        # An unworded item under "Recommendations" is still a recommendation: it takes the type's polarity.
        polarity = kind.polarity
        hits = tuple(
            replace(h, polarity=kind.polarity, weight=1.0) if h.polarity is Polarity.NEUTRAL else h
            for h in hits
        )
        cues += (kind.label.lower(),)
    return replace(
        finding,
        hits=hits,
        polarity=polarity,
        cues=cues,
        grades=grades,
        kind=kind.id if kind else "observation",
        number=finding.number or _number(finding.text, taxonomy),
    )


def find_kind(finding: Finding, taxonomy: Taxonomy) -> KindDef | None:
    """The finding's type: from its innermost section heading outwards, else from its lead-in phrase."""
    kind = _section_kind(finding.section, taxonomy)
    if kind is not None:
        return kind
    for text in (finding.text, finding.context):
        plain = for_matching(text).strip("\"' ")
        for kind in taxonomy.kinds:
            if plain and any(p.search(plain) for p in matchable(kind.lead_ins, plain)):
                return kind
    return None


def _section_kind(section: str, taxonomy: Taxonomy) -> KindDef | None:
    """The type a section heading gives, kept per heading (a report's findings share a few)."""
    known = _prepared(taxonomy).section_kinds
    if section not in known:
        if len(known) >= MAX_SECTIONS:
            known.clear()
        known[section] = _kind_of_section(section, taxonomy)
    return known[section]


def _kind_of_section(section: str, taxonomy: Taxonomy) -> KindDef | None:
    """From the heading's innermost part outwards, the first type a part names."""
    for part in reversed(section.split("\u203a")):
        plain = for_matching(part.strip())
        for kind in taxonomy.kinds:
            if plain and any(p.search(plain) for p in kind.sections):
                return kind
    return None


def _number(text: str, taxonomy: Taxonomy) -> str:
    match = taxonomy.language.recommendation_number.match(text)
    return match.group(1) if match else ""


def split_clauses(text: str, taxonomy: Taxonomy) -> list[Clause]:
    """The sentence cut where it turns, each part weighed on its own cues; an enumeration after a judging head
    ("still needs to make improvements, including A; B; and C") cut into its items, each with the head's
    polarity.

    A clause opened by "although", "while" and the like is subordinate: on a tie the main clause carries the
    point.
    """
    plain = for_matching(text)
    return _enumeration(plain, taxonomy) or _turns(plain, taxonomy)


def _enumeration(text: str, taxonomy: Taxonomy) -> list[Clause]:
    """The head and items of an enumeration led by a judgement; [] if the sentence has none."""
    marker = min(
        (
            m
            for p in matchable(taxonomy.enumeration, text)
            for m in p.finditer(text)
            if m.start() >= ENUMERATION_HEAD
        ),
        key=lambda m: m.start(),
        default=None,
    )
    if marker is None:
        return []
    head = _weigh(text[: marker.start()], taxonomy)
    items = [item.strip(" ,.") for item in _ITEM_BREAK.split(text[marker.end() :]) if item.strip(" ,.")]
    if head.polarity is Polarity.NEUTRAL or len(items) < 1:
        return []
    return [head, *(_led(_weigh(item, taxonomy), head.polarity) for item in items)]


def _led(item: Clause, lead: Polarity) -> Clause:
    """An enumerated item under a judging head: it takes the head's polarity unless it states the opposite
    outright (a concern cue of weight 2 or more under praise; never under a concern, where "a more consistent
    approach" is what is lacking)."""
    concern = sum(c.weight for c in item.cues if c.polarity is Polarity.CONCERN)
    if lead is Polarity.PROGRESS and concern >= STATED_OUTRIGHT:
        return item
    return replace(item, lead=lead)


def _turns(plain: str, taxonomy: Taxonomy) -> list[Clause]:
    """The sentence (in its matching form) cut where it turns, each piece weighed."""
    pieces: list[tuple[str, bool]] = []
    # A pattern that cannot match the sentence cannot match any part of it, so it cuts nothing.
    for part, separator in _split(plain, matchable(taxonomy.contrast, plain)):
        stripped = part.strip(" ,")
        subordinate = _concessive(separator, taxonomy)
        if _concessive(stripped, taxonomy) and "," in stripped:
            head, tail = stripped.split(",", 1)
            pieces.extend([(head, True), (tail, False)])
        else:
            pieces.append((stripped, subordinate))
    return [_weigh(piece, taxonomy, sub) for piece, sub in pieces if piece.strip()]


def _concessive(text: str, taxonomy: Taxonomy) -> bool:
    plain = text.strip(" ,;\u2013\u2014-").lower()
    return any(p.search(plain) for p in taxonomy.concessive)


def _split(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[str, str]]:
    """(piece, the separator before it) for every cut any pattern makes."""
    parts = [(text, "")]
    for pattern in patterns:
        cut = []
        for part, separator in parts:
            start, before = 0, separator
            for match in pattern.finditer(part):
                cut.append((part[start : match.start()], before))
                start, before = match.end(), match.group(0)
            cut.append((part[start:], before))
        parts = cut
    return parts


def _themes_in(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The themes a stretch of text names."""
    return _themes(text, taxonomy, _screen(text, taxonomy).themes)


def _themes(text: str, taxonomy: Taxonomy, screened: list[list[re.Pattern[str]]]) -> tuple[str, ...]:
    """The themes a stretch of text names, trying each theme's screened patterns. A theme named only inside
    another theme's longer phrase does not count ("sharing information with partners" is information sharing,
    not partnership)."""
    spans = [
        (theme.id, m.start(), m.end())
        for theme, patterns in zip(taxonomy.themes, screened, strict=True)
        for p in patterns
        for m in p.finditer(text)
    ]
    kept = [
        theme
        for theme, start, end in spans
        if not any(
            other != theme and s <= start and end <= e and e - s > end - start for other, s, e in spans
        )
    ]
    return tuple(dict.fromkeys(t.id for t in taxonomy.themes if t.id in kept))


def _weigh(text: str, taxonomy: Taxonomy, subordinate: bool = False) -> Clause:
    screened = _screen(text, taxonomy)
    themes = _themes(text, taxonomy, screened.themes)
    cues = tuple(_cues(text, taxonomy, screened))
    concern = sum(c.weight for c in cues if c.polarity is Polarity.CONCERN)
    progress = sum(c.weight for c in cues if c.polarity is Polarity.PROGRESS)
    polarity = (
        Polarity.CONCERN
        if concern > progress
        else Polarity.PROGRESS
        if progress > concern
        else Polarity.NEUTRAL
    )
    return Clause(text, themes, cues, polarity, abs(concern - progress), subordinate)


def _screen(text: str, taxonomy: Taxonomy) -> _Screened:
    """The patterns a clause is weighed with, less those that cannot match it: one sieve for them all, as
    most are dropped for a substring test that many of them share."""
    prepared = _prepared(taxonomy)
    kept = prepared.sieve.matchable(text)
    themes, cues = len(taxonomy.themes), len(prepared.cue_groups)
    return _Screened(
        themes=kept[:themes],
        neutral=kept[themes],
        cues=kept[themes + 1 : themes + 1 + cues],
        purpose=kept[themes + 1 + cues],
        future=kept[themes + 2 + cues],
    )


def find_cues(text: str, taxonomy: Taxonomy) -> list[Cue]:
    """Cue phrases in a clause: overlaps resolved by weight then length, negation and purpose applied."""
    return _cues(text, taxonomy, _screen(text, taxonomy))


def _cues(text: str, taxonomy: Taxonomy, screened: _Screened) -> list[Cue]:
    neutral = [(m.start(), m.end()) for p in screened.neutral for m in p.finditer(text)]
    found = [
        Cue(m.start(), m.end(), m.group(0), polarity, weight)
        for (polarity, weight, _), patterns in zip(_prepared(taxonomy).cue_groups, screened.cues, strict=True)
        for p in patterns
        for m in p.finditer(text)
        if not any(start <= m.start() and m.end() <= end for start, end in neutral)
    ]
    chosen: list[Cue] = []
    for cue in sorted(found, key=lambda c: (-c.weight, -(c.end - c.start), c.start)):
        if not any(cue.start < other.end and other.start < cue.end for other in chosen):
            chosen.append(cue)
    purpose_at = min((m.start() for p in screened.purpose for m in p.finditer(text)), default=len(text))
    future_at = min((m.start() for p in screened.future for m in p.finditer(text)), default=len(text))
    out = []
    for cue in sorted(chosen, key=lambda c: c.start):
        if cue.start > purpose_at:
            continue
        if cue.polarity is Polarity.PROGRESS and cue.start > future_at:
            continue
        out.append(_negated(cue, text, taxonomy))
    return out


def _prepared(taxonomy: Taxonomy) -> _Prepared:
    """What classifying with the taxonomy needs, built once per taxonomy."""
    cached = _PREPARED.get(id(taxonomy))
    if cached is None or cached[0] is not taxonomy:
        if len(_PREPARED) >= 16:
            _PREPARED.clear()
        cached = _PREPARED[id(taxonomy)] = (taxonomy, _prepare(taxonomy))
    return cached[1]


def _prepare(taxonomy: Taxonomy) -> _Prepared:
    cue_groups = _build_cue_groups(taxonomy)
    sieve = Sieve(
        [
            *(theme.patterns for theme in taxonomy.themes),
            taxonomy.neutral,
            *(patterns for _, _, patterns in cue_groups),
            taxonomy.purpose,
            taxonomy.future,
        ]
    )
    words = "|".join(re.escape(g.word) for g in sorted(taxonomy.grade_words, key=lambda g: -len(g.word)))
    # "was good at X", "graded as 'good' for X", "requires improvement at X", and a list item "good at X;".
    verbs = taxonomy.language.grade_verbs
    after = re.compile(
        rf"(?:\b(?:was|were|is|are|be|been|being|as|{verbs})\s+(?:as\s+|to be\s+)?"
        rf"['\"]?|(?=requires improvement)|^['\"]?)\b({words})\b['\"]?\s+(?:at|in|for)\s+([^,.;]+)",
        re.IGNORECASE,
    )
    # "X was good", from the verb on: where it is nowhere in a sentence, `before` (which tries every start for
    # the X) cannot match.
    tail = (
        rf"\s+(?:was|were|is|are)\s+(?:(?:{verbs})\s+)?(?:as\s+)?"
        rf"(?:wholly\s+|only\s+)?['\"]?\b({words})\b(?!['\"]?\s+(?:at|in|for)\b)"
    )
    before = re.compile(rf"([^,.;:]+?){tail}", re.IGNORECASE)
    quoted = re.compile(rf"['\"]({words})['\"]\s+(?:at|in|for)\s+([^,.;]+)", re.IGNORECASE)
    return _Prepared(
        cue_groups,
        sieve,
        re.compile(words, re.IGNORECASE),
        after,
        re.compile(tail, re.IGNORECASE),
        before,
        quoted,
    )


def _build_cue_groups(taxonomy: Taxonomy) -> list[CueGroup]:
    """The cue patterns by polarity and weight (the grade patterns are compiled here)."""
    return [
        (Polarity.CONCERN, 1.0, taxonomy.concern),
        (Polarity.CONCERN, 2.0, taxonomy.concern_strong + _grade_patterns(taxonomy, Polarity.CONCERN)),
        (Polarity.CONCERN, 2.0, taxonomy.demand),
        (Polarity.PROGRESS, 1.0, taxonomy.progress),
        (Polarity.PROGRESS, 2.0, taxonomy.progress_strong + _grade_patterns(taxonomy, Polarity.PROGRESS)),
        # A neutral grade ("adequate") claims its words, so no other cue reads them.
        (Polarity.NEUTRAL, 2.0, _grade_patterns(taxonomy, Polarity.NEUTRAL)),
    ]


def _grade_patterns(taxonomy: Taxonomy, polarity: Polarity) -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(rf"\b{re.escape(g.word)}\b", re.IGNORECASE)
        for g in taxonomy.grade_words
        if g.polarity is polarity
    )


def _negated(cue: Cue, text: str, taxonomy: Taxonomy) -> Cue:
    """A cue right after a negator states the opposite: "not yet effectively", "no longer a backlog"."""
    if cue.polarity is Polarity.NEUTRAL or _is_negation(cue.text, taxonomy):
        return cue
    before = " ".join(text[: cue.start].split()[-NEGATION_WORDS:])
    if not any(p.search(before) for p in taxonomy.negators):
        return cue
    flipped = Polarity.CONCERN if cue.polarity is Polarity.PROGRESS else Polarity.PROGRESS
    return replace(cue, polarity=flipped, text=f"{before.split()[-1]} \u2026 {cue.text}")


def _is_negation(text: str, taxonomy: Taxonomy) -> bool:
    """Whether the cue is itself a negation ("did not"), which a further negator does not flip back."""
    return any(p.search(text) for p in taxonomy.negators)


def sentence_polarity(clauses: list[Clause]) -> Polarity:
    """The balance of all clauses; on a tie the clause after the turn ("X, but Y") decides."""
    concern = sum(c.weight for clause in clauses for c in clause.cues if c.polarity is Polarity.CONCERN)
    progress = sum(c.weight for clause in clauses for c in clause.cues if c.polarity is Polarity.PROGRESS)
    if concern != progress:
        return Polarity.CONCERN if concern > progress else Polarity.PROGRESS
    deciding = [clause.polarity for clause in clauses if clause.polarity is not Polarity.NEUTRAL]
    return deciding[-1] if deciding else Polarity.NEUTRAL


def _demands(context: str, taxonomy: Taxonomy) -> bool:
    plain = for_matching(context)
    return bool(context) and any(p.search(plain) for p in taxonomy.demand)


def _inherited(context: str, taxonomy: Taxonomy) -> Polarity | None:
    if not context:
        return None
    polarity = sentence_polarity(split_clauses(context, taxonomy))
    return polarity if polarity is not Polarity.NEUTRAL else None


def _lead_in(finding: Finding, clauses: list[Clause], taxonomy: Taxonomy) -> Polarity | None:
    """The polarity a finding takes from what it continues. A list item takes its lead-in's: under "inspectors
    were concerned to find:" or "the force should:" every item is a concern whatever words it uses ("a more
    consistent approach to …"); under "inspectors were pleased to find:" every item is progress unless it
    states a concern outright. A sentence continuing another ("This includes …") takes its polarity only if it
    has no cue of its own."""
    if finding.list_item and _demands(finding.context, taxonomy):
        return Polarity.CONCERN
    lead = _inherited(finding.context, taxonomy)
    if not finding.list_item or lead is None:
        return lead if not any(c.cues for c in clauses) else None
    if lead is Polarity.CONCERN:
        return Polarity.CONCERN
    own_concern = sum(c.weight for clause in clauses for c in clause.cues if c.polarity is Polarity.CONCERN)
    return Polarity.PROGRESS if own_concern < STATED_OUTRIGHT else None


def _continued(finding: Finding, polarity: Polarity, taxonomy: Taxonomy) -> tuple[ThemeHit, ...]:
    """A judgement with no theme of its own ("Five were deemed inadequate.") about the subject of the sentence
    before it in its paragraph ("inspectors examined six cases of children at risk of sexual
    exploitation")."""
    if (
        polarity is Polarity.NEUTRAL
        or not finding.previous
        or not any(p.search(for_matching(finding.text).lower()) for p in taxonomy.continues_subject)
    ):
        return ()
    themes = _themes_in(for_matching(finding.previous), taxonomy)
    return tuple(ThemeHit(theme, polarity, 1.0, ("continues the sentence before",)) for theme in themes)


def _hits(clauses: list[Clause], inherited: Polarity | None) -> tuple[ThemeHit, ...]:
    """One hit per theme: the strongest clause that names it decides its polarity. On a tie a main clause
    beats a subordinate one ("X improved, although Y"), and else the later clause wins ("X, but Y")."""
    best: dict[str, tuple[ThemeHit, bool]] = {}
    unattached = sentence_polarity([c for c in clauses if not c.themes and c.cues])
    for clause in clauses:
        polarity = inherited or clause.lead or clause.polarity
        if polarity is Polarity.NEUTRAL and unattached is not Polarity.NEUTRAL:
            # "There is a clear process for X, although it isn't always timely": the judgement is of X.
            clause = replace(clause, margin=1.0)
            polarity = unattached
        if inherited or clause.lead:
            weight = max(1.0, min(MAX_WEIGHT, clause.margin)) if polarity is clause.polarity else 1.0
        else:
            weight = min(MAX_WEIGHT, clause.margin) if polarity is not Polarity.NEUTRAL else 0.0
        for theme in clause.themes:
            hit = ThemeHit(theme, polarity, weight, tuple(c.text for c in clause.cues))
            if theme not in best or _outweighs(hit, clause.subordinate, *best[theme]):
                best[theme] = (hit, clause.subordinate)
    return tuple(hit for hit, _ in best.values())


def _outweighs(hit: ThemeHit, subordinate: bool, other: ThemeHit, other_subordinate: bool) -> bool:
    if hit.weight != other.weight:
        return hit.weight > other.weight
    return not subordinate or other_subordinate


def _graded_hits(
    hits: tuple[ThemeHit, ...], grades: tuple[Grade, ...], taxonomy: Taxonomy
) -> tuple[ThemeHit, ...]:
    """A grade decides the polarity of the themes its area names ("'good' for its leadership"); a middle grade
    ("adequate") leaves them neutral, whatever else the sentence says of other areas."""
    polarity_of = {g.word: g.polarity for g in taxonomy.grade_words}
    by_theme = {hit.theme: hit for hit in hits}
    for grade in grades:
        polarity = polarity_of.get(grade.grade, Polarity.NEUTRAL)
        weight = 0.0 if polarity is Polarity.NEUTRAL else 2.0
        for theme in taxonomy.themes:
            if theme.id in by_theme and any(p.search(grade.area) for p in theme.patterns):
                by_theme[theme.id] = ThemeHit(theme.id, polarity, weight, (grade.grade,))
    return tuple(by_theme.values())


def find_grades(text: str, taxonomy: Taxonomy, date: PartialDate | None) -> tuple[Grade, ...]:
    """Graded judgements: "good at working with partners", "leadership ... was adequate"."""
    plain = for_matching(text)
    prepared = _prepared(taxonomy)
    if not can_match(prepared.grade_words, plain) or not prepared.grade_words.search(plain):
        return ()  # every pattern below needs a grade word, and most sentences have none
    grades = []
    language = taxonomy.language
    after, before, quoted = prepared.grade_after, prepared.grade_before, prepared.grade_quoted
    for match in [*after.finditer(plain), *quoted.finditer(plain)]:
        grades.append((match.group(1), _area(match.group(2), language)))
    for match in before.finditer(plain) if prepared.grade_before_tail.search(plain) else ():
        grades.append((match.group(2), _area(language.judging_lead.sub("", match.group(1)), language)))
    grades += _table_grades(plain, taxonomy)
    out = [
        Grade(area, word.lower(), _scale(word.lower(), taxonomy.grade_scales, date))
        for word, area in grades
        if area and not language.not_an_area.search(area)
    ]
    return tuple(dict.fromkeys(out))


def _table_grades(plain: str, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """A table row's grade: its first cell the area, a later cell nothing but a grade word."""
    cells = plain.split(CELL)
    known = {g.word for g in taxonomy.grade_words}
    return [
        (cell, cells[0].strip())
        for cell in (c.strip().strip(".").lower() for c in cells[1:])
        if cell in known
    ]


def _area(text: str, language: Language) -> str:
    # The area ends where the sentence turns or the next quoted grade begins ("..., 'adequate' at ..."), and
    # starts after an opening bracket ("… cases (6 cases were good": the area is "6 cases", a count).
    text = re.split(r"\s+(?:but|and that|while|whereas)\s+|\s+(?:and\s+)?['\"]", text.strip(), maxsplit=1)[0]
    text = text.rsplit("(", 1)[-1]
    return language.area_owner.sub("", text.strip(" '\"")).strip()


def _scale(word: str, scales: tuple[GradeScale, ...], date: PartialDate | None) -> str:
    """The grading scale in force at the inspection's date that has this word."""
    year = date.year if date else None
    for scale in scales:
        if year is not None and scale.start <= year < scale.until and word in scale.words:
            return scale.id
    return "unknown"


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
