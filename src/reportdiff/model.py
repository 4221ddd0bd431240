"""Frozen dataclasses that pass between the pipeline stages: plain data, no behaviour beyond formatting."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class Polarity(str, enum.Enum):
    """Whether a finding states a shortfall, an improvement or neither."""

    CONCERN = "concern"
    PROGRESS = "progress"
    NEUTRAL = "neutral"


class Speaker(str, enum.Enum):
    """Who makes a statement: the inspectorate's findings are evidence, the others' are claims."""

    INSPECTORATE = "inspectorate"
    FORCE = "force"
    COMMISSIONER = "commissioner"
    OTHER = "other"


class Assessment(str, enum.Enum):
    """One theme's state at one inspection."""

    CONCERN = "concern"
    PROGRESS = "progress"
    MIXED = "mixed"
    ABSENT = "absent"


class Verdict(str, enum.Enum):
    """A theme's course across all inspections."""

    NEW = "new"
    PERSISTING = "persisting"
    RESOLVED = "resolved"
    RECURRING = "recurring"
    NOT_REASSESSED = "not-reassessed"
    STRENGTH = "strength"


OPEN_VERDICTS = (Verdict.NEW, Verdict.PERSISTING, Verdict.RECURRING, Verdict.NOT_REASSESSED)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def label(self) -> str:
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def month_number(self) -> int:
        """Months since year 0, a year-only date counted at its middle: for distances in months."""
        return self.year * 12 + (self.month or 6) - 1

    def day_number(self) -> int:
        """An approximate day count (31-day months), a missing day or month at its middle: for distances in days."""
        return self.year * 372 + ((self.month or 6) - 1) * 31 + (self.day or 15)

    def surely_before(self, other: PartialDate) -> bool:
        """Whether this date is before `other` at the coarser of the two precisions."""
        if self.month is None or other.month is None:
            return self.year < other.year
        return (self.year, self.month) < (other.year, other.month)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
        if not match:
            raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"no month {month} in {text!r}")
        if day is not None and not 1 <= day <= 31:
            raise ValueError(f"no day {day} in {text!r}")
        return cls(year, month, day)


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a document's text with its line number in the original file."""

    number: int
    text: str
    page: int | None = None


class DateMethod(str, enum.Enum):
    """How a document's publication date was found, firmest first."""

    MANIFEST = "manifest"  # set by a person in reportdiff.toml
    STATED = "stated"  # written in the text: a labelled date, a header or a dateline
    UPDATED = "updated"  # written in the text as when the page last changed: its content may be older
    WEEKDAY = "weekday"  # a weekday with day and month; the year is the one that fits the text
    RELATIVE = "relative"  # "yesterday", "last autumn", resolved against a stated or inferred anchor
    RELEASE = "release number"  # a press release number carrying the year
    BOUNDED = "bounded"  # no date of its own: after the latest event it reports (a lower bound)
    SHARED = "shared content"  # estimated from the documents it shares passages with

    @property
    def estimated(self) -> bool:
        """Whether the date is the machine's estimate rather than written in the text or set by a person."""
        return self not in (DateMethod.MANIFEST, DateMethod.STATED, DateMethod.UPDATED)


@dataclass(frozen=True, slots=True)
class Dating:
    """A document's publication date, how it was found, and the evidence in words."""

    published: PartialDate
    method: DateMethod
    source: str

    @property
    def inferred(self) -> bool:
        return self.method.estimated


