"""Frozen dataclasses that pass between the pipeline stages: plain data, no behaviour beyond formatting."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Polarity(enum.StrEnum):
    """Whether a finding states a shortfall, an improvement or neither."""

    CONCERN = "concern"
    PROGRESS = "progress"
    NEUTRAL = "neutral"


class Speaker(enum.StrEnum):
    """Who makes a statement: the inspectorate's findings are evidence, the others' are claims."""

    INSPECTORATE = "inspectorate"
    FORCE = "force"
    COMMISSIONER = "commissioner"
    OTHER = "other"

    @property
    def is_evidence(self) -> bool:
        """The evidence rule, written once: only the inspectorate's findings are evidence."""
        return self is Speaker.INSPECTORATE


class Assessment(enum.StrEnum):
    """One theme's state at one inspection, with the symbol, word and rule every format shows for it (key
    order). The rule's "twice" is `verdicts.MIXED_SHARE`; tests/test_reader.py holds the two together."""

    symbol: str
    label: str
    meaning: str

    CONCERN = (
        "concern",
        "\u2716",
        "concern",
        "the inspectorate's concerns outweigh any progress more than twice over",
    )
    MIXED = (
        "mixed",
        "\u25d0",
        "mixed",
        "concern and progress both, neither more than twice the other: counted as a concern",
    )
    PROGRESS = ("progress", "\u2714", "progress", "progress outweighs any concern more than twice over")
    ABSENT = ("absent", "\u2013", "not assessed", "no finding of the inspectorate leans either way")

    def __new__(cls, value: str, symbol: str, label: str, meaning: str) -> Assessment:
        member = str.__new__(cls, value)
        member._value_ = value
        member.symbol, member.label, member.meaning = symbol, label, meaning
        return member

    @property
    def concerned(self) -> bool:
        """Whether this state counts as a concern: a concern, or concern and progress both (mixed)."""
        return self in (Assessment.CONCERN, Assessment.MIXED)


class Verdict(enum.StrEnum):
    """A theme's course across all inspections, in the order a report lists them, with the words every format
    shows: its label, what it means, whether the concern is open, its heading as a change in a changelog
    (empty where it is no change between two inspections) and as a group of themes on page 1. "The latest
    inspection" is the latest that gave findings on any theme; "a concern" is an assessment of concern or
    mixed."""

    label: str
    meaning: str
    is_open: bool
    change: str
    group: str

    # value, label, meaning, is_open, change, group
    NEW = ("new", "new", "a concern at the latest inspection, and never before", True, "New", "New concerns")
    RECURRING = (
        "recurring",
        "recurring",
        "a concern at the latest inspection, progress at the one before that assessed it, and a concern "
        "earlier still",
        True,
        "Recurring",
        "Recurring concerns",
    )
    PERSISTING = (
        "persisting",
        "persisting",
        "a concern at the latest inspection and at the one before that assessed it",
        True,
        "Persisting",
        "Persisting concerns",
    )
    NOT_REASSESSED = (
        "not-reassessed",
        "not reassessed",
        "a concern when last assessed, and no inspection since has assessed it",
        True,
        "",
        "Concerns not reassessed",
    )
    RESOLVED = (
        "resolved",
        "resolved",
        "a concern before, and progress at the latest inspection that assessed it",
        False,
        "Resolved",
        "Resolved concerns",
    )
    STRENGTH = ("strength", "strength", "progress whenever assessed, never a concern", False, "", "Strengths")

    def __new__(cls, value: str, label: str, meaning: str, is_open: bool, change: str, group: str) -> Verdict:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label, member.meaning, member.is_open, member.change = label, meaning, is_open, change
        member.group = group
        return member


# The verdict lists, each derived once from the members' own words.
OPEN_VERDICTS = tuple(v for v in Verdict if v.is_open)
CHANGES = tuple(v for v in Verdict if v.change)  # what a changelog entry lists, in its order


class Movement(enum.StrEnum):
    """How a grade moved since its area was last graded, with the symbol shown beside it."""

    symbol: str

    UP = ("up", "\u2191")
    DOWN = ("down", "\u2193")
    SAME = ("same", "=")
    NOT_COMPARABLE = ("not comparable", "\u2260")

    def __new__(cls, value: str, symbol: str) -> Movement:
        member = str.__new__(cls, value)
        member._value_ = value
        member.symbol = symbol
        return member


