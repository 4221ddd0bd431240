"""Stage 3, segment: split a document into sentences and list items with line numbers, and drop the noise."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import prefilter
from .model import Document, Dropped, Segment, Segmentation, SourceLine, Speaker, Taxonomy
from .noise import noise_reason
from .people import FOLD, with_people
from .prefilter import Screen, possible, screen
from .text import CELL, for_matching, markdown_heading, organisation_names, organisation_pattern, squash

_LIST_MARKER = re.compile(
    r"^\s*(?:(?:[-*\u2022\u00b7\u25aa\u2023\u25e6\u2013]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]+\))\s+|"
    r"[-\u2022](?=[a-z]))"
)
# "2 Findings", "2.1 Missing children", "Section 3: Leadership": numbered headings, not list items.
_NUMBERED_HEADING = re.compile(
    r"^(?:(?:section|chapter|part)\s+)?(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s*[:\-\u2013])?\s+"
    r"(?=[A-Z])[^.!?;:]{2,90}$",
    re.IGNORECASE,
)
_CAPITALS_HEADING = re.compile(r"^(?=.*[A-Z]{2})[A-Z0-9][A-Z0-9 ,&'\u2019()/\-\u2013]{2,80}$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
HEADING_WORDS = 12
# Table rows: cells apart by a tab or three or more spaces (two can follow a full stop in typed prose).
_CELL_GAP = re.compile(r"\t+|\s{3,}")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")
MAX_CELLS = 6
CELL_CHARS = 80
CAPTION_WORDS = 30
MIN_DOUBLED = 20  # characters a phrase needs to count as repeated within its line
CAPTION_REASON = "image caption (printed twice beside its picture)"
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]{1,500}")
# A lower-case run glued to the capitals that open a newspaper's first paragraph: an image's name left in the
# text.
_GLUED_SLUG = re.compile(r"^\s*[a-z][a-z0-9]{3,}(?=[A-Z]{1,}\b|[A-Z][a-z]+\s+[A-Z]{2,})")
LONGEST_HEADING = 24  # a line without closing punctuation longer than this is a cut paragraph
ITEM_CHARS = 400  # a line longer than this is a paragraph, whatever its shape
WRAPPED_LINE = 60  # in paged text, a line this long that runs on is wrapped, not a heading
# A line on at least this share of a paged document's pages (and on 3 or more) is a running header or footer.
RUNNING_SHARE = 0.5
_TERMINAL = re.compile(r"[.!?:;]['\"\u2019\u201d)]*\s*$")
_JOINING_END = re.compile(
    r"(?:[,\-\u2013\u2014(]|\b(?:and|or|nor|the|a|an|of|to|in|into|for|with|by|on|at|from|"
    r"that|which|who|whose|its|their|our|his|her|but|as|than|is|are|was|were|be|been|has|have|"
    r"had|not|also|such|this|these|those|when|where|about|under|over)\b)\s*$",
    re.IGNORECASE,
)
_OPEN_QUOTE = ("\u201c", '"', "\u2018", "'")
# Initials ("J. Smith") never end a sentence; the taxonomy's abbreviations (titles, ranks, months) add to
# them.
_INITIAL = re.compile(r"\b[A-Z]\.$")
_SENTENCE_END = re.compile(r"[.!?]['\"\u2019\u201d)]*(?=\s+[\"\u201c\u2018'(]?[A-Z0-9\u00c0-\u00de])")
# A line this long is a paragraph of its own, not a hard-wrapped piece of one.
PARAGRAPH_LINE = 100
MIN_WORDS = 3
# How far after a speaker's name its reporting verb may stand ("Inspectors who returned in May found ...").
ATTRIBUTION_WINDOW = 60


@dataclass
class _Unit:
    """A paragraph or list item being assembled from lines."""

    pieces: list[tuple[int, str]]
    paragraph: int
    list_item: bool = False
    quoted: bool = False
    quote_speaker: Speaker | None = None
    lead_in: str = ""
    section: str = ""
    page: int | None = None
    number: str = ""


@dataclass
class _State:
    """What segmenting has seen so far in one document."""

    narrative: Speaker
    abbreviations: re.Pattern[str] = _INITIAL  # the taxonomy's: words whose full stop ends no sentence
    quote_speaker: Speaker | None = None
    last_named: Speaker | None = None  # who "he" or "she" is when a later quotation is attributed by pronoun
    lead_in: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    paragraph: int = 0


def segment_documents(
    documents: tuple[Document, ...], taxonomy: Taxonomy, subject: str
) -> tuple[Segmentation, ...]:
    """Every document segmented, knowing the people the corpus names with their role (see `people`)."""
    known = with_people(documents, taxonomy)
    return tuple(segment_document(d, known, subject) for d in documents)


def segment_document(document: Document, taxonomy: Taxonomy, subject: str) -> Segmentation:
    """The document's sentences and list items, and what was dropped as noise."""
    content, dropped = drop_noise_lines(document, taxonomy)
    units = build_units(content, taxonomy, document.publisher_role)
    segments: list[Segment] = []
    organisations = organisation_pattern(taxonomy.organisation_suffixes)
    voice = _Voice(default_voice(document.publisher_role))
    for unit in units:
        voice.paragraph(unit.paragraph)
        for line_start, line_end, text, quote_speaker, context in _sentences_of(unit, taxonomy, segments):
            plain = for_matching(text)
            speaker = quote_speaker or voice.narrate(
                _attributed(plain, taxonomy), bool(taxonomy.first_person.search(plain))
            )
            reason = _sentence_noise(text, taxonomy, organisations, subject)
            if reason:
                dropped.append(Dropped(document.id, line_start, text, reason))
                continue
            if len(text.split()) < MIN_WORDS:
                continue
            previous = segments[-1].text if segments and segments[-1].paragraph == unit.paragraph else ""
            segments.append(
                Segment(
                    document.id,
                    text,
                    line_start,
                    line_end,
                    unit.paragraph,
                    unit.list_item,
                    context,
                    speaker,
                    unit.quoted,
                    unit.section,
                    unit.page,
                    unit.number,
                    reported=speaker is Speaker.INSPECTORATE
                    and document.publisher_role is not Speaker.INSPECTORATE,
                    previous=previous,
                )
            )
    return Segmentation(document.id, tuple(segments), tuple(sorted(dropped, key=lambda d: d.line)))