@dataclass(frozen=True, slots=True)
class DateClues:
    """What a text says about when it was published, short of a date of its own.

    `after` is the latest event it reports (it was published then or later); `days_after_report` says how long after
    the report came out it was written ("published today" 0, "yesterday published" 1); `report_weekday` is the
    weekday it gives for the report ("published on Wednesday"), Monday 0.
    """

    after: PartialDate | None = None
    after_why: str = ""
    days_after_report: int | None = None
    report_weekday: int | None = None
    # The era its wording belongs to ("His Majesty's Inspectorate" was named so from September 2022).
    before: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One input document as read, later given its dating."""

    id: str
    path: str
    name: str
    format: str
    title: str
    publisher: str
    publisher_role: Speaker
    subject: str
    sha256: str
    lines: tuple[SourceLine, ...]
    dating: Dating | None = None
    inspection_hint: str = ""
    clues: DateClues = DateClues()


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file that was not used, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Dropped:
    """A passage dropped as noise, with the reason."""

    document: str
    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence or list item of one document, with what surrounds it."""

    document: str
    text: str
    line_start: int
    line_end: int
    paragraph: int
    list_item: bool
    context: str
    speaker: Speaker
    quoted: bool
    section: str = ""
    page: int | None = None
    number: str = ""
    # The inspectorate's words as another publisher reports them (a press story's "the report found").
    reported: bool = False
    # The sentence before it in its paragraph: a sentence with no theme of its own may continue its subject.
    previous: str = ""


@dataclass(frozen=True, slots=True)
class Segmentation:
    """What segmenting one document gave: its findings-to-be and its noise."""

    document: str
    segments: tuple[Segment, ...]
    dropped: tuple[Dropped, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a finding was read: a document and its lines."""

    document: str
    line_start: int
    line_end: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Kinship:
    """Two documents that share content: the shared passages (longest first), figures, and a shared title."""

    first: str
    second: str
    passages: tuple[str, ...]
    figures: tuple[str, ...]
    title: str = ""

    @property
    def shared_words(self) -> int:
        return sum(len(p.split()) for p in self.passages)

    def describe(self) -> str:
        parts = []
        if self.title:
            parts.append(f"the title \u201c{self.title}\u201d")
        if self.passages:
            parts.append(f"{len(self.passages)} shared passage{'s' if len(self.passages) > 1 else ''} "
                         f"({self.shared_words} words)")
        if self.figures:
            parts.append(f"{len(self.figures)} shared figure{'s' if len(self.figures) > 1 else ''}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class SentenceEvent:
    """A sentence of a document that names an inspection event, and the inspection it names."""

    document: str
    sentence: int
    inspection: str


@dataclass(frozen=True, slots=True)
class Membership:
    """Why a document belongs to an inspection: what it shares with the others, or the event it names."""

    document: str
    reason: str


@dataclass(frozen=True, slots=True)
class Inspection:
    """An inspection or visit, with the documents that report it."""

    id: str
    date: PartialDate
    end: PartialDate | None
    label: str
    kind: str
    documents: tuple[str, ...]
    # Its date rests only on documents whose own dates are estimated.
    estimated: bool = False
    fieldwork: PartialDate | None = None
    published: PartialDate | None = None
    # Outside the force's child-protection series (a national report, another body's inspection): listed, not weighed.
    scope: str = ""
    members: tuple[Membership, ...] = ()

    @property
    def in_scope(self) -> bool:
        return not self.scope


@dataclass(frozen=True, slots=True)
class ThemeHit:
    """One theme a finding touches, with the polarity and the cue words of that part of the sentence."""

    theme: str
    polarity: Polarity
    weight: float
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grade:
    """A graded judgement: the area graded, the grade word and the scale it belongs to."""

    area: str
    grade: str
    scale: str


@dataclass(frozen=True, slots=True)
class Provenance:
    """A person's judgement recorded over the machine's: who, when, why, and what the machine had said."""

    by: str
    date: str
    reason: str
    field: str
    machine: str
    human: str


@dataclass(frozen=True, slots=True)
class Override:
    """One `[[overrides]]` entry of a manifest: a finding's theme or polarity, a theme's status, or a merge/split."""

    index: int
    by: str
    date: str
    reason: str
    finding: str = ""
    text: str = ""
    theme: str = ""
    polarity: str = ""
    status: str = ""
    merge: tuple[str, ...] = ()
    split: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"[[overrides]] #{self.index}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A statement attributed to one inspection; classification fields are filled by `classify`."""

    id: str
    text: str
    inspection: str
    sources: tuple[Source, ...]
    speaker: Speaker
    context: str
    list_item: bool
    quoted: bool
    section: str = ""
    dated_by: str = ""
    number: str = ""
    # The inspectorate's finding as another publisher reports it ("the report found", "inspectors said").
    reported: bool = False
    previous: str = ""
    hits: tuple[ThemeHit, ...] = ()
    polarity: Polarity = Polarity.NEUTRAL
    cues: tuple[str, ...] = ()
    grades: tuple[Grade, ...] = ()
    kind: str = "observation"
    provenance: tuple[Provenance, ...] = ()

    @property
    def themes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.theme for hit in self.hits))

    @property
    def theme(self) -> str | None:
        for hit in self.hits:
            if hit.polarity is self.polarity and hit.polarity is not Polarity.NEUTRAL:
                return hit.theme
        return self.hits[0].theme if self.hits else None


