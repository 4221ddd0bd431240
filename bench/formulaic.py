"""A deterministic corpus in house style, for the benchmark: a few dozen sentence frames shared by every
report.

Inspection reports reuse the same frames ("We found the force …", "The force should …", "Inspectors were
concerned that …") with different subjects, theme phrases and fillers. Here every finding is one frame, one
subject, one theme phrase and one to three fillers, each drawn from a short list (sentences about as long as
`corpus`'s, some 24 words), so that unrelated findings often share half
their words and the aligner meets many pairs above its threshold. The reports are laid out as `corpus` lays
out its own (header, theme chapters, summary, quotes, noise), with reworded echoes of earlier reports as
there.
"""

from __future__ import annotations

import random
from pathlib import Path

from corpus import (  # bench/ is on the path when run.py runs
    HEADINGS,
    PLACES,
    TOPICS,
    WORDS_PER_REPORT,
    _header,
    _quotes,
    _tail,
    _Writer,
    inspection_month,
    reword,
)

ECHO_SHARE = 0.1
SUMMARY_SHARE = 0.04

CONCERN_FRAMES = (
    "We found the force {did_not} {manage} {t} well enough",
    "We found the force {did_not} {manage} {t}",
    "The force should {improve} {t}",
    "The force should make sure that {subject} {manage} {t}",
    "Inspectors were concerned that {subject} {did_not} {manage} {t}",
    "Inspectors were concerned that {t} {was} {poor}",
    "We were concerned that {t} {was} {poor}",
    "We found that {subject} {did_not} {manage} {t}",
    "We found that {t} {was} {poor}",
    "The force needs to {improve} {t}",
    "There {was} a lack of supervision of {t}",
    "We found delays in {t}",
    "{Subject} {did_not} {manage} {t}",
    "We have concerns about {t}",
    "The force has not yet {improved} {t}",
)
PROGRESS_FRAMES = (
    "We found the force {now} {manages} {t} well",
    "We found that {subject} {now} {manage} {t} well",
    "The force has made {good} progress in {t}",
    "The force has {improved} {t}",
    "Inspectors were reassured that {t} {was} {sound}",
    "We were pleased to find that {t} {was} {sound}",
    "We found that {t} {was} {sound}",
    "{Subject} {now} {manage} {t} well",
    "The force has invested in {t}",
    "We found good practice in {t}",
)
NEUTRAL_FRAMES = (
    "We spoke to {subject} about {t}",
    "We examined {n} case records about {t}",
    "The force told us about its plans for {t}",
)
SUBJECTS = (
    "officers",
    "supervisors",
    "call handlers",
    "senior leaders",
    "detectives",
    "staff",
    "neighbourhood officers",
    "response officers",
    "managers",
    "investigators",
    "the force",
    "frontline officers",
)
VERBS = {
    "did_not": ("did not", "did not always", "did not consistently", "could not show that they"),
    "manage": ("manage", "record", "review", "prioritise", "understand", "oversee", "assess"),
    "improve": ("improve", "review", "strengthen", "get a better grip on", "make sure it monitors"),
    "improved": ("improved", "strengthened", "reviewed", "changed"),
    "poor": ("not good enough", "inconsistent", "poor", "inadequate", "not always effective", "too slow"),
    "sound": ("good", "effective", "consistent", "much improved", "well managed"),
    "now": ("now", "consistently", "effectively", "routinely"),
    "manages": ("manages", "records", "reviews", "prioritises", "oversees"),
    "good": ("good", "some", "real", "steady", "clear"),
}
OPENERS = (
    "",
    "",
    "",
    "In {place}, ",
    "Since our last inspection, ",
    "At the time of our inspection, ",
    "As in other forces, ",
    "In the cases we reviewed, ",
)
FILLERS = (
    "in the cases we reviewed",
    "in {n} of the {m} cases we examined",
    "across the force area",
    "at the time of our inspection",
    "for children at risk",
    "in {place}",
    "since our last inspection",
    "in most of the cases we looked at",
    "for children who need help",
    "in some cases",
    "and this left children at risk",
    "and this is an area for improvement",
    "in the control room",
    "in the public protection unit",
    "when children were at risk of harm",
    "as we found in {place}",
)