def default_voice(publisher_role: Speaker) -> Speaker:
    """Who speaks in a document's narrative until a sentence says otherwise: its publisher; a press story (or
    any publisher not known to speak for itself) reports the inspection it covers."""
    return Speaker.INSPECTORATE if publisher_role is Speaker.OTHER else publisher_role


@dataclass
class _Voice:
    """The narrative's speaker: a sentence that names its speaker ("the chief constable said") speaks for
    itself and the rest of its paragraph; a text that turns to reporting the inspectorate goes on doing so."""

    default: Speaker
    current: Speaker | None = None
    number: int = -1

    def paragraph(self, number: int) -> None:
        if number != self.number and self.current is not Speaker.INSPECTORATE:
            self.current = None
        self.number = number

    def narrate(self, attributed: Speaker | None, first_person: bool = False) -> Speaker:
        if attributed is not None:
            self.current = attributed
            return attributed
        if first_person:
            return self.default  # "we", "our", "this office": the publisher speaking for itself
        return self.current or self.default


def drop_noise_lines(document: Document, taxonomy: Taxonomy) -> tuple[list[SourceLine | None], list[Dropped]]:
    """Lines with noise replaced by None (a paragraph break), and the dropped lines with their reasons."""
    content: list[SourceLine | None] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    running = running_lines(document.lines)
    captions = shown_twice(document.lines)
    in_tail = False
    for line in document.lines:
        line = _unglued(line)
        text = squash(line.text)
        key = for_matching(text).lower()
        plain = _heading_text(text)
        if not in_tail and any(p.search(plain) for p in taxonomy.noise_tail):
            in_tail = True
        reason = (
            taxonomy.noise_tail_reason
            if in_tail
            else _page_noise(text, running)
            or (CAPTION_REASON if line.number in captions else "")
            or _line_noise(plain, key, seen, taxonomy)
        )
        if text:
            seen.add(key)
        if reason and text:
            dropped.append(Dropped(document.id, line.number, text, reason))
            content.append(None)
        elif reason:
            content.append(None)
        else:
            content.append(line if text else None)
    return content, dropped