@dataclass(frozen=True, slots=True)
class ThemeCell:
    """One theme at one inspection: its assessment and the findings behind it."""

    inspection: str
    assessment: Assessment
    findings: tuple[str, ...]
    concern_weight: float
    progress_weight: float


@dataclass(frozen=True, slots=True)
class ThemeResult:
    """A theme across all inspections: its timeline, verdict and the reason for the verdict."""

    id: str
    label: str
    verdict: Verdict
    timeline: tuple[ThemeCell, ...]
    why: str
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two findings from different inspections that difflib finds alike."""

    earlier: str
    later: str
    themes: tuple[str, ...]
    ratio: float
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangelogEntry:
    """What changed between two successive inspections, as theme ids."""

    from_inspection: str
    to_inspection: str
    new: tuple[str, ...]
    persisting: tuple[str, ...]
    resolved: tuple[str, ...]
    recurring: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AlignResult:
    """What the align stage gives: themes, finding alignments and the changelog."""

    themes: tuple[ThemeResult, ...]
    alignments: tuple[Alignment, ...]
    changelog: tuple[ChangelogEntry, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one build found, ready for `context`."""

    subject: str
    documents: tuple[Document, ...]
    inspections: tuple[Inspection, ...]
    findings: tuple[Finding, ...]
    themes: tuple[ThemeResult, ...]
    alignments: tuple[Alignment, ...]
    changelog: tuple[ChangelogEntry, ...]
    dropped: tuple[Dropped, ...]
    skipped: tuple[Skipped, ...]
    theme_labels: tuple[tuple[str, str], ...]
    grade_scales: tuple[GradeScale, ...] = ()


@dataclass(frozen=True, slots=True)
class ThemeDef:
    """One theme of the taxonomy and the phrases that signal it."""

    id: str
    label: str
    description: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class GradeWord:
    """A grade word and the polarity it carries."""

    word: str
    polarity: Polarity


@dataclass(frozen=True, slots=True)
class GradeScale:
    """A grading scale and the years it was in force (from inclusive, until exclusive)."""

    id: str
    label: str
    start: int
    until: int
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Publisher:
    """An organisation that publishes documents, its role and the names that signal it."""

    name: str
    role: Speaker
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class NoiseRule:
    """Line patterns dropped as noise, with the reason reported."""

    reason: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Labelled:
    """A pattern that maps to a label or number (inspection kinds, relative years)."""

    pattern: re.Pattern[str]
    value: str


@dataclass(frozen=True, slots=True)
class Era:
    """Wording that belongs to a period (a name an organisation bore only from or until a date)."""

    pattern: re.Pattern[str]
    after: PartialDate | None
    before: PartialDate | None
    reason: str


@dataclass(frozen=True, slots=True)
class DatingRules:
    """Phrases that date a text: labels before its publication or update date, and its distance from the report."""

    published: tuple[re.Pattern[str], ...]
    updated: tuple[re.Pattern[str], ...]
    report_days: tuple[Labelled, ...]
    report_weekday: tuple[re.Pattern[str], ...]
    release_number: tuple[re.Pattern[str], ...]
    eras: tuple[Era, ...] = ()


