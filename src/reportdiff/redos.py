"""Refuse a taxonomy pattern that can take exponential time, before it meets any text.

Python's `re` backtracks: `(a+)+$` tries every way of splitting a run of a's between the two repeats, so 28
a's take half a minute. The danger is a repeat inside a repeat (or a choice inside a repeat) where the two can
match the same text. A nested repeat is allowed when what follows the inner repeat can never be matched by it,
as in `(?:\\w+ ){0,3}`: the space ends each word, so there is one way to split. Whether two character sets
overlap is decided on a sample of characters, which covers the ASCII, Latin and punctuation text taxonomies
are written in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's own vocabulary; no public API
from re import _parser  # type: ignore[attr-defined]
from typing import Any

REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# Characters on which two character sets are compared; "ſ" and "K" (Kelvin) match s and k ignoring case.
SAMPLE = "".join(chr(c) for c in range(9, 127)) + "\u00a0\u00e9\u00df\u2019\u2013\u017f\u212a\u0131\u00c9"
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
Node = list[tuple[Any, Any]]


def exponential_part(pattern: str) -> str:
    """Why `pattern` can take exponential time, or "" if it cannot in the ways checked here."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return ""  # compiling reports it
    return _find(list(parsed))


NESTED = "nested repeats that can match the same text (exponential time on some lines); rewrite it"
CHOICE = (
    "a repeated choice or optional part that can match the same text two ways (exponential time); rewrite it"
)


def _find(node: Node) -> str:
    for op, av in node:
        if op in REPEATS and av[1] > 1:
            problem = _ambiguous(_sequence(list(av[2])))
            if problem:
                return problem
        for child in _children(op, av):
            problem = _find(child)
            if problem:
                return problem
    return ""


def _children(op: Any, av: Any) -> Iterator[Node]:
    if op in REPEATS:
        yield list(av[2])
    elif op is sre.SUBPATTERN:
        yield list(av[3])
    elif op is sre.BRANCH:
        yield from (list(branch) for branch in av[1])
    elif op in (sre.ASSERT, sre.ASSERT_NOT):
        yield list(av[1])
    elif op is sre.GROUPREF_EXISTS:
        yield from (list(branch) for branch in av[1:] if branch is not None)


def _sequence(node: Node) -> Node:
    """A repeat's body with its groups opened: the elements one round matches, in order."""
    flat: Node = []
    for op, av in node:
        flat.extend(_sequence(list(av[3])) if op is sre.SUBPATTERN else [(op, av)])
    return flat


def _ambiguous(body: Node) -> str:
    """Why one round of a repeat can split the same text in many ways, or ""."""
    for index, (op, av) in enumerate(body):
        follower = body[index + 1 :] + body  # what comes next: the rest of this round, then the next round
        inner = list(_children(op, av))
        if op in REPEATS and av[1] > 1:
            if _has_repeat(inner[0]) or _first(inner[0]) & _first(follower):
                return NESTED
        elif any(_has_repeat(child) for child in inner):
            return NESTED  # a repeat inside a choice or a look-around within a repeat: not proven safe here
        elif op is sre.BRANCH and (
            sum(_all_nullable(b) for b in inner) > 1 or _single_characters_overlap(inner)
        ):
            return CHOICE
        elif _nullable(op, av) and inner and set().union(*map(_first, inner)) & _first(follower):
            return CHOICE  # an optional part that what follows it could match instead
    return ""


def _all_nullable(node: Node) -> bool:
    return all(_nullable(op, av) for op, av in node)


def _has_repeat(node: Node) -> bool:
    return any(
        (op in REPEATS and av[1] > 1) or any(_has_repeat(c) for c in _children(op, av)) for op, av in node
    )


def _single_characters_overlap(branches: list[Node]) -> bool:
    """Whether two alternatives of one character each can match the same character, as in `(a|a)` or
    `(\\w|\\d)`."""
    singles = [
        _first(b)
        for b in branches
        if len(b) == 1 and b[0][0] in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
    ]
    return any(a & b for n, a in enumerate(singles) for b in singles[n + 1 :])


def _first(node: Node) -> set[str]:
    """The sample characters that can start a match of `node` (every one, where the start cannot be told)."""
    chars: set[str] = set()
    for op, av in node:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the next element starts the match
        chars |= _starts(op, av)
        if not _nullable(op, av):
            return chars
    return set(SAMPLE)


def _starts(op: Any, av: Any) -> set[str]:
    if op is sre.LITERAL:
        return {c for c in SAMPLE if _in_set([(sre.LITERAL, av)], c)} | {chr(av)}
    if op is sre.NOT_LITERAL:
        return {c for c in SAMPLE if not _in_set([(sre.LITERAL, av)], c)}
    if op is sre.IN:
        return {c for c in SAMPLE if _in_set(av, c)}
    if op in REPEATS:
        return _first(list(av[2]))
    if op is sre.SUBPATTERN:
        return _first(list(av[3]))
    if op is sre.BRANCH:
        return set().union(*(_first(list(b)) for b in av[1]))
    return set(SAMPLE)  # ANY, a back-reference, anything else: could be any character


def _in_set(items: Any, char: str) -> bool:
    negate, found = False, False
    cases = {ord(c) for c in (char, char.lower(), char.upper()) if len(c) == 1}
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            found = found or av in cases
        elif op is sre.RANGE:
            found = found or any(av[0] <= code <= av[1] for code in cases)
        elif op is sre.CATEGORY:
            found = found or re.match(_CATEGORIES.get(av, r"[\s\S]"), char) is not None
    return found != negate


def _nullable(op: Any, av: Any) -> bool:
    if op in REPEATS:
        return av[0] == 0 or all(_nullable(o, a) for o, a in av[2])
    if op is sre.SUBPATTERN:
        return all(_nullable(o, a) for o, a in av[3])
    if op is sre.BRANCH:
        return any(all(_nullable(o, a) for o, a in b) for b in av[1])
    return op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
