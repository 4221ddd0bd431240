"""Events a text names in passing: which group each recapped event is, and which sentences tell of earlier
events.

Helper of the inspections stage. A recapped event is the group whose fieldwork or release is its date; else
the group whose own reporting says what the recap says (word runs no other group holds); else a group whose
fieldwork came a few months before the release it names. An event that matches no group is an inspection of
its own (a release recapping a pilot inspection and two revisits reports three inspections).
"""

from __future__ import annotations

from collections import defaultdict

from .coverage import REPORT_AFTER_FIELDWORK, Group
from .events import EventMention, Focus
from .model import EventType, PartialDate, Segment, Taxonomy
from .prefilter import search_any
from .text import for_matching, words

RECAP_SENTENCES = 3  # a recap's own sentence and the next two of its paragraph say what it recaps
GRAM = 4  # words in the runs a recap and a group's texts are compared by
RECAP_GRAMS = 4  # runs, held by no other group, that tie a recap to the group whose texts say the same

EARLY = ("early", "the start of", "the beginning of")
LATE = ("late", "the end of")

Runs = set[tuple[str, ...]]


def is_own(mention: EventMention, focus: Focus) -> bool:
    """Whether a mention names the text's own event (its fieldwork, or its report's release) rather than one
    it recaps or follows."""
    if mention.predecessor:
        return False
    if mention.publication:
        released = focus.publication
        return (
            mention.date is not None
            and released is not None
            and (mention.date.year, mention.date.month) == (released.year, released.month)
        )
    own = focus.fieldwork
    if own is None or mention.date == own:
        return True
    return mention.date is not None and own.month is None and mention.date.year == own.year


def recap_sentences(focus: Focus, segments: list[Segment], taxonomy: Taxonomy) -> set[int]:
    """Sentences that tell of an earlier event: those naming it, and the rest of their paragraph up to a
    sentence about the text's own event or about now."""
    starts = {m.sentence for m in focus.mentions if not is_own(m, focus) and not m.reference}
    owns = {m.sentence for m in focus.mentions if is_own(m, focus)}
    recap: set[int] = set()
    paragraph, carrying = -1, False
    for index, segment in enumerate(segments):
        if _earlier_section(segment.section, taxonomy):
            recap.add(index)  # under a heading such as "Our 2021 inspection"
            continue
        if segment.paragraph != paragraph:
            paragraph, carrying = segment.paragraph, False
        if index in starts:
            carrying = True
        elif index in owns or search_any(taxonomy.events.present, for_matching(segment.text)):
            carrying = False
        if carrying:
            recap.add(index)
    return recap


def _earlier_section(section: str, taxonomy: Taxonomy) -> bool:
    """Whether a section's heading names an earlier inspection: all it says recaps that inspection."""
    innermost = section.split("\u203a")[-1]
    return bool(innermost) and any(p.search(for_matching(innermost)) for p in taxonomy.events.predecessor)


def own_runs(each: list[Runs], recap: set[int]) -> Runs:
    """The word runs of a text's own reporting, its recaps of earlier events (`recap_sentences`) left out.
    `each`: every sentence's `runs_of`."""
    return {run for i, runs in enumerate(each) if i not in recap for run in runs}


class Told:
    """For each sentence, the word runs of it and the next sentences of its paragraph: what a recap says.
    Gathered when asked for (only sentences naming an event are), from every sentence's `runs_of`."""

    def __init__(self, segments: list[Segment], each: list[Runs]) -> None:
        self.segments, self.each = segments, each

    def __getitem__(self, index: int) -> Runs:
        segments, paragraph = self.segments, self.segments[index].paragraph
        following = [
            self.each[at]
            for at in range(index, min(index + RECAP_SENTENCES, len(segments)))
            if segments[at].paragraph == paragraph
        ]
        return set().union(*following)


def runs_of(text: str) -> Runs:
    tokens = words(text)
    return {tuple(tokens[i : i + GRAM]) for i in range(len(tokens) - GRAM + 1)}


def recap_events(groups: list[Group], runs: dict[str, Runs], said: dict[str, Told]) -> list[Group]:
    """Attach every dated event a text names besides its own to a group; return the new groups of events that
    match none."""
    home = {doc: g for g in groups for doc in g.documents}
    extra: list[Group] = []
    for group in groups:
        for focus in group.focus:
            if focus.scope:
                continue
            for mention in focus.mentions:
                if (
                    mention.date is None
                    or is_own(mention, focus)
                    or _names_home(mention, home[focus.document], groups + extra)
                ):
                    continue  # its own group's date: not a recap
                target = recap_target(
                    mention,
                    groups + extra,
                    home[focus.document],
                    said[focus.document][mention.sentence],
                    runs,
                    focus.document,
                )
                if target is None and _ambiguous(mention, groups + extra):
                    # A bare year two known events share: not the text's own event for sure, so the likeliest
                    # earlier one of that year, never the text's own (an old finding must not weigh as new).
                    target = _likeliest_of_year(mention, groups + extra, home[focus.document])
                    if target is None:
                        continue
                if target is None:
                    target = Group([])
                    extra.append(target)
                target.recaps.append((mention, focus.document))
    return extra