@dataclass(frozen=True, slots=True)
class EventType:
    """A type of inspection event, its cue phrases, whether it follows an earlier inspection, and its series."""

    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    follow_up: bool
    series: str


@dataclass(frozen=True, slots=True)
class ScopeRule:
    """Phrases that mark an event or a document as outside the force's child-protection series, with the reason."""

    reason: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class EventRules:
    """How texts report inspections: the words, the event types, and the cues for predecessors and publication."""

    words: re.Pattern[str]
    types: tuple[EventType, ...]
    predecessor: tuple[re.Pattern[str], ...]
    publication: tuple[re.Pattern[str], ...]
    fieldwork: tuple[re.Pattern[str], ...]
    present: tuple[re.Pattern[str], ...]
    reference: tuple[re.Pattern[str], ...]
    inspectorate: tuple[re.Pattern[str], ...]
    out_of_scope: tuple[ScopeRule, ...]
    standard: tuple[re.Pattern[str], ...]
    topic: tuple[re.Pattern[str], ...]
    history_years: int = 30  # an event this much older than the text that names it is history, not an inspection


@dataclass(frozen=True, slots=True)
class KindDef:
    """A finding type, from most to least severe: the section headings and lead-ins that mark it."""

    id: str
    label: str
    sections: tuple[re.Pattern[str], ...]
    lead_ins: tuple[re.Pattern[str], ...]
    polarity: Polarity


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """All domain knowledge, compiled: the shipped TOML extended by the user's file."""

    source: str
    themes: tuple[ThemeDef, ...]
    concern: tuple[re.Pattern[str], ...]
    concern_strong: tuple[re.Pattern[str], ...]
    progress: tuple[re.Pattern[str], ...]
    progress_strong: tuple[re.Pattern[str], ...]
    demand: tuple[re.Pattern[str], ...]
    negators: tuple[re.Pattern[str], ...]
    purpose: tuple[re.Pattern[str], ...]
    future: tuple[re.Pattern[str], ...]
    continuation: tuple[re.Pattern[str], ...]
    contrast: tuple[re.Pattern[str], ...]
    concessive: tuple[re.Pattern[str], ...]
    neutral: tuple[re.Pattern[str], ...]
    enumeration: tuple[re.Pattern[str], ...]
    continues_subject: tuple[re.Pattern[str], ...]
    grade_words: tuple[GradeWord, ...]
    grade_scales: tuple[GradeScale, ...]
    reporting: re.Pattern[str]
    speakers: tuple[tuple[Speaker, re.Pattern[str]], ...]
    force_voice: tuple[re.Pattern[str], ...]
    inspectorate_voice: tuple[re.Pattern[str], ...]
    first_person: re.Pattern[str]
    publishers: tuple[Publisher, ...]
    organisation_suffixes: tuple[str, ...]
    dating: DatingRules
    events: EventRules
    noise_tail: tuple[re.Pattern[str], ...]
    noise_tail_reason: str
    noise_sentences: tuple[NoiseRule, ...]
    noise_lines: tuple[NoiseRule, ...]
    kinds: tuple[KindDef, ...] = ()

    def theme_label(self, theme_id: str) -> str:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme.label
        return theme_id


@dataclass(frozen=True, slots=True)
class DocumentOverride:
    """What a manifest sets for one document: any of date, title, inspection, or exclusion."""

    path: str
    date: PartialDate | None = None
    title: str | None = None
    inspection: PartialDate | None = None
    exclude: bool = False


@dataclass(frozen=True, slots=True)
class Manifest:
    """A folder's `reportdiff.toml`: overrides keyed by resolved file path."""

    path: str
    documents: tuple[DocumentOverride, ...] = ()
    overrides: tuple[Override, ...] = ()

    def for_path(self, path: str) -> DocumentOverride | None:
        for override in self.documents:
            if override.path == path:
                return override
        return None


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingest read: the documents, and the files it skipped with reasons."""

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]
