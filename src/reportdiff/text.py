"""Small text helpers shared by the stages: normalising for matching, and words for comparing."""

from __future__ import annotations

import re
import unicodedata

_STRAIGHTEN = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'", "\u2013": "-", "\u2014": "-"}
)
# Invisible characters that copy-paste leaves in text: zero-width spaces and joiners, soft hyphens, BOMs, and
# control characters (a file with more than a few is refused as binary; the few left carry no text), and lone
# surrogates, which a PDF's font map can produce and no output encoding can write.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff\ud800-\udfff]"
)
# Odd spaces, and the Unicode line separators, which are not line ends in a file a person edits.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v\x85\u2028\u2029]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# The closing hashes are stripped in code: a pattern like `(.*?)\s*#*\s*$` backtracks cubically over a long
# run of spaces or hashes in an untrusted line.
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*)$")


def clean_text(text: str) -> str:
    """Unicode-normalise text as read: NFC, invisible characters removed, odd spaces made plain."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def for_matching(text: str) -> str:
    """The form patterns are matched against: straight quotes and plain hyphens; same length as `text`."""
    return text if text.isascii() else text.translate(_STRAIGHTEN)  # the table changes no ASCII character


def words(text: str) -> list[str]:
    """Lower-case words, for difflib and for indexing."""
    return _WORD.findall(for_matching(text).lower())


# Between the cells of a table row in a segment's text ("Responding to children at risk | Good").
CELL = " | "


def squash(text: str) -> str:
    """Whitespace folded to single spaces and trimmed."""
    return " ".join(text.split())


def markdown_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading ("## Findings ##"), closing hashes dropped; None for any other line."""
    match = _MD_HEADING.match(line)
    if match is None:
        return None
    text = match.group(2).rstrip()
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):
        text = unclosed
    return len(match.group(1)), squash(text)


def organisation_pattern(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    """Capitalised names ending in one of `suffixes` ("Devon and Cornwall Police"); case matters here."""
    name = r"[A-Z][\w'’.&-]*"
    ends = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    # A name starts where no name character precedes it: with a plain `\b`, a long run like "A-A-A-..." offers
    # a start at every letter and each one scans to the end, which is quadratic.
    return re.compile(
        rf"(?<![\w'’.&-])((?:The\s+)?{name}(?:\s+(?:and|of|&)\s+{name}|\s+{name}){{0,3}})"
        rf"\s+(?:{ends})\b(?!\s+and\s+Crime)"
    )


def organisation_names(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Organisation names in `text`, as written, without a leading 'The' or possessive."""
    names = []
    for match in pattern.finditer(text):
        full = re.sub(r"^The\s+", "", match.group(0))
        names.append(re.sub(r"['’]s?$", "", full))
    return names


# difflib with autojunk off is quadratic in a sequence's length: longer "sentences" (a PDF table read as one
# line) are compared only when identical, never word by word.
MAX_COMPARED_WORDS = 300


def comparable(*sequences: list[str]) -> bool:
    """Whether every sequence is short enough for a word-by-word difflib comparison."""
    return all(len(sequence) <= MAX_COMPARED_WORDS for sequence in sequences)