def shown_twice(lines: tuple[SourceLine, ...]) -> set[int]:
    """Numbers of short lines repeated at once by the next line (alone, or with a credit after it), or
    repeated within themselves: a picture's caption, which web pages print twice (alternative text, then
    caption)."""
    filled = [line for line in lines if line.text.strip()]
    twice: set[int] = {line.number for line in filled if _doubled(squash(line.text))}
    for line, following in zip(filled, filled[1:], strict=False):
        this, that = squash(line.text).lower(), squash(following.text).lower()
        if len(this.split()) <= CAPTION_WORDS and (that == this or that.startswith(this + " ")):
            twice.update((line.number, following.number))
    return twice


def _doubled(text: str) -> bool:
    """A line that is one phrase twice over, perhaps after a "Source: " label ("Paper: The caption.The
    caption.")."""
    rest = text.split(": ", 1)[1] if ": " in text[:60] else text
    rest = rest.replace(" ", "")
    half = len(rest) // 2
    return len(rest) >= 2 * MIN_DOUBLED and len(rest) % 2 == 0 and rest[:half] == rest[half:]


def _unglued(line: SourceLine) -> SourceLine:
    """A line without web addresses, and without a page's image name glued to its first word ("logonameA
    REPORT released …")."""
    text = _URL.sub(" ", line.text)
    match = _GLUED_SLUG.match(text)
    text = text[match.end() :] if match else text
    return replace(line, text=text) if text != line.text else line


def running_lines(lines: tuple[SourceLine, ...]) -> set[str]:
    """Short lines (digits masked) repeated on many pages of a paged document: running headers and footers."""
    pages: dict[str, set[int]] = {}
    for line in lines:
        if line.page is not None and line.text.strip():
            pages.setdefault(_masked(line.text), set()).add(line.page)
    total = len({line.page for line in lines if line.page is not None})
    if total < 3:
        return set()
    return {
        text
        for text, on in pages.items()
        if len(on) >= max(3, RUNNING_SHARE * total) and len(text.split()) <= HEADING_WORDS
    }


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", squash(text).lower())


def _page_noise(text: str, running: set[str]) -> str:
    if not running or not text:
        return ""
    if _masked(text) in running:
        return "running header or footer"
    return "page number" if _PAGE_NUMBER.match(text) else ""


def _line_noise(plain: str, key: str, seen: set[str], taxonomy: Taxonomy) -> str:
    if not plain:
        return ""
    if key in seen and len(key) >= 15:
        return "repeated line"
    return noise_reason(plain, taxonomy)


def table_row(line: str) -> str:
    """A line laid out as a table row (cells apart by a tab or a run of spaces, as text taken from a page
    keeps them, or between pipes in Markdown) with its cells joined by CELL; "" for any other line. A cell
    that ends a sentence makes it prose."""
    stripped = line.strip()
    piped = len(stripped) > 2 and stripped[0] == stripped[-1] == "|"  # a Markdown table row
    cells = [
        cell.strip()
        for cell in (stripped[1:-1].split("|") if piped else _CELL_GAP.split(stripped))
        if cell.strip()
    ]
    if (
        not 2 <= len(cells) <= MAX_CELLS
        or any(len(cell) > CELL_CHARS for cell in cells)
        or any(_TERMINAL.search(cell) for cell in cells[:-1])
    ):
        return ""
    return CELL.join(squash(cell) for cell in cells)


def _heading_text(text: str) -> str:
    heading = markdown_heading(text)
    return heading[1] if heading else text


def build_units(content: list[SourceLine | None], taxonomy: Taxonomy, publisher_role: Speaker) -> list[_Unit]:
    """Paragraphs and list items, with hard-wrapped lines joined, headings and attribution lines taken out."""
    state = _State(narrative=publisher_role, abbreviations=taxonomy.language.abbreviations)
    units: list[_Unit] = []
    current: _Unit | None = None
    for index, line in enumerate(content):
        if line is None:
            _close(current, state)
            current = None
            continue
        if _TABLE_RULE.match(line.text):
            continue  # the rule under a Markdown table's header row
        text = table_row(line.text) or squash(line.text)
        following = _next_text(content, index)
        if CELL in text:  # a table row is a finding of its own: never a heading, never part of a paragraph
            _close(current, state)
            current = _open_unit(line, text, state, units, taxonomy)
            current.list_item = True
            continue
        if _is_heading(text, following, current, paged=line.page is not None):
            _close(current, state)
            current = None
            _push_heading(state, text)
            continue
        attribution = _said(text, taxonomy)
        if attribution and not attribution.group("rest"):
            _close(current, state)
            current = None
            state.quote_speaker = _quoted_by(attribution.group("who"), state, taxonomy)
            state.lead_in = ""  # "X said:" opens a quotation, and ends any list before it
            continue
        if current is not None and _continues(current, text, taxonomy):
            current.pieces.append((line.number, text))
            continue
        _close(current, state)
        current = _open_unit(line, text, state, units, taxonomy)
    _close(current, state)
    return units