class Basis(enum.StrEnum):
    """What a deciding inspection's assessment of a theme rests on, with the words shown beside a verdict."""

    label: str

    DOCUMENTS = ("documents", "the inspectorate's own documents")
    REPORTED = ("reported", "the inspectorate's findings as the press reported them")
    CLAIMS = ("claims", "only the force's or commissioner's claims (no evidence)")

    def __new__(cls, value: str, label: str) -> Basis:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Fate(enum.StrEnum):
    """What became of a recommendation, with its wording: `{theme}` and `{inspection}` are filled in."""

    words: str

    REPEATED = ("repeated", "repeated (still open)")
    ADDRESSED = ("addressed", "addressed: progress on {theme} at {inspection}")
    OPEN = ("open", "open: {theme} still a concern at {inspection}")
    LATEST = ("latest", "latest inspection")
    NOT_REASSESSED = ("not-reassessed", "not reassessed")

    def __new__(cls, value: str, words: str) -> Fate:
        member = str.__new__(cls, value)
        member._value_ = value
        member.words = words
        return member


class OverrideStatus(enum.StrEnum):
    """The status a person may give a theme in a manifest override."""

    RESOLVED = "resolved"
    OPEN = "open"


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
        """An approximate day count (31-day months), a missing day or month at its middle: for distances in
        days."""
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


