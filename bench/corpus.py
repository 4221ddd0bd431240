"""A deterministic synthetic corpus of inspection reports about one force, for the benchmark.

Each document is a plain-text report with a stated date, a title, headings, concern and progress findings on
every theme of the shipped taxonomy, lead-ins with lists, quotes, reworded echoes of earlier reports' findings
(a tenth of the sentences; most echo the report before), a repeated summary (echoes within one report) and
noise (metadata, press-office lines, a "Notes to editors" tail, a news list). Sentences are composed from
parts (opener, subject, verb phrase, topic, one to three details) with a long tail of made-up words drawn by
Zipf's law, so that few of them recur verbatim and unrelated sentences rarely read alike. The same seed and
size always give the same bytes.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

FORCE = "Wessex Police"
# About a full inspection report (some 900 sentences of 24 words): ten reports make 200k words.
WORDS_PER_REPORT = 20_000
MONTHS = (
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
ECHO_SHARE = 0.1
SUMMARY_SHARE = 0.04

# Per theme: phrases the taxonomy's patterns recognise, used as the object of a finding.
TOPICS: dict[str, tuple[str, ...]] = {
    "missing-children": (
        "children who go missing from home",
        "missing children",
        "children reported missing",
        "missing episodes",
        "children missing from care",
        "young people who went missing",
    ),
    "risk-assessment": (
        "risk assessments",
        "how it assesses risk",
        "risk management",
        "the risks to children",
        "risk grading",
        "how officers identify risk",
    ),
    "investigation-quality": (
        "investigations",
        "the quality of its investigations",
        "case files",
        "charging decisions",
        "the supervision of investigators",
        "sudden deaths",
    ),
    "partnership": (
        "partner agencies",
        "multi-agency arrangements",
        "its safeguarding partners",
        "the safeguarding hub",
        "joint working",
        "the local partnership",
    ),
    "information-sharing": (
        "information sharing",
        "referrals to social care",
        "how it shares information",
        "referrals",
        "the information shared with schools",
        "information-sharing agreements",
    ),
    "leadership": (
        "senior leaders",
        "its child protection strategy",
        "its policies",
        "governance",
        "oversight",
        "its improvement plan",
        "the priority given to child protection",
    ),
    "training": (
        "training",
        "specialist training",
        "officers' understanding of their safeguarding duties",
        "the training of call handlers",
        "continuing professional development",
    ),
    "resources": (
        "resources",
        "capacity in the public protection unit",
        "workloads",
        "staffing",
        "vacancies",
        "investment in child protection",
    ),
    "offender-management": (
        "registered sex offenders",
        "offender management",
        "violent offenders",
        "MAPPA arrangements",
        "sexual harm prevention orders",
    ),
    "digital-forensics": (
        "digital forensics",
        "electronic devices awaiting examination",
        "digital evidence",
        "forensic capacity",
        "phones awaiting examination",
    ),
    "domestic-abuse": (
        "domestic abuse",
        "domestic incidents",
        "coercive control",
        "MARAC referrals",
        "children exposed to domestic abuse",
    ),
    "exploitation": (
        "child sexual exploitation",
        "county lines",
        "criminal exploitation",
        "trafficking",
        "online grooming",
        "modern slavery",
    ),
    "child-voice": (
        "the views of children",
        "the voice of the child",
        "children's wishes and feelings",
        "the experiences of children",
        "speaking to children",
    ),
    "staff-wellbeing": (
        "the well-being of its staff",
        "support for its officers",
        "vicarious trauma",
        "occupational health",
        "the welfare of investigators",
    ),
}
HEADINGS = {theme: theme.replace("-", " ").capitalize() for theme in TOPICS}

# Templates: {slot} is filled from the lists below, [a|b|c] picks one alternative.
CONCERN = (
    "[inspectors|we|the review team] found that {t} {was} [inconsistent|patchy|uneven] in {n} of the {m} "
    "[cases|records|files] we [examined|reviewed|audited]",
    "{force} does not [always|consistently|reliably] [manage|handle|oversee] {t} well enough",
    "{found} [delays|long delays|repeated delays|unexplained delays] in {t}",
    "there [was|is] a [lack|clear lack|persistent lack] of "
    "[supervision|scrutiny|management oversight] of {t}",
    "{force} [needs to|must|should] [improve|review|strengthen|get a better grip on] {t}",
    "we [have|still have|had] serious concerns about {t}",
    "[officers|supervisors|call handlers|response officers] did not [understand|prioritise|record] {t}",
    "{found} [backlogs and gaps|gaps|a backlog|significant gaps] in {t}",
    "[poor|incomplete|late] [recording|record keeping|data entry] meant that {t} {was} ineffective",
    "{force} should make sure that {t} {is} [reviewed|checked|signed off] by a [supervisor|manager|sergeant]",
    "in {n} [cases|instances|records] {t} {was} [inadequate|insufficient|unsafe]",
    "[weaknesses|shortcomings|failings] remain in {t}",
)
PROGRESS = (
    "{force} has made [good|real|clear|steady] progress in {t}",
    "{found} that {t} {has} [improved|improved markedly|improved since then]",
    "{found} [effective|robust|well-established] [arrangements|processes|procedures] for {t}",
    "{force} works well with [others|the council|health services|schools] on {t}",
    "{force} has [invested|invested heavily|invested more] in {t}",
    "[inspectors|we|the review team] were reassured by {t}",
    "{force} has [strengthened|overhauled|redesigned] {t}",
    "{found} [thorough|prompt|careful] work on {t} in {n} of the {m} "
    "[cases|records|files] we [examined|checked]",
    "{force} has introduced a [new|revised|clearer] approach to {t}",
    "[officers|staff|supervisors|detectives] are [well trained|confident|well supported] [about|in] {t}",
)
# Composed findings: subject, verb phrase and a frame around the topic, so that sentences vary as prose does.
SUBJECTS = (
    "{force}",
    "officers",
    "supervisors",
    "call handlers",
    "the public protection unit",
    "senior leaders",
    "detectives",
    "neighbourhood teams",
    "the safeguarding hub",
    "response officers",
    "the force's analysts",
    "managers",
    "frontline staff",
    "the control room",
    "specialist investigators",
    "the custody team",
)
CONCERN_VERBS = (
    "did not always record",
    "struggled to manage",
    "were slow to review",
    "had not prioritised",
    "rarely reviewed",
    "did not consistently assess",
    "lacked a clear grip on",
    "could not show us how they monitored",
    "gave too little attention to",
    "were unclear about",
    "had a poor understanding of",
    "missed chances to act on",
    "did not escalate concerns about",
    "failed to follow up",
    "left gaps in",
    "underestimated",
    "were inconsistent in handling",
    "did not check",
    "had no reliable way to track",
    "were not trained well enough in",
)
PROGRESS_VERBS = (
    "now record",
    "have improved how they manage",
    "consistently review",
    "have prioritised",
    "work effectively on",
    "have a good understanding of",
    "act promptly on",
    "have strengthened their oversight of",
    "have invested time in",
    "regularly audit",
    "show a clear commitment to",
    "have developed a thorough approach to",
    "are confident about",
    "have made real progress with",
    "responded well to concerns about",
    "now track",
    "have introduced weekly reviews of",
    "were positive about",
)
FRAMES = (
    "{t}",
    "{t}",
    "the approach to {t}",
    "the way they handle {t}",
    "decisions about {t}",
    "the risks linked to {t}",
    "records of {t}",
    "work on {t}",
    "the quality of work on {t}",
    "policies covering {t}",
    "cases involving {t}",
)
NEUTRAL = (
    "the force has {n} [officers|staff|detectives] in its {unit} team, based in {place}",
    "the {unit} team [covers|serves|works across] {place} and {place2}",
    "we [examined|read] {m} case records and spoke to {n} officers and staff in {place}",
    "the force area has a population of about {n} thousand people",
    "this [chapter|section|part of the report] sets out what we found in {place} and {place2}",
)
OPENERS = (
    "",
    "",
    "",
    "",
    "",
    "",
    "In {place}, ",
    "During {period}, ",
    "In the {adj} {noun} we reviewed, ",
    "According to {source}, ",
    "As {source} {verb} in {place}, ",
    "In {n} of the {adj} files, ",
    "Under the {term} programme, ",
    "At {Term} House, ",
)
DETAILS = (
    ", particularly in {place}",
    " for {group}",
    " because {reason}",
    " when {situation}",
    ", and {source} {verb} the {adj} {noun}",
    " across {place} and {place2}",
    " in the cases of {group}",
    " during {period}",
    ", which {reason2}",
    " despite {adj} {noun} in {place}",
    " although {adj} {noun} were {verb} by {source}",
    " after {source} {verb} {n} {adj} {noun}",
    " under the {term} scheme",
    ", known locally as Operation {Term}",
    " using the {term} {noun}",
    " at the {Term} and {Term2} centres",
    " as the {term} {term2} {noun} showed",
)
# The long tail of a real vocabulary (names, schemes, local terms): made-up words drawn with Zipf's law.
SYLLABLES = (
    "ka",
    "lo",
    "mer",
    "dun",
    "ash",
    "vel",
    "tor",
    "bri",
    "sen",
    "wick",
    "ham",
    "ley",
    "ford",
    "mar",
    "ton",
    "bel",
    "cas",
    "dor",
    "fen",
    "gil",
    "hol",
    "kin",
    "lan",
    "mor",
    "nor",
    "pen",
    "ros",
    "sal",
    "tam",
    "wen",
    "ard",
    "bur",
    "cot",
    "din",
    "elm",
    "gar",
)
VOCABULARY_SIZE = 30000
PLACES = tuple(
    f"{name}{suffix}"
    for name in (
        "Ash",
        "Bel",
        "Carr",
        "Dun",
        "Elm",
        "Fair",
        "Glen",
        "Hart",
        "Ivy",
        "Kings",
        "Lang",
        "Mill",
        "North",
        "Oak",
        "Pen",
        "Queens",
        "Red",
        "Stan",
        "Thorn",
        "Upton",
        "Wick",
        "Yew",
    )
    for suffix in ("bridge", "field", "ham", "mouth", "ford")
)
GROUP_KINDS = (
    "",
    "",
    "vulnerable ",
    "disabled ",
    "looked-after ",
    "younger ",
    "older ",
    "homeless ",
    "excluded ",
    "unaccompanied ",
    "exploited ",
    "bereaved ",
)
GROUP_HEADS = (
    "children",
    "teenagers",
    "babies",
    "pupils",
    "siblings",
    "care leavers",
    "young carers",
    "toddlers",
    "girls",
    "boys",
    "young people",
    "infants",
    "families",
    "runaways",
    "students",
)
GROUP_PLACES = (
    "",
    "",
    "",
    " in care",
    " in hostels",
    " in custody",
    " at risk of harm",
    " known to social care",
    " on child protection plans",
    " in foster placements",
    " in supported housing",
    " out of school",
)
ADJECTIVES = (
    "weekly",
    "monthly",
    "informal",
    "structured",
    "detailed",
    "brief",
    "electronic",
    "handwritten",
    "local",
    "regional",
    "daily",
    "formal",
    "overnight",
    "urgent",
    "routine",
    "statutory",
    "voluntary",
    "specialist",
    "generic",
    "shared",
    "separate",
    "temporary",
    "permanent",
    "annual",
    "quarterly",
    "independent",
    "joint",
    "internal",
    "external",
    "anonymous",
    "unfinished",
    "outdated",
    "revised",
    "recent",
    "historic",
    "unannounced",
    "scheduled",
    "rushed",
    "careful",
    "limited",
    "extensive",
)
NOUNS = (
    "audits",
    "meetings",
    "briefings",
    "records",
    "logs",
    "reviews",
    "checklists",
    "notes",
    "handovers",
    "rotas",
    "dashboards",
    "minutes",
    "visits",
    "calls",
    "reports",
    "surveys",
    "panels",
    "bulletins",
    "guidance documents",
    "templates",
    "systems",
    "budgets",
    "inspections",
    "debriefs",
    "forms",
    "letters",
    "protocols",
    "assessments",
    "rosters",
    "databases",
    "workshops",
    "escalations",
    "strategies",
    "agreements",
    "notifications",
    "interviews",
    "statements",
    "warrants",
    "samples",
    "timelines",
)
VERBS = (
    "described",
    "questioned",
    "challenged",
    "confirmed",
    "queried",
    "recorded",
    "examined",
    "tracked",
    "summarised",
    "doubted",
    "praised",
    "flagged",
    "tested",
    "listed",
    "noted",
    "welcomed",
    "counted",
)
SOURCES = (
    "the safeguarding board",
    "the local authority",
    "a senior manager",
    "the head of crime",
    "frontline officers",
    "the audit team",
    "the commissioner's office",
    "health partners",
    "school leaders",
    "the review panel",
    "youth workers",
    "the custody inspector",
    "social workers",
)
REASONS = (
    "supervisors did not review the cases",
    "the systems did not flag the danger",
    "there were too few detectives",
    "handover notes were incomplete",
    "the backlog was not prioritised",
    "records were held on separate databases",
    "staff turnover was high",
    "the criteria were unclear",
    "managers relied on informal checks",
    "the helpdesk closed at weekends",
    "the team was working from two buildings",
    "audit findings were not acted on",
    "the new computer system was introduced late",
    "officers were diverted to response duties",
)
SITUATIONS = (
    "officers attended the first incident",
    "a child was reported for the third time",
    "the call was graded as routine",
    "the case passed between teams",
    "a neighbour raised the alarm",
    "the school contacted the control room",
    "the suspect was released on bail",
    "the family moved to another area",
    "the referral arrived overnight",
    "a health visitor called",
)
FAULTS = (
    "missing",
    "late",
    "incomplete",
    "out of date",
    "never read",
    "lost",
    "duplicated",
    "unsigned",
    "misfiled",
    "unclear",
)
CALLERS = (
    "a teacher",
    "a neighbour",
    "a health visitor",
    "a youth worker",
    "a paramedic",
    "a relative",
    "a social worker",
    "a school nurse",
    "a foster carer",
    "a doctor",
    "a housing officer",
    "a sibling",
)
EVENTS = (
    "called the control room",
    "raised the alarm",
    "made a referral",
    "reported a new concern",
    "asked for a welfare check",
    "contacted the safeguarding hub",
    "shared new information",
    "flagged an injury",
    "reported a missed visit",
    "asked for advice",
)
PERIODS = (
    "the winter months",
    "the first lockdown",
    "the summer holidays",
    "the night shift",
    "the school term",
    "the reorganisation",
    "the pilot period",
    "bank holiday weekends",
)
UNITS = (
    "public protection",
    "child abuse investigation",
    "online safety",
    "missing persons",
    "safeguarding hub",
    "exploitation",
    "digital forensics",
    "offender management",
    "domestic abuse",
)
FORCE_NAMES = (
    "the force",
    "Wessex Police",
    "the constabulary",
    "the force's leadership",
    "the organisation",
    "Wessex Police's public protection command",
)
FOUND = (
    "we found",
    "inspectors found",
    "we saw",
    "the review found",
    "our fieldwork showed",
    "we identified",
    "the audit found",
    "we established",
)
NAMES = ("Alex Morgan", "Sam Patel", "Jo Evans", "Chris Okafor", "Pat Nowak", "Robin Hughes", "Kim Lewis")
REWORDINGS = (
    ("was", "remains"),
    ("were", "remain"),
    ("found", "saw"),
    ("We ", "Inspectors again "),
    ("improve", "do more to improve"),
    ("has", "had"),
    ("cases", "records"),
    ("examined", "reviewed"),
    ("does not always", "still does not"),
    ("effective", "sound"),
    ("delays", "continuing delays"),
    ("the force", "Wessex Police"),
    ("The force", "As before, the force"),
    ("good", "real"),
)
OTHER_FORCES = (
    "Mercia Police",
    "Avalon Constabulary",
    "Northumbria Fire and Rescue Service",
    "Lindsey Police",
    "Deira Constabulary",
)


_ALTERNATIVES = re.compile(r"\[([^\]]*)\]")


@dataclass
class _Writer:
    """The state of a corpus being written: the random source and every finding written so far, per report."""

    rng: random.Random
    findings: list[list[str]] = field(default_factory=list)


def _vocabulary(seed: int) -> list[str]:
    """`VOCABULARY_SIZE` distinct made-up words of two or three syllables, in a fixed order."""
    rng = random.Random(seed)
    words: dict[str, None] = {}
    while len(words) < VOCABULARY_SIZE:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3))))] = None
    return list(words)


_TERMS = _vocabulary(7)
_TERM_WEIGHTS = list(itertools.accumulate(1 / rank for rank in range(1, VOCABULARY_SIZE + 1)))


def generate_corpus(folder: Path, words: int, seed: int = 1) -> list[Path]:
    """Write about `words` words of reports into `folder` (one .txt per report) and return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = max(2, round(words / WORDS_PER_REPORT))
    writer = _Writer(random.Random(seed))
    paths = []
    for index in range(reports):
        path = folder / f"report-{index:03d}.txt"
        path.write_text(write_report(writer, index, words // reports), encoding="utf-8")
        paths.append(path)
    return paths


def inspection_month(index: int) -> tuple[int, int]:
    """(year, month) of the `index`-th inspection: one every seven months from January 2000."""
    months = index * 7
    return 2000 + months // 12, months % 12 + 1


def write_report(writer: _Writer, index: int, target: int) -> str:
    """One report of about `target` words: header, introduction, theme chapters, summary, quotes and noise."""
    year, month = inspection_month(index)
    published = (year + (month + 2) // 12, (month + 2) % 12 + 1)
    own: list[str] = []
    writer.findings.append(own)
    head = _header(index, year, month, published)
    body: list[str] = []
    count = len(" ".join(head).split())
    themes = list(TOPICS)
    while count < target:
        chapter = _chapter(writer, themes[len(body) % len(themes)], own)
        body.extend(chapter)
        count += len(" ".join(chapter).split())
    return "\n\n".join(head + body + _summary(writer, own) + _quotes(writer) + _tail(writer)) + "\n"


def _header(index: int, year: int, month: int, published: tuple[int, int]) -> list[str]:
    day = 1 + index % 27
    return [
        f"{FORCE}: National child protection inspection ({MONTHS[month - 1]} {year})",
        f"Published on: {day} {MONTHS[published[1] - 1]} {published[0]}",
        "Publication types: Child protection",
        "Police Forces: Wessex",
        "Introduction",
        f"We inspected {FORCE}'s child protection arrangements in {MONTHS[month - 1]} {year}. "
        "This report sets out"
        f" what we found, theme by theme, and what the force needs to do next to protect children better.",
        "For further information, please contact the HMICFRS Press Office on 0300 071 6781.",
    ]


def _chapter(writer: _Writer, theme: str, own: list[str]) -> list[str]:
    """A heading, paragraphs of findings on `theme` and others, and now and then a lead-in with a list."""
    rng = writer.rng
    blocks = [HEADINGS[theme]]
    for _ in range(rng.randint(3, 6)):
        sentences = [
            _sentence(writer, theme if rng.random() < 0.6 else rng.choice(list(TOPICS)))
            for _ in range(rng.randint(3, 7))
        ]
        own.extend(sentences)
        blocks.append(" ".join(sentences))
    if rng.random() < 0.5:
        blocks.append(_listing(writer))
    return blocks


def _sentence(writer: _Writer, theme: str) -> str:
    """A fresh finding, a reworded echo of an earlier report's, or a background sentence."""
    rng = writer.rng
    earlier = writer.findings[:-1]
    roll = rng.random()
    if earlier and roll < ECHO_SHARE:
        source = rng.choice(earlier[-1] if rng.random() < 0.7 else rng.choice(earlier))
        if source:
            return reword(rng, source)
    if roll > 0.92:
        return _fill(rng, rng.choice(NEUTRAL), theme)
    concern = rng.random() < 0.55
    if rng.random() < 0.7:
        verb = rng.choice(CONCERN_VERBS if concern else PROGRESS_VERBS)
        return _fill(rng, f"{rng.choice(SUBJECTS)} {verb} {rng.choice(FRAMES)}", theme)
    return _fill(rng, rng.choice(CONCERN if concern else PROGRESS), theme)


def _fill(rng: random.Random, template: str, theme: str, opener: bool = True) -> str:
    """A sentence: an opener, the template about one of the theme's topics, and one to three details."""
    topic = rng.choice(TOPICS[theme])
    plural = topic.endswith("s") and not topic.endswith(("ss", "sis"))
    verbs = {
        "was": "were" if plural else "was",
        "is": "are" if plural else "is",
        "has": "have" if plural else "has",
    }
    parts = [rng.choice(OPENERS) if opener else "", template]
    parts += [rng.choice(DETAILS) for _ in range(rng.choice((1, 2, 2, 3, 3)))]
    text = "".join(part.format(t=topic, **verbs, **_slots(rng)) for part in parts) + "."
    text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), text)
    return text[0].upper() + text[1:]


def _group(rng: random.Random) -> str:
    """A group of children or families: "looked-after teenagers in hostels"."""
    return rng.choice(GROUP_KINDS) + rng.choice(GROUP_HEADS) + rng.choice(GROUP_PLACES)


def _slots(rng: random.Random) -> dict[str, str]:
    """Values for every {slot}: a few from short lists, most composed, so that few phrases recur verbatim."""
    m = rng.randint(20, 120)
    terms = rng.choices(_TERMS, cum_weights=_TERM_WEIGHTS, k=6)
    return {
        "force": rng.choice(FORCE_NAMES),
        "found": rng.choice(FOUND),
        "place": rng.choice(PLACES) if rng.random() < 0.5 else terms[4].capitalize(),
        "place2": rng.choice(PLACES),
        "group": _group(rng),
        "reason": _reason(rng, terms[5]),
        "situation": _situation(rng),
        "period": _period(rng, terms[5]),
        "unit": rng.choice(UNITS),
        "n": str(rng.randint(2, m)),
        "m": str(m),
        "adj": rng.choice(ADJECTIVES),
        "noun": rng.choice(NOUNS),
        "verb": rng.choice(VERBS),
        "source": rng.choice(SOURCES),
        "reason2": f"{rng.choice(SOURCES)} {rng.choice(VERBS)} in "
        f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        "term": terms[0],
        "term2": terms[1],
        "Term": terms[2].capitalize(),
        "Term2": terms[3].capitalize(),
    }


def _reason(rng: random.Random, term: str) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(REASONS)
    if roll < 0.65:
        return f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} were {rng.choice(FAULTS)}"
    return f"{rng.choice(SOURCES)} had not {rng.choice(VERBS)} the {term} {rng.choice(NOUNS)}"


