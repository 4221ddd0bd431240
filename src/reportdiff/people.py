"""People a corpus names with their role ("HM Inspector of Constabulary Zoë Billingham", "Nick Alston, Police
and Crime Commissioner"): so that a text quoting them by name alone ("Zoe Billingham, who led the inspection,
said") is attributed to the right speaker.

Helper of the segment stage: one pass over all documents before any is segmented.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import replace

from .model import Document, Speaker, Taxonomy
from .prefilter import Screen, possible, screen
from .text import for_matching

_WORD = r"[A-Z][^\W\d_]+(?:['\-][A-Z]?[^\W\d_]+)?"
_NAME = rf"{_WORD}(?:\s+[A-Z]\.)?\s+{_WORD}"
# After a title: its "of Constabulary and Fire & Rescue Services" or "for Essex", then the name.
_AFTER_TITLE = re.compile(
    rf"^,?\s*(?:(?:of|for)\s+(?:(?:the|and|&)\s+|[A-Z][\w&]*,?\s+){{1,7}}?,?\s*)?"
    rf"(?P<name>{_NAME})\b(?!\s+[A-Z])"
)
_BEFORE_TITLE = re.compile(rf"(?P<name>{_NAME}),\s*(?:the\s+)?$")


def with_people(documents: tuple[Document, ...], taxonomy: Taxonomy) -> Taxonomy:
    """The taxonomy with the corpus's named people added to its speakers (a name seen with two roles is left
    out)."""
    roles: dict[str, set[Speaker]] = defaultdict(set)
    speakers = screen(tuple(pattern for _, pattern in taxonomy.speakers))
    for document in documents:
        for line in document.lines:
            for name, role in _named(for_matching(line.text), taxonomy, speakers):
                roles[_plain(name)].add(role)
    named = tuple(
        (next(iter(found)), pattern)
        for name, found in sorted(roles.items())
        if len(found) == 1
        for pattern in _patterns(name, taxonomy.language.honorific)
    )
    return replace(taxonomy, speakers=taxonomy.speakers + named) if named else taxonomy


def _named(text: str, taxonomy: Taxonomy, speakers: Screen) -> list[tuple[str, Speaker]]:
    found = []
    for index in possible(speakers, text):  # exact: the speaker patterns that cannot match are not tried
        role, pattern = taxonomy.speakers[index]
        for match in pattern.finditer(text):
            after = _AFTER_TITLE.match(text[match.end() :])
            before = _BEFORE_TITLE.search(text[max(0, match.start() - 60) : match.start()])
            for hit in (after, before):
                if hit is not None:
                    found.append((hit.group("name"), role))
    return found


def _plain(name: str) -> str:
    """A name without accents and with single spaces ("Zoë" and "Zoe" are one person)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.split())


def _patterns(name: str, honorific: str) -> tuple[re.Pattern[str], ...]:
    """The name in full (accents optional), and the surname after an honorific ("Ms Williams")."""
    parts = name.split()
    loose = r"\s+".join(_accents_optional(p) for p in parts)
    surname = _accents_optional(parts[-1])
    return (re.compile(rf"\b{loose}\b"), re.compile(rf"\b{honorific}\s+{surname}\b"))


_VARIANTS = {"a": "aàáâäå", "e": "eèéêë", "i": "iìíîï", "o": "oòóôöø", "u": "uùúûü", "c": "cç", "n": "nñ"}
# Each accented letter the name patterns accept to its plain letter: a name pattern's letters fold to the name
# (`prefilter.Screen` looks the names up in a text so folded).
FOLD = {ord(accented): plain for plain, letters in _VARIANTS.items() for accented in letters[1:]}


def _accents_optional(word: str) -> str:
    """A regular expression for `word` that also matches it with accented letters ("Zoe" finds "Zoë")."""
    return "".join(f"[{_VARIANTS[ch]}]" if ch in _VARIANTS else re.escape(ch) for ch in word)