def _said(text: str, taxonomy: Taxonomy) -> re.Match[str] | None:
    """An attribution ("X said:") opening `text`. Its pattern tries every place a verb could stand, which is
    slow on a long line; most lines lack any verb it needs, and are not tried (exact: `prefilter`)."""
    said = taxonomy.language.said
    return said.match(text) if prefilter.can_match(said, text) else None


def _next_text(content: list[SourceLine | None], index: int) -> str:
    following = content[index + 1] if index + 1 < len(content) else None
    return squash(following.text) if following is not None else ""


def _is_heading(text: str, following: str, current: _Unit | None, paged: bool = False) -> bool:
    """A Markdown heading, or a standalone line without closing punctuation that the next line does not
    continue.

    Text taken from PDF pages is wrapped at the page width: there a long line is a wrapped one, never a
    heading.
    """
    if markdown_heading(text) is not None:
        return True
    if paged and following and len(text) >= WRAPPED_LINE:
        return False
    if (
        _TERMINAL.search(text)
        or _JOINING_END.search(text)
        or len(text.split()) > HEADING_WORDS
        and _LIST_MARKER.match(text)
    ):
        return False
    if len(text.split()) > LONGEST_HEADING or _SENTENCE_END.search(text) or text[:1].islower():
        return False  # a paragraph cut short (a truncated page), or a list item that lost its bullet
    if _NUMBERED_HEADING.match(text) or _CAPITALS_HEADING.match(text):
        return not following or not following[:1].islower()
    if _LIST_MARKER.match(text):
        return False
    if current is not None and not _TERMINAL.search(current.pieces[-1][1]):
        return False
    return not following or not following[:1].islower()


def _push_heading(state: _State, text: str) -> None:
    level, title = heading_level(text, first=not state.headings)
    state.headings = [h for h in state.headings if h[0] < level] + [(level, title)]
    state.quote_speaker = None


def heading_level(text: str, first: bool) -> tuple[int, str]:
    """A heading's level and title: Markdown's #s, a number's depth ("2.1" is 3), else 1 for the first, 2
    after."""
    heading = markdown_heading(text)
    if heading:
        return heading
    numbered = _NUMBERED_HEADING.match(text)
    if numbered:
        return numbered.group(1).count(".") + 2, squash(text)
    return (1 if first else 2), squash(text)


def _continues(unit: _Unit, text: str, taxonomy: Taxonomy) -> bool:
    """Whether `text` is the next hard-wrapped line of `unit` rather than a new paragraph or item."""
    last = unit.pieces[-1][1]
    if _LIST_MARKER.match(text) or len(last) > PARAGRAPH_LINE and _TERMINAL.search(last):
        return False
    if _TERMINAL.search(last) and (text.startswith(_OPEN_QUOTE) or _said(text, taxonomy)):
        return False  # a quotation or an attribution opens a paragraph of its own
    if unit.list_item:
        return text[:1].islower()
    return not _TERMINAL.search(last) or text[:1].islower() or len(last) <= PARAGRAPH_LINE


def _open_unit(line: SourceLine, text: str, state: _State, units: list[_Unit], taxonomy: Taxonomy) -> _Unit:
    marker = _LIST_MARKER.match(text)
    number = re.sub(r"[^0-9a-z]", "", marker.group(0).lower()) if marker else ""
    if marker:
        text = text[marker.end() :]
    # Lines under a lead-in that lost their bullets (a page's list copied as plain lines) are items too.
    item = bool(marker) or bool(state.lead_in) and not text.startswith(_OPEN_QUOTE) and _item_like(text)
    # A list continues the paragraph that introduced it, so its items share that paragraph's dates.
    continues_list = item and (state.lead_in or units and units[-1].list_item)
    state.paragraph += 0 if continues_list else 1
    quoted = text.startswith(_OPEN_QUOTE)
    inline = _said(text, taxonomy)
    if inline and inline.group("rest").startswith(_OPEN_QUOTE):
        state.quote_speaker = _quoted_by(inline.group("who"), state, taxonomy)
        quoted = True
    unit = _Unit(
        [(line.number, text)],
        state.paragraph,
        list_item=item,
        quoted=quoted,
        quote_speaker=state.quote_speaker if quoted else None,
        lead_in=state.lead_in if item else "",
        section=_section(state),
        page=line.page,
        number=number,
    )
    units.append(unit)
    return unit


