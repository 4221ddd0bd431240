"""Small text helpers shared by the stages: normalising for matching, and words for comparing."""
from __future__ import annotations

import re
import unicodedata

_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'",
                             "\u2013": "-", "\u2014": "-"})
# Invisible characters that copy-paste leaves in text: zero-width spaces and joiners, soft hyphens, BOMs.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def clean_text(text: str) -> str:
    """Unicode-normalise text as read: NFC, invisible characters removed, odd spaces made plain."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def for_matching(text: str) -> str:
    """The form patterns are matched against: straight quotes and plain hyphens; same length as `text`."""
    return text.translate(_STRAIGHTEN)


def words(text: str) -> list[str]:
    """Lower-case words, for difflib and for indexing."""
    return _WORD.findall(for_matching(text).lower())


def squash(text: str) -> str:
    """Whitespace folded to single spaces and trimmed."""
    return " ".join(text.split())


def organisation_pattern(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    """Capitalised names ending in one of `suffixes` ("Devon and Cornwall Police"); case matters here."""
    name = r"[A-Z][\w'’.&-]*"
    ends = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    return re.compile(rf"\b((?:The\s+)?{name}(?:\s+(?:and|of|&)\s+{name}|\s+{name}){{0,3}})\s+(?:{ends})\b"
                      r"(?!\s+and\s+Crime)")


def organisation_names(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Organisation names in `text`, as written, without a leading 'The' or possessive."""
    names = []
    for match in pattern.finditer(text):
        full = re.sub(r"^The\s+", "", match.group(0))
        names.append(re.sub(r"['’]s?$", "", full))
    return names