def generate_formulaic(folder: Path, words: int, seed: int = 1) -> list[Path]:
    """Write about `words` words of formulaic reports into `folder` (one .txt per report) and return the
    paths."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = max(2, round(words / WORDS_PER_REPORT))
    writer = _Writer(random.Random(seed))
    paths = []
    for index in range(reports):
        path = folder / f"report-{index:03d}.txt"
        path.write_text(write_report(writer, index, words // reports), encoding="utf-8")
        paths.append(path)
    return paths


def write_report(writer: _Writer, index: int, target: int) -> str:
    """One report of about `target` words: header, theme chapters of formulaic findings, summary, quotes,
    noise."""
    year, month = inspection_month(index)
    published = (year + (month + 2) // 12, (month + 2) % 12 + 1)
    own: list[str] = []
    writer.findings.append(own)
    head = _header(index, year, month, published)
    body: list[str] = []
    count = len(" ".join(head).split())
    themes = list(TOPICS)
    chapters = 0
    while count < target:
        chapter = _chapter(writer, themes[chapters % len(themes)], own)
        chapters += 1
        body.extend(chapter)
        count += len(" ".join(chapter).split())
    rng = writer.rng
    summary = rng.sample(own, max(1, int(len(own) * SUMMARY_SHARE)))
    summary_blocks = ["Summary of findings"] + [
        " ".join(summary[i : i + 5]) for i in range(0, len(summary), 5)
    ]
    return "\n\n".join(head + body + summary_blocks + _quotes(writer) + _tail(writer)) + "\n"


def _chapter(writer: _Writer, theme: str, own: list[str]) -> list[str]:
    """A heading and paragraphs of findings, most on the chapter's theme."""
    rng = writer.rng
    blocks = [HEADINGS[theme]]
    for _ in range(rng.randint(3, 6)):
        sentences = [
            _sentence(writer, theme if rng.random() < 0.7 else rng.choice(list(TOPICS)))
            for _ in range(rng.randint(3, 7))
        ]
        own.extend(sentences)
        blocks.append(" ".join(sentences))
    return blocks


def _sentence(writer: _Writer, theme: str) -> str:
    """A reworded echo of an earlier report's finding, or a fresh one from a frame."""
    rng = writer.rng
    earlier = writer.findings[:-1]
    roll = rng.random()
    if earlier and roll < ECHO_SHARE and earlier[-1]:
        return reword(rng, rng.choice(earlier[-1]))
    frames = NEUTRAL_FRAMES if roll > 0.95 else CONCERN_FRAMES if rng.random() < 0.55 else PROGRESS_FRAMES
    return fill(rng, rng.choice(frames), theme)


def fill(rng: random.Random, frame: str, theme: str) -> str:
    """The frame about one of the theme's topics, with a subject, verbs and one or two fillers."""
    topic = rng.choice(TOPICS[theme])
    plural = topic.endswith("s") and not topic.endswith(("ss", "sis"))
    m = rng.randint(10, 60)
    slots = {key: rng.choice(choices) for key, choices in VERBS.items()}
    slots["was"] = "were" if plural else "was"
    subject = rng.choice(SUBJECTS)
    slots.update(
        t=topic,
        subject=subject,
        Subject=subject[0].upper() + subject[1:],
        n=str(rng.randint(2, m)),
        m=str(m),
        place=rng.choice(PLACES),
    )
    fillers = [rng.choice(FILLERS) for _ in range(rng.choice((1, 2, 2, 3)))]
    text = (rng.choice(OPENERS) + " ".join([frame, *fillers])).format(**slots) + "."
    return text[0].upper() + text[1:]


def generate_one_document(folder: Path, sentences: int, seed: int = 1) -> list[Path]:
    """One document of `sentences` findings from a single frame whose five slots come from thirty made-up
    words: few pairs read alike enough to merge, yet every pair shares most words (issue 16: 20,000 such
    findings, 2.7 MB, took nine minutes to merge when each was compared with the earlier ones sharing a rare
    word)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    values = [f"w{i}" for i in range(30)]
    lines = [
        f"In the {rng.choice(values)} case the officer recorded the {rng.choice(values)} referral from "
        f"{rng.choice(values)} and the {rng.choice(values)} team reviewed the "
        f"{rng.choice(values)} risk to the "
        f"child within the week."
        for _ in range(sentences)
    ]
    head = [
        "Wessex Police: inspection of child protection",
        "Published on: 2 November 2022",
        "In April 2022 we inspected Wessex Police's child protection arrangements.",
    ]
    path = folder / "one-document.txt"
    path.write_text("\n\n".join(head) + "\n\n" + " ".join(lines) + "\n", encoding="utf-8")
    return [path]