def _item_like(text: str) -> bool:
    """A line that reads as an item of a list, not a paragraph: it starts in lower case, or it ends with the
    semicolon or comma of a list. (A capitalised line that runs on is the first of a hard-wrapped
    paragraph.)"""
    return len(text) <= ITEM_CHARS and (text[:1].islower() or text.rstrip().endswith((";", ",")))


def _section(state: _State) -> str:
    return " \u203a ".join(title for level, title in state.headings if level > 1)


def _close(unit: _Unit | None, state: _State) -> None:
    """Finish a unit: remember a lead-in ending in ':' for the list that follows; end a quote run."""
    if unit is None:
        return
    joined = " ".join(text for _, text in unit.pieces)
    if not unit.list_item:
        state.lead_in = _last_sentence(joined, state.abbreviations) if joined.rstrip().endswith(":") else ""
    if not unit.quoted and not unit.list_item:
        state.quote_speaker = None


def _last_sentence(text: str, abbreviations: re.Pattern[str]) -> str:
    spans = split_sentences(text, abbreviations)
    return text[spans[-1][0] : spans[-1][1]].strip() if spans else text


def split_sentences(text: str, abbreviations: re.Pattern[str] = _INITIAL) -> list[tuple[int, int]]:
    """Sentence spans of `text`; initials and `abbreviations` (the taxonomy's) do not end a sentence."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # Only the few characters before the stop can be an abbreviation: search just those (linear, not
        # quadratic).
        window = max(start, match.start() - 8), match.start() + 1
        if _INITIAL.search(text, *window) or abbreviations.search(text, *window):
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _sentences_of(
    unit: _Unit, taxonomy: Taxonomy, earlier: list[Segment]
) -> list[tuple[int, int, str, Speaker | None, str]]:
    """(line_start, line_end, text, quote speaker or None for narrative, context) for each sentence of the
    unit."""
    text, offsets = _joined(unit)
    inline = _said(text, taxonomy)
    speaker_of_quote = unit.quote_speaker
    text_start = inline.start("rest") if inline and inline.group("rest").startswith(_OPEN_QUOTE) else 0
    out = []
    previous = earlier[-1].text if earlier else ""
    for start, end in split_sentences(text[text_start:], taxonomy.language.abbreviations):
        start, end = start + text_start, end + text_start
        sentence = text[start:end].strip()
        speaker, sentence = _speaker_of(sentence, unit, speaker_of_quote, taxonomy)
        context = (
            unit.lead_in if unit.list_item else previous if _continues_previous(sentence, taxonomy) else ""
        )
        out.append(
            (_line_at(offsets, start), _line_at(offsets, max(start, end - 1)), sentence, speaker, context)
        )
        previous = sentence
    return out


def _speaker_of(
    sentence: str, unit: _Unit, quote_speaker: Speaker | None, taxonomy: Taxonomy
) -> tuple[Speaker | None, str]:
    """The quote's speaker and the quoted text; None where the sentence is narrative."""
    trailing = taxonomy.language.trailing_said.match(sentence)
    if trailing:
        return _speaker_in(trailing.group("who"), taxonomy) or Speaker.OTHER, trailing.group("quote")
    return (quote_speaker if unit.quoted else None), sentence


def _continues_previous(sentence: str, taxonomy: Taxonomy) -> bool:
    plain = for_matching(sentence).lstrip("\"'(")
    return any(p.search(plain) for p in taxonomy.continuation)


def _joined(unit: _Unit) -> tuple[str, list[tuple[int, int]]]:
    """The unit's text, and (offset, line number) where each piece starts."""
    parts, offsets, position = [], [], 0
    for number, text in unit.pieces:
        offsets.append((position, number))
        parts.append(text)
        position += len(text) + 1
    return " ".join(parts), offsets


def _line_at(offsets: list[tuple[int, int]], position: int) -> int:
    number = offsets[0][1]
    for start, line in offsets:
        if start <= position:
            number = line
    return number


