"""Untrusted strings made safe once, where they enter, and shown safely where they leave.

Entering: `clean_line` for one-line strings (titles, labels, ids from a manifest, taxonomy or baseline),
`bounded` for a title. Leaving: `printable` for a message or a file name on a terminal (controls shown as
escapes), `isolate_bidi` for Markdown and terminal text, `bdi_html` for HTML, `breakable` for the PDF's layout
engine.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

from .text import clean_text

# Embeddings and overrides (closed by PDF, U+202C) and isolates (closed by PDI, U+2069): the controls that
# change the direction of the text after them until closed, so an unclosed one runs on into whatever follows.
EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")
ISOLATES = frozenset("\u2066\u2067\u2068")
POP_EMBEDDING, POP_ISOLATE = "\u202c", "\u2069"
FIRST_STRONG_ISOLATE = "\u2068"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Unicode categories a message shows as escapes: controls, format characters (invisible, bidi), separators,
# surrogates and private use.
UNSHOWN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})
# A run of this many characters without a space is no word: the PDF gets a break opportunity inside it.
BREAK_EVERY = 64  # a SHA-256 in hexadecimal is left whole
_UNBROKEN = re.compile(rf"[^\s\u200b]{{{BREAK_EVERY + 1},}}")
_ZERO_WIDTH_SPACE = "\u200b"


def clean_line(value: str) -> str:
    """One line of untrusted text: cleaned like a document's text (no controls, no surrogates), whitespace
    folded."""
    return " ".join(clean_text(value).split())


def bounded(value: str, limit: int) -> str:
    """`value` cut to at most `limit` characters, at the last word boundary that fits, with an ellipsis."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "\u2026"


def printable(value: str) -> str:
    """`value` for one line of a terminal or a log: control, format (bidi, zero-width), separator, surrogate
    and private-use characters become escapes like `\\x1b`, so a name cannot break a line or steer a
    terminal."""
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in UNSHOWN else ch for ch in value)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as printable text: bytes that are not UTF-8 (in any locale) become U+FFFD, then `printable`."""
    try:
        text = os.fsencode(path).decode("utf-8", "replace")
    except UnicodeEncodeError:  # a str that never came from the file system
        text = os.fspath(path)
    return printable(text)


def has_bidi(value: str) -> bool:
    """Whether `value` holds an embedding, override or isolate control."""
    return _BIDI.search(value) is not None


def balance_bidi(value: str) -> str:
    """`value` with every embedding, override and isolate it opens closed at its end, and closers that close
    nothing dropped: whatever follows is laid out as if `value` had no controls."""
    if not has_bidi(value):
        return value
    kept: list[str] = []
    open_: list[str] = []
    for ch in value:
        if ch in EMBEDDINGS or ch in ISOLATES:
            open_.append(ch)
        elif ch == POP_EMBEDDING and (not open_ or open_[-1] not in EMBEDDINGS):
            continue
        elif ch == POP_EMBEDDING:
            open_.pop()
        elif ch == POP_ISOLATE and not any(o in ISOLATES for o in open_):
            continue
        elif ch == POP_ISOLATE:
            while open_.pop() not in ISOLATES:
                kept.append(POP_EMBEDDING)  # an isolate's end closes the embeddings inside it
        kept.append(ch)
    closers = [POP_ISOLATE if o in ISOLATES else POP_EMBEDDING for o in reversed(open_)]
    return "".join(kept + closers)


def isolate_bidi(value: str) -> str:
    """`value` for plain text (Markdown, a terminal): if it holds bidi controls, balanced and wrapped in a
    first-strong isolate, so neither its controls nor its direction reach the tool's own words around it."""
    if not has_bidi(value):
        return value
    return FIRST_STRONG_ISOLATE + balance_bidi(value) + POP_ISOLATE


def breakable(value: Any) -> Any:
    """`value` (plain data: dicts, lists, strings) with a zero-width space every `BREAK_EVERY` characters of
    any longer run without a space: the PDF's layout engine takes quadratic time to break one long token
    itself. The same string always becomes the same string, so ids and their references still match."""
    if isinstance(value, str):
        return _UNBROKEN.sub(_break_run, value) if len(value) > BREAK_EVERY else value
    if isinstance(value, dict):
        return {breakable(key): breakable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [breakable(item) for item in value]
    return value


def _break_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return _ZERO_WIDTH_SPACE.join(run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))
