"""Skip regular expressions that cannot match: a literal every match must contain is looked for first.

The taxonomy's patterns start with `\\b` and are case-insensitive, which keeps Python's `re` from scanning for
a literal prefix: each search walks the whole text, about 60 ns a character. A substring test is a hundred
times faster. From the parsed pattern we take what any match must contain: a run of literal characters, or one
of a branch's alternatives. Where the text lacks it, the pattern cannot match, and is not run. The answer is
exact: a pattern is skipped only when it has no match; where nothing can be proved (case-insensitive matching
on non-ASCII text, flags set inside the pattern, lookarounds), it is run.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

try:  # the parser behind re.compile (Python 3.11+); private, so a Python without it only loses the shortcut
    C: Any = importlib.import_module("re._constants")
    P: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    C = P = None

# A condition: at least one of these strings occurs in any text the pattern matches.
Condition = frozenset[str]
# The shortest literal run worth a substring test.
MIN_RUN = 3
MAX_PLANS = 1024
_PLANS: dict[
    int, tuple[tuple[re.Pattern[str], ...], tuple[tuple[re.Pattern[str], bool, str, tuple[str, ...]], ...]]
] = {}
_LAST: list[Any] = [None, None]  # the last text `_lowered` saw, and its answer
_REPEATS = (
    {getattr(C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(C, name)}
    if C is not None
    else set()
)


def matchable(patterns: tuple[re.Pattern[str], ...], text: str) -> list[re.Pattern[str]]:
    """The patterns, in order, less those that cannot match `text`."""
    lowered = _lowered(text)
    return [
        pattern
        for pattern, folded, single, strings in _plan(patterns)
        if (haystack := lowered if folded else text) is None
        or not strings
        or (single in haystack if single else any(map(haystack.__contains__, strings)))
    ]


def _lowered(text: str) -> str | None:
    """`text` in lower case, None if it is not ASCII (case folding then proves nothing); the last answer is
    kept, as callers test one text against group after group of patterns."""
    if _LAST[0] is not text:
        _LAST[:] = [text, text.lower() if text.isascii() else None]
    lowered: str | None = _LAST[1]
    return lowered


def _plan(
    patterns: tuple[re.Pattern[str], ...],
) -> tuple[tuple[re.Pattern[str], bool, str, tuple[str, ...]], ...]:
    """Each pattern with what it needs (its one string apart, for speed), cached by the tuple's identity
    (hashing it would cost more than the test)."""
    cached = _PLANS.get(id(patterns))
    if cached is not None and cached[0] is patterns:
        return cached[1]
    plan = tuple(
        (pattern, folded, strings[0] if len(strings) == 1 else "", strings)
        for pattern in patterns
        for folded, strings in [needed(pattern)]
    )
    if len(_PLANS) >= MAX_PLANS:
        _PLANS.clear()
    _PLANS[id(patterns)] = (patterns, plan)  # the tuple is kept, so its id is not reused while cached
    return plan


def can_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only if `pattern` cannot match `text`."""
    folded, strings = needed(pattern)
    if not strings:
        return True
    haystack = _lowered(text) if folded else text
    return haystack is None or any(map(haystack.__contains__, strings))


@lru_cache(maxsize=4096)
def needed(pattern: re.Pattern[str]) -> tuple[bool, tuple[str, ...]]:
    """Whether the pattern is case-insensitive (the strings are then lower case), and strings one of which
    occurs in every text it matches; no strings where nothing can be proved."""
    if P is None or not isinstance(pattern.pattern, str):
        return False, ()
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply run
        return False, ()
    folded = bool(pattern.flags & re.IGNORECASE)
    conditions = [c for c in _needed(list(parsed), folded) if all(len(s) >= MIN_RUN for s in c)]
    best = max(conditions, key=lambda c: (min(map(len, c)), -len(c)), default=frozenset())
    return folded, tuple(sorted(best))


def _needed(items: list[tuple[Any, Any]], folded: bool) -> Iterator[Condition]:
    """The conditions a sequence of parsed items imposes on any text it matches."""
    run: list[str] = []
    for op, value in items:
        if op is C.LITERAL and _usable(value, folded):
            run.append(chr(value).lower() if folded else chr(value))
            continue
        if op is C.AT:
            continue  # a zero-width anchor: the literals on either side are still adjacent
        if run:
            yield frozenset(["".join(run)])
            run = []
        yield from _inner(op, value, folded)
    if run:
        yield frozenset(["".join(run)])


def _inner(op: Any, value: Any, folded: bool) -> Iterator[Condition]:
    """What a group, a required repeat or a branch adds; anything else (classes, lookarounds) adds nothing."""
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, body = value
        if not add_flags and not del_flags:
            yield from _needed(list(body), folded)
    elif op in _REPEATS and value[0] >= 1:
        yield from _needed(list(value[2]), folded)
    elif op is C.BRANCH:
        choices = [
            max(_needed(list(alternative), folded), key=lambda c: min(map(len, c)), default=frozenset())
            for alternative in value[1]
        ]
        if choices and all(choices):
            yield frozenset(s for choice in choices for s in choice)


def _usable(code: int, folded: bool) -> bool:
    """A character whose case-insensitive matches are just its ASCII case forms (else any character will
    do)."""
    return not folded or (code < 128 and chr(code).isprintable())