def _quoted_by(who: str, state: _State, taxonomy: Taxonomy) -> Speaker:
    """The speaker an attribution ("X said:") names; "he" or "she" is the last one named; else someone
    else."""
    named = _speaker_in(who, taxonomy)
    if named is not None:
        state.last_named = named
        return named
    if taxonomy.language.pronoun_speaker.match(who.strip()) and state.last_named is not None:
        return state.last_named
    return Speaker.OTHER


def _speaker_in(text: str, taxonomy: Taxonomy) -> Speaker | None:
    """The speaker an attribution names: the earliest match of any role's patterns."""
    plain = for_matching(text)
    best: tuple[int, Speaker] | None = None
    for role, pattern in taxonomy.speakers:
        match = pattern.search(plain)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), role)
    return best[1] if best else None


# The screens of the taxonomies' speaker patterns, by the identity of their tuple.
_SPEAKER_SCREENS: dict[int, tuple[tuple[tuple[Speaker, re.Pattern[str]], ...], Screen]] = {}


def _speaker_screen(speakers: tuple[tuple[Speaker, re.Pattern[str]], ...]) -> Screen:
    """The speaker patterns screened by the strings they need (`prefilter.Screen`).

    The corpus's named people (`people.with_people`: "J[oò…]hn\\s+Smith", "Ms\\s+Smith") are many, and grow
    with the corpus: tried one by one, they would cost a search each on every sentence. The screen looks up
    their names ("Smith") in the sentence with its accents folded (`people.FOLD`), and only the few patterns
    whose name it holds are tried.
    """
    cached = _SPEAKER_SCREENS.get(id(speakers))
    if cached is not None and cached[0] is speakers:
        return cached[1]
    screened = screen(tuple(pattern for _, pattern in speakers), FOLD)
    if len(_SPEAKER_SCREENS) >= 64:
        _SPEAKER_SCREENS.clear()
    _SPEAKER_SCREENS[id(speakers)] = (speakers, screened)  # the tuple is kept: its id is not reused
    return screened


def attributed_speaker(sentence: str, taxonomy: Taxonomy) -> Speaker | None:
    """The speaker a narrative sentence attributes itself to ("Inspectors found", "the inspectorate has
    said")."""
    return _attributed(for_matching(sentence), taxonomy)


def _attributed(plain: str, taxonomy: Taxonomy) -> Speaker | None:
    """`attributed_speaker` of a sentence already in its `for_matching` form."""
    best: tuple[int, Speaker] | None = None
    for index in possible(_speaker_screen(taxonomy.speakers), plain):  # exact: the others cannot match
        role, pattern = taxonomy.speakers[index]
        for match in pattern.finditer(plain):
            if taxonomy.reporting.search(
                plain[match.end() : match.end() + ATTRIBUTION_WINDOW]
            ) or taxonomy.language.according.search(plain[max(0, match.start() - 20) : match.start()]):
                if best is None or match.start() < best[0]:
                    best = (match.start(), role)
                break
    return best[1] if best else None


def _sentence_noise(text: str, taxonomy: Taxonomy, organisations: re.Pattern[str], subject: str) -> str:
    reason = noise_reason(text, taxonomy, whole_line=False)
    if reason:
        return reason
    others = _other_organisations(text, organisations, subject, taxonomy.organisation_suffixes)
    return f"about another organisation ({others[0]})" if others else ""


def _other_organisations(
    text: str, organisations: re.Pattern[str], subject: str, suffixes: tuple[str, ...]
) -> list[str]:
    """Organisations of the subject's kind that the sentence names, where it does not name the subject."""
    if not subject:
        return []
    place = place_of(subject, suffixes)
    if place and _place_pattern(place).search(text):
        return []
    if not prefilter.can_match(organisations, text):
        return []  # exact: the sentence lacks every suffix a name needs
    return [name for name in organisation_names(text, organisations) if place_of(name, suffixes) != place]


@lru_cache(maxsize=256)
def _place_pattern(place: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(place)}\b")


@lru_cache(maxsize=4096)  # called for each sentence, with the few names a corpus has
def place_of(organisation: str, suffixes: tuple[str, ...]) -> str:
    """The distinctive part of an organisation's name: "Northamptonshire Police" -> "Northamptonshire"."""
    for suffix in sorted(suffixes, key=len, reverse=True):
        if organisation.endswith(" " + suffix):
            return organisation[: -len(suffix) - 1].strip()
    return organisation