def _situation(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(SITUATIONS)
    return f"{rng.choice(CALLERS)} {rng.choice(EVENTS)}"


def _period(rng: random.Random, term: str) -> str:
    if rng.random() < 0.4:
        return rng.choice(PERIODS)
    return f"the {term} {rng.choice(('pilot', 'review', 'restructure', 'campaign', 'operation', 'trial'))}"


def reword(rng: random.Random, sentence: str) -> str:
    """An echo of `sentence`: a few substitutions, sometimes a new detail or an opening that looks back."""
    text = sentence
    for old, new in rng.sample(REWORDINGS, rng.randint(1, 4)):
        text = text.replace(old, new, 1)
    if rng.random() < 0.3:
        text = text.rstrip(".") + rng.choice(DETAILS).format(**_slots(rng)) + "."
    if rng.random() < 0.2:
        text = "Since our last inspection, " + text[0].lower() + text[1:]
    return text


def _listing(writer: _Writer) -> str:
    """A lead-in ending in a colon, and a list of three to six items it introduces."""
    rng = writer.rng
    concern = rng.random() < 0.6
    lead = (
        "This inspection raised serious concerns about how the force protects children, in particular:"
        if concern
        else "The force has made progress in several areas, in particular:"
    )
    frame = "  \u2022 how it [handles|records|responds to|monitors|reviews|prioritises|oversees|audits] "
    items = [
        _fill(rng, frame + rng.choice(FRAMES), rng.choice(list(TOPICS)), opener=False).rstrip(".") + ";"
        for _ in range(rng.randint(3, 6))
    ]
    return "\n".join([lead] + items)


def _summary(writer: _Writer, own: list[str]) -> list[str]:
    """A summary that repeats some of the report's findings, nearly word for word."""
    rng = writer.rng
    chosen = rng.sample(own, max(1, int(len(own) * SUMMARY_SHARE)))
    repeated = [s if rng.random() < 0.5 else s.replace(" we examined", " we looked at", 1) for s in chosen]
    return ["Summary of findings"] + [" ".join(repeated[i : i + 5]) for i in range(0, len(repeated), 5)]


def _quotes(writer: _Writer) -> list[str]:
    """The inspector's quote (the inspectorate speaking) and the chief constable's (a claim, not evidence)."""
    rng = writer.rng
    inspector, chief = rng.sample(NAMES, 2)
    return [
        f"HM Inspector of Constabulary {inspector} said:",
        f"\u201cWe were pleased to find that {FORCE} has made progress with "
        f"{rng.choice(TOPICS['partnership'])}. "
        f"But the force must improve {rng.choice(TOPICS['risk-assessment'])} for {_group(rng)}.\u201d",
        f"Chief Constable {chief} said:",
        _fill(
            rng,
            "\u201c[We welcome|We accept|We note] the report and "
            "[have already|will have] [invested in|reviewed|"
            "improved] {t}",
            "resources",
            opener=False,
        )[:-1]
        + ".\u201d",
    ]


def _tail(writer: _Writer) -> list[str]:
    """Notes to editors and a list of unrelated news items: noise the pipeline must drop."""
    rng = writer.rng
    news = []
    for other in rng.sample(OTHER_FORCES, 3):
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        news.append(f"{other} has improved how it responds to the public{day:02d}/{month:02d}/2025 10:20:00")
        news.append(f"{other} is good at preventing crime, the police inspectorate has said.")
    return [
        "Notes to editors",
        "1. For further information, please contact the HMICFRS Press Office on 0300 071 6781.",
        "2. HMICFRS is an independent inspectorate.",
        "Latest News from",
        *news,
    ]