def _ambiguous(mention: EventMention, groups: list[Group]) -> bool:
    date = mention.date
    return (
        date is not None
        and date.month is None
        and mention.qualifier not in EARLY + LATE
        and sum(any(d.year == date.year for d in g.fieldwork() + releases(g)) for g in groups) > 1
    )


def _likeliest_of_year(mention: EventMention, groups: list[Group], home: Group) -> Group | None:
    """Among the events of the year a bare year names that began before the text's own: one of the type it
    names, else the latest."""
    assert mention.date is not None
    year, start = mention.date.year, home.start()
    fits = [
        g
        for g in groups
        if g is not home
        and any(d.year == year for d in g.fieldwork() + releases(g))
        and (start is None or (g.start() or start) < start)
    ]
    typed = [g for g in fits if mention.type is not None and mention.type in _types(g)]
    chosen = typed or fits
    return max(chosen, key=lambda g: g.start() or (0, 0, 0)) if chosen else None


def _types(group: Group) -> list[EventType]:
    return [f.type for f in group.focus if f.type is not None] + [m.type for m, _ in group.recaps if m.type]


def recap_target(
    mention: EventMention, groups: list[Group], home: Group, said: Runs, runs: dict[str, Runs], author: str
) -> Group | None:
    """The group a recapped event is (see the module's docstring); None if none fits."""
    if mention.date is not None:
        exact = _exact(mention.date, [g for g in groups if g is not home], mention.qualifier)
        if exact is not None:
            return exact
    by_content = _said_by(mention, groups, home, said, runs, author)
    if by_content is not None or mention.date is None or mention.date.month is None:
        return by_content
    near = [(gap, i) for i, g in enumerate(groups) if g is not home and (gap := _gap(g, mention)) is not None]
    return groups[min(near)[1]] if near else None


def _said_by(
    mention: EventMention, groups: list[Group], home: Group, said: Runs, runs: dict[str, Runs], author: str
) -> Group | None:
    """The group whose own reporting holds most of the recap's word runs that no other group holds."""
    held = [
        (i, [runs[doc] for doc in g.documents if doc != author])
        for i, g in enumerate(groups)
        if g is not home and g.focus
    ]
    counts: dict[int, int] = defaultdict(int)
    for run in said:  # each run held by one group only counts for it: linear in the groups, not quadratic
        holding = [i for i, doc_runs in held if any(run in r for r in doc_runs)]
        if len(holding) == 1:
            counts[holding[0]] += 1
    best, best_count = None, RECAP_GRAMS - 1
    for i, _ in held:
        if counts[i] > best_count:
            best, best_count = groups[i], counts[i]
    return best


def _names_home(mention: EventMention, home: Group, groups: list[Group]) -> bool:
    """Whether a dated mention names the document's own inspection: its month is the home group's, or its year
    picks the home group among all of them."""
    assert mention.date is not None
    if mention.date.month is not None:
        return _exact(mention.date, [home], mention.qualifier) is not None
    return _exact(mention.date, groups, mention.qualifier) is home


def _exact(date: PartialDate, groups: list[Group], qualifier: str = "") -> Group | None:
    """The group whose fieldwork or release is this month; for a year alone, the one group whose fieldwork
    (else any date) falls in that year, or with "early" or "late" the first or last of them."""
    if date.month is not None:
        return next(
            (
                g
                for g in groups
                if any((d.year, d.month) == (date.year, date.month) for d in g.fieldwork() + releases(g))
            ),
            None,
        )
    for dates_of in (_fieldwork_of, _any_date_of):
        fits = sorted(
            (min(d.sort_key() for d in dates_of(g) if d.year == date.year), i)
            for i, g in enumerate(groups)
            if any(d.year == date.year for d in dates_of(g))
        )
        if len(fits) == 1 or fits and qualifier in EARLY:
            return groups[fits[0][1]]
        if fits and qualifier in LATE:
            return groups[fits[-1][1]]
    return None


def _fieldwork_of(group: Group) -> list[PartialDate]:
    return group.fieldwork()


def _any_date_of(group: Group) -> list[PartialDate]:
    return group.fieldwork() + releases(group)


def releases(group: Group) -> list[PartialDate]:
    """Dates a group's report may have come out: its earliest dated text, releases others name, its own."""
    firm = sorted(group.firm.values(), key=lambda d: d.sort_key())
    named = [m.date for m, _ in group.recaps if m.publication and m.date is not None]
    own = [f.publication for f in group.focus if f.publication is not None]
    return firm[:1] + named + own


def _gap(group: Group, mention: EventMention) -> int | None:
    """How far a recapped event lies from a group that could be it: fieldwork a few months before its
    report."""
    assert mention.date is not None
    here = mention.date.month_number()
    if mention.publication:
        gaps = [here - d.month_number() for d in group.fieldwork() if d.month]
    else:
        gaps = [d.month_number() - here for d in releases(group) if d.month]
    fitting = [g for g in gaps if 0 <= g <= REPORT_AFTER_FIELDWORK]
    return min(fitting) if fitting else None


def followed_group(focus: Focus, groups: list[Group]) -> Group | None:
    """The group holding the events a text names as the ones its own event follows (the latest such)."""
    found = [
        (m.date.sort_key() if m.date else (0, 0, 0), i)
        for i, g in enumerate(groups)
        for m, doc in g.recaps
        if doc == focus.document and m.predecessor
    ]
    return groups[max(found)[1]] if found else None