# Not enum.StrEnum, which would change what str() and format() make of a member.
class DateMethod(str, enum.Enum):  # noqa: UP042
    """How a document's publication date was found, firmest first."""

    MANIFEST = "manifest"  # set by a person in reportdiff.toml
    STATED = "stated"  # written in the text: a labelled date, a header or a dateline
    UPDATED = "updated"  # written in the text as when the page last changed: its content may be older
    WEEKDAY = "weekday"  # a weekday with day and month; the year is the one that fits the text
    RELATIVE = "relative"  # "yesterday", "last autumn", resolved against a stated or inferred anchor
    RELEASE = "release number"  # a press release number carrying the year
    BOUNDED = "bounded"  # no date of its own: after the latest event it reports (a lower bound)
    TYPICAL = "typical delay"  # no date of its own: its inspection's fieldwork plus the usual time to publish
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

    `after` is the latest event it reports (it was published then or later); `days_after_report` says how long
    after the report came out it was written ("published today" 0, "yesterday published" 1); `report_weekday`
    is the weekday it gives for the report ("published on Wednesday"), Monday 0; `report_day` the month and
    day it gives for the report without a year ("published today (February 18)").
    """

    after: PartialDate | None = None
    after_why: str = ""
    days_after_report: int | None = None
    report_weekday: int | None = None
    report_day: tuple[int, int] | None = None
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
            parts.append(
                f"{len(self.passages)} shared passage{'s' if len(self.passages) > 1 else ''} "
                f"({self.shared_words} words)"
            )
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
    # Outside the force's child-protection series (a national report, another body's inspection): listed, not
    # weighed.
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
    """One `[[overrides]]` entry of a manifest: a finding's theme or polarity, a theme's status, or a
    merge/split."""

    index: int
    by: str
    date: str
    reason: str
    finding: str = ""
    text: str = ""
    theme: str = ""
    polarity: Polarity | None = None
    status: OverrideStatus | None = None
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
class Unweighed:
    """An inspection listed but not weighed, and why."""

    inspection: str
    reason: str


@dataclass(frozen=True, slots=True)
class ThemeCourse:
    """A theme across all inspections: its timeline, the verdict the evidence gives, the verdict that stands
    (a person's, where a manifest override set one, recorded in `provenance`), and what it rests on."""

    id: str
    label: str
    timeline: tuple[ThemeCell, ...]
    machine: Verdict
    verdict: Verdict
    basis: VerdictBasis
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class BasisStep:
    """An inspection that decides a verdict: what its assessment rests on, whether its date is estimated."""

    inspection: str
    label: str
    basis: Basis
    estimated: bool

    @property
    def when(self) -> str:
        return f"{self.label} (date estimated)" if self.estimated else self.label


@dataclass(frozen=True, slots=True)
class VerdictBasis:
    """What a verdict rests on, inspection by inspection; `set_by` names the person whose override set it."""

    steps: tuple[BasisStep, ...]
    set_by: str = ""

    @property
    def text(self) -> str:
        """The basis in a line, shown beside the verdict in every format: "the inspectorate's own documents at
        2018 and 2025"; a verdict a person set says so first."""
        groups: dict[Basis, list[str]] = {}
        for step in self.steps:
            groups.setdefault(step.basis, []).append(step.when)
        evidence = "; ".join(f"{basis.label} at {_and(whens)}" for basis, whens in groups.items())
        return f"set by {self.set_by}; the evidence: {evidence or 'none'}" if self.set_by else evidence


def _and(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True, slots=True)
class WeighedFinding:
    """One finding as one inspection's weighing of a theme saw it: its lean, weight, cue words and grades."""

    finding: str
    polarity: Polarity
    weight: float
    cues: tuple[str, ...]
    grades: tuple[str, ...]
    counted: bool
    speaker: Speaker


@dataclass(frozen=True, slots=True)
class WhyStep:
    """One inspection's weighing of a theme: the findings that leaned either way, how many weighed nothing."""

    inspection: str
    label: str
    assessment: Assessment
    concern_weight: float
    progress_weight: float
    findings: tuple[WeighedFinding, ...]
    neutral: int


@dataclass(frozen=True, slots=True)
class Why:
    """Why a theme has its verdict: a sentence ending in the verdict, the weighing step by step, echoes."""

    text: str
    steps: tuple[WhyStep, ...]
    alignments: tuple[Alignment, ...]


@dataclass(frozen=True, slots=True)
class DiffRun:
    """A run of words of one finding in a side-by-side comparison, changed or not."""

    text: str
    changed: bool


@dataclass(frozen=True, slots=True)
class Echo:
    """An alignment shown side by side: both findings' words in runs, the changed ones marked."""

    alignment: Alignment
    earlier_parts: tuple[DiffRun, ...]
    later_parts: tuple[DiffRun, ...]


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One finding as a theme's evidence shows it: its lean on the theme, the words around it shown in grey (a
    list item's lead-in, the rest of a quotation it is part of), and why it is neutral here if it leans
    elsewhere."""

    finding: str
    polarity: Polarity
    before: str = ""
    after: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class EvidenceGroup:
    """A theme's evidence from one inspection: the findings that lean either way, then its neutral
    mentions."""

    inspection: str
    leaning: tuple[EvidenceItem, ...]
    neutral: tuple[EvidenceItem, ...]


@dataclass(frozen=True, slots=True)
class ThemeResult:
    """A theme as every format shows it: verdict, basis and why, when it was assessed in words, a summary and
    the finding it quotes, its evidence in reading order (all; grouped by inspection, newest first; and the
    few a printed report quotes) and its closest echoes."""

    id: str
    label: str
    verdict: Verdict
    machine_verdict: Verdict
    timeline: tuple[ThemeCell, ...]
    provenance: tuple[Provenance, ...]
    basis: VerdictBasis
    why: Why
    summary: str
    evidence: tuple[str, ...]
    brief: tuple[str, ...]
    echoes: tuple[Echo, ...]
    timing: str = ""
    quote: str = ""
    groups: tuple[EvidenceGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two findings from different inspections that difflib finds alike."""

    earlier: str
    later: str
    themes: tuple[str, ...]
    ratio: float
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class ThemeChange:
    """One theme's change at an inspection, against the last inspection before it that assessed the theme
    (`previous`, none for a theme never assessed before) and how many inspections between did not."""

    theme: str
    label: str
    change: Verdict
    previous: str = ""
    previous_label: str = ""
    previous_assessment: Assessment = Assessment.ABSENT
    between: int = 0

    @property
    def since(self) -> str:
        """What the change compares with, in words: "compared with January 2013 (concern); not assessed at the
        6 inspections between"."""
        if not self.previous:
            return "first assessed here"
        words = f"compared with {self.previous_label} ({self.previous_assessment.label})"
        if self.between:
            between = f"{self.between} inspections" if self.between > 1 else "inspection"
            words += f"; not assessed at the {between} between"
        return words


@dataclass(frozen=True, slots=True)
class ChangelogEntry:
    """What changed at an inspection since the one before it that gave findings on any theme; an inspection
    that gave none (`assessed` false) is listed so, with no changes."""

    from_inspection: str
    to_inspection: str
    changes: tuple[ThemeChange, ...]
    assessed: bool = True

    def themes(self, change: Verdict) -> tuple[str, ...]:
        """The ids of the themes that made `change` here, by id (as a report lists the themes of one
        verdict)."""
        return tuple(c.theme for c in self.changes if c.change is change)


@dataclass(frozen=True, slots=True)
class GradeChange:
    """How a grade moved since its area was last graded, and where that was."""

    from_inspection: str
    from_label: str
    from_grade: str
    movement: Movement


@dataclass(frozen=True, slots=True)
class GradedArea:
    """One grade an inspection gave, with its scale's name and how it moved since the area was last graded."""

    area: str
    grade: str
    scale: str
    scale_label: str
    change: GradeChange | None
    graded: bool = True  # on a grading scale, not a descriptive judgement


@dataclass(frozen=True, slots=True)
class InspectionGrades:
    """The grades one inspection gave, one per area."""

    inspection: str
    grades: tuple[GradedArea, ...]

    @property
    def graded(self) -> bool:
        """Whether the inspection gave grades on a grading scale (a timeline rings it)."""
        return any(g.graded for g in self.grades)

    @property
    def note(self) -> str:
        """The grades in a few words: "graded good, adequate \u00d72"; empty when there were none."""
        counts: dict[str, int] = {}
        for graded in self.grades:
            counts[graded.grade] = counts.get(graded.grade, 0) + 1
        words = [f"{grade} \u00d7{n}" if n > 1 else grade for grade, n in counts.items()]
        return f"graded {', '.join(words)}" if words else ""


@dataclass(frozen=True, slots=True)
class Repeat:
    """A later recommendation that repeats an earlier one in other words."""

    finding: str
    inspection: str
    number: str
    ratio: float


@dataclass(frozen=True, slots=True)
class RecommendationFate:
    """A recommendation and what became of it; `theme` and `at` fill the fate's wording."""

    finding: str
    number: str
    inspection: str
    text: str
    themes: tuple[str, ...]
    repeated: tuple[Repeat, ...]
    fate: Fate
    theme: str = ""
    at: str = ""

    @property
    def status(self) -> str:
        return self.fate.words.format(theme=self.theme, inspection=self.at)


@dataclass(frozen=True, slots=True)
class VerdictChange:
    """A theme whose verdict differs from a baseline build's (None: not assessed in that build)."""

    theme: str
    label: str
    before: Verdict | None
    after: Verdict | None


@dataclass(frozen=True, slots=True)
class ThemeVerdict:
    """One theme's verdict in one build, and what it rests on in words (empty where the build says not)."""

    theme: str
    label: str
    verdict: Verdict
    basis: str = ""


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a comparison needs of one build: documents (by SHA-256), verdicts and finding ids."""

    documents: tuple[tuple[str, str], ...]  # (sha256, document id), in the build's order
    verdicts: tuple[ThemeVerdict, ...]
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BaselineComparison:
    """What changed since a baseline build: documents, verdicts and findings added or removed."""

    path: str
    documents_added: tuple[str, ...]
    documents_removed: tuple[str, ...]
    verdict_changes: tuple[VerdictChange, ...]
    findings_added: tuple[str, ...]
    findings_removed: tuple[str, ...]
    same_documents: bool

    @property
    def concerns_added(self) -> tuple[str, ...]:
        return tuple(c.theme for c in self.verdict_changes if _is_open(c.after) and not _is_open(c.before))

    @property
    def concerns_closed(self) -> tuple[str, ...]:
        return tuple(c.theme for c in self.verdict_changes if _is_open(c.before) and not _is_open(c.after))

    @property
    def empty(self) -> bool:
        changed = self.verdict_changes or self.findings_added or self.findings_removed
        return not changed and self.same_documents


def _is_open(verdict: Verdict | None) -> bool:
    return verdict is not None and verdict.is_open


@dataclass(frozen=True, slots=True)
class FailOutcome:
    """The --fail-on gate: the rules asked for and one line per theme, document or finding that trips one."""

    rules: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def tripped(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True, slots=True)
class VerdictGroup:
    """The themes that have one verdict, in report order: one of page 1's main points."""

    verdict: Verdict
    themes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OtherFindings:
    """One inspection's findings that no theme's evidence shows (no theme, or an inspection not weighed), in
    reading order: every finding reaches the reader, under a theme or here."""

    inspection: str
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    """The report at a glance: what was read, the span of inspections and the final verdict of every theme;
    the themes by verdict; how many findings the themes show; the latest inspection that gave findings on a
    theme (whose changes page 1 shows), the latest that gave grades, and those that assessed no theme."""

    subject: str
    span: str
    inspections: int
    documents: int
    findings: int
    verdicts: tuple[Verdict, ...]
    groups: tuple[VerdictGroup, ...] = ()
    themed: int = 0
    latest: str = ""
    graded: str = ""
    silent: tuple[str, ...] = ()  # weighed inspections that assessed no theme: their matrix column is empty

    @property
    def other(self) -> int:
        """The findings no theme shows: they are listed per inspection under "Other findings"."""
        return self.findings - self.themed

    @property
    def organisation(self) -> str:
        return self.subject or "the organisation"

    def count(self, verdict: Verdict) -> int:
        return sum(1 for v in self.verdicts if v is verdict)

    @property
    def open(self) -> int:
        return sum(1 for v in self.verdicts if v.is_open)

    @property
    def headline(self) -> str:
        """One sentence: open concerns by verdict, then resolved concerns and strengths."""
        parts = [f"{self.count(v)} {v.label}" for v in OPEN_VERDICTS if self.count(v)]
        detail = f" ({', '.join(parts)})" if parts else ""
        strengths = self.count(Verdict.STRENGTH)
        return (
            f"{self.subject or 'The organisation'}: {_plural(self.open, 'open concern')}"
            f"{detail}, {self.count(Verdict.RESOLVED)} resolved, {_plural(strengths, 'strength')}."
        )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Layout:
    """How much a printed report quotes, and whether its matrix needs a landscape page."""

    print_evidence: int
    print_echoes: int
    matrix_wide: bool


@dataclass(frozen=True, slots=True)
class Report:
    """Everything any format shows, decided: what `pipeline.run` returns and `context` maps to plain data."""

    subject: str
    generated: str | None
    overview: Overview
    documents: tuple[Document, ...]
    dropped: tuple[Dropped, ...]
    skipped: tuple[Skipped, ...]
    inspections: tuple[Inspection, ...]
    series: tuple[str, ...]  # the inspections weighed, in order: each theme's timeline has a cell for each
    unweighed: tuple[Unweighed, ...]  # the others, listed with the reason
    grades: tuple[InspectionGrades, ...]
    findings: tuple[Finding, ...]
    themes: tuple[ThemeResult, ...]  # in report order: by verdict, then id
    unassessed: tuple[ThemeDef, ...]
    alignments: tuple[Alignment, ...]
    recommendations: tuple[RecommendationFate, ...]
    changelog: tuple[ChangelogEntry, ...]  # newest first
    baseline: BaselineComparison | None
    fail_on: FailOutcome
    layout: Layout
    others: tuple[OtherFindings, ...] = ()  # per inspection, the findings no theme shows


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
    graded: bool = True  # false for a scale of descriptive judgements, which are not grades


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
    """Phrases that date a text: labels before its publication or update date, and its distance from the
    report."""

    published: tuple[re.Pattern[str], ...]
    updated: tuple[re.Pattern[str], ...]
    report_days: tuple[Labelled, ...]
    report_weekday: tuple[re.Pattern[str], ...]
    release_number: tuple[re.Pattern[str], ...]
    eras: tuple[Era, ...] = ()
    report_months: int = (
        0  # how long after fieldwork a report usually comes out; 0 leaves fieldwork as a bound
    )


@dataclass(frozen=True, slots=True)
class EventType:
    """A type of inspection event, its cue phrases, whether it follows an earlier inspection, and its
    series."""

    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    follow_up: bool
    series: str


@dataclass(frozen=True, slots=True)
class ScopeRule:
    """Phrases that mark an event or a document as outside the force's child-protection series, with the
    reason."""

    reason: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class EventRules:
    """How texts report inspections: the words, the event types, and the cues for predecessors and
    publication."""

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
    history_years: int = (
        30  # an event this much older than the text that names it is history, not an inspection
    )
    # A sentence telling of the inspectorate's programme ("in 2014 we introduced our PEEL inspections") names
    # no event of the force.
    programme: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class KindDef:
    """A finding type, from most to least severe: the section headings and lead-ins that mark it."""

    id: str
    label: str
    sections: tuple[re.Pattern[str], ...]
    lead_ins: tuple[re.Pattern[str], ...]
    polarity: Polarity


@dataclass(frozen=True, slots=True)
class Language:
    """The words of reporting that segmenting and grading read, compiled from the taxonomy's [language] lists:
    speech verbs, titles and ranks, references to the force, recommendation numbering, grading verbs."""

    said: re.Pattern[str]  # "X said:" / "X told the BBC:" opening a quotation or a line
    trailing_said: re.Pattern[str]  # "“…,” said X."
    abbreviations: re.Pattern[str]  # a word before a full stop that does not end a sentence
    honorific: str  # a pattern fragment: a title before a surname
    pronoun_speaker: re.Pattern[str]  # "he", "she", "they" as the one who spoke
    according: re.Pattern[str]  # "according to" just before a speaker
    the_force: re.Pattern[str]  # the force inspected, named without its name
    press_office: re.Pattern[str]  # a line naming the publisher's press office
    recommendation_number: re.Pattern[str]  # "Recommendation 3" and its number
    grade_verbs: str  # a pattern fragment: "graded", "rated", "judged"
    judging_lead: re.Pattern[str]  # the words before a graded area ("inspectors found that …")
    not_an_area: re.Pattern[str]  # "in two areas", "the force": a count or the organisation, not an area
    area_owner: re.Pattern[str]  # "the force's", "its" before an area's name


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
    language: Language
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
