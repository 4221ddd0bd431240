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
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
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


def search_any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether one of the patterns matches `text`, those that cannot not run."""
    return any(pattern.search(text) for pattern in matchable(patterns, text))


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
    folded, found = _conditions(pattern)
    best = max(found, key=_telling, default=frozenset())
    return folded, tuple(sorted(best))


@lru_cache(maxsize=4096)
def conditions(pattern: re.Pattern[str]) -> tuple[bool, tuple[tuple[str, ...], ...]]:
    """Whether the pattern is case-insensitive, and all the conditions any text it matches meets (each,
    strings one of which occurs), the one `needed` gives first; none where nothing can be proved."""
    folded, found = _conditions(pattern)
    ordered = sorted(dict.fromkeys(found), key=_telling, reverse=True)  # stable: the first best stays first
    return folded, tuple(tuple(sorted(condition)) for condition in ordered)


def _conditions(pattern: re.Pattern[str]) -> tuple[bool, list[Condition]]:
    if P is None or not isinstance(pattern.pattern, str):
        return False, []
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply run
        return False, []
    folded = bool(pattern.flags & re.IGNORECASE)
    return folded, [c for c in _needed(list(parsed), folded) if all(len(s) >= MIN_RUN for s in c)]


def _telling(condition: Condition) -> tuple[int, int]:
    """How rarely a text meets a condition, roughly: long strings, and few of them."""
    return min(map(len, condition)), -len(condition)


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


# A word's first characters in an ASCII text: a pattern's word-start strings are looked up by theirs.
_WORD_START = re.compile(rf"\b\w{{{MIN_RUN}}}")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Patterns by the first characters of their word-start strings: {characters: {string: [(entry, what the
# pattern needs), ...]}}.
_Conditions = tuple[tuple[str, ...], ...]
_Index = dict[str, dict[str, list[tuple[int, _Conditions]]]]


class Sieve:
    """Groups of patterns screened together, for texts each tried against all of them.

    `matchable` tests every pattern in turn. A sieve looks at the words of an ASCII text instead: most
    patterns need one of a few strings at the start of a word (`\\bcommit`, `\\b(?:child|young person)`),
    and only those whose string's first characters start a word of the text are taken further, to the test
    of all the strings they need (every condition `conditions` finds, not only the one `needed` gives). What
    it keeps is what `matchable` would keep, or less, but never a pattern that can match; a text that is not
    ASCII gets `matchable`'s answer.
    """

    def __init__(self, groups: Sequence[tuple[re.Pattern[str], ...]]) -> None:
        self._groups = tuple(groups)
        self._entries = [(group, pattern) for group, patterns in enumerate(groups) for pattern in patterns]
        # By whether the pattern is case-insensitive: the patterns by a word-start string, and those with
        # none (each is tested), with the conditions each sets.
        self._index: dict[bool, _Index] = {True: {}, False: {}}
        self._unindexed: dict[bool, list[tuple[int, _Conditions]]] = {True: [], False: []}
        # A string many patterns need is a word of the subject, likely in any text ("child", "risk"), as is a
        # short one ("the"): each pattern is indexed by the condition whose strings are least of either.
        uses = Counter(s for _, pattern in self._entries for c in word_starts(pattern) for s in set(c))
        for entry, (_, pattern) in enumerate(self._entries):
            folded, found = conditions(pattern)
            starts = word_starts(pattern)
            if not starts:
                self._unindexed[folded].append((entry, found))
                continue
            key = min(starts, key=lambda strings: sum(uses[s] / _letters(s) ** 2 for s in strings))
            for string in key:
                self._index[folded].setdefault(string[:MIN_RUN], {}).setdefault(string, []).append(
                    (entry, found)
                )

    def matchable(self, text: str) -> list[list[re.Pattern[str]]]:
        """For each group, its patterns, in order, less those that cannot match `text`."""
        lowered = _lowered(text)
        if lowered is None:
            return [matchable(patterns, text) for patterns in self._groups]
        kept: set[int] = set()
        for folded, haystack in ((True, lowered), (False, text)):
            kept.update(entry for entry, found in self._unindexed[folded] if _meets(found, haystack))
            if self._index[folded]:
                kept.update(_looked_up(self._index[folded], haystack))
        out: list[list[re.Pattern[str]]] = [[] for _ in self._groups]
        for entry in sorted(kept):
            group, pattern = self._entries[entry]
            out[group].append(pattern)
        return out


def _letters(string: str) -> int:
    return sum(c.isalpha() for c in string) or 1


def _looked_up(index: _Index, haystack: str) -> list[int]:
    """The indexed patterns whose strings `haystack` has: a word-start one, and one of each condition."""
    contains = haystack.__contains__
    return [
        entry
        for start in index.keys() & set(_WORD_START.findall(haystack))
        for string, entries in index[start].items()
        if contains(string)
        for entry, found in entries
        if all(map(any, map(map, repeat(contains), found)))  # _meets, without a Python call per condition
    ]


def _meets(found: _Conditions, haystack: str) -> bool:
    """Whether `haystack` has one string of each condition."""
    return all(map(any, map(map, repeat(haystack.__contains__), found)))


@lru_cache(maxsize=4096)
def word_starts(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Conditions every match of the pattern in an ASCII text meets, each strings one of which it has at the
    start of a word; the strings begin with word characters, and are in lower case if the pattern is
    case-insensitive. None where nothing can be proved."""
    if P is None or not isinstance(pattern.pattern, str):
        return ()
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply run
        return ()
    found = dict.fromkeys(_starting(list(parsed), bool(pattern.flags & re.IGNORECASE), False))
    return tuple(tuple(sorted(condition)) for condition in found)


def _starting(items: list[tuple[Any, Any]], folded: bool, boundary: bool) -> Iterator[Condition]:
    """The conditions a sequence of parsed items imposes on the words of any ASCII text it matches: strings,
    one of which starts a word, their first MIN_RUN characters word characters. `boundary`: whether a word
    character matched first would start a word (it follows `\\b` or a character that is not one)."""
    run: list[str] = []
    starts: list[int] = []  # where words start in the run
    for op, value in items:
        if op is C.LITERAL and _usable(value, folded):
            char = chr(value).lower() if folded else chr(value)
            if boundary and char in _WORD_CHARS:
                starts.append(len(run))
            run.append(char)
            boundary = _apart(value)
            continue
        if op is C.AT:
            boundary = _after_item(op, value, boundary)
            continue
        yield from _started(run, starts)
        run, starts = [], []
        yield from _inner_starting(op, value, folded, boundary)
        boundary = _after_item(op, value, boundary)
    yield from _started(run, starts)


def _started(run: list[str], starts: list[int]) -> Iterator[Condition]:
    for start in starts:
        string = "".join(run[start:])
        if len(string) >= MIN_RUN and all(c in _WORD_CHARS for c in string[:MIN_RUN]):
            yield frozenset([string])


def _inner_starting(op: Any, value: Any, folded: bool, boundary: bool) -> Iterator[Condition]:
    """What a group, a required repeat (its first time) or a branch adds, as `_inner` does."""
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, body = value
        if not add_flags and not del_flags:
            yield from _starting(list(body), folded, boundary)
    elif op in _REPEATS and value[0] >= 1:
        yield from _starting(list(value[2]), folded, boundary)
    elif op is C.BRANCH:
        choices = [
            max(_starting(list(alternative), folded, boundary), key=_telling, default=frozenset())
            for alternative in value[1]
        ]
        if choices and all(choices):
            yield frozenset(s for choice in choices for s in choice)


def _after(items: list[tuple[Any, Any]], boundary: bool) -> bool:
    """Whether a word character matched after the items would start a word, as it would before them if
    `boundary`; False where that is not known."""
    for op, value in items:
        boundary = _after_item(op, value, boundary)
    return boundary


def _after_item(op: Any, value: Any, boundary: bool) -> bool:
    if op is C.LITERAL:
        return _apart(value)
    if op is C.AT:
        return boundary or value is C.AT_BOUNDARY  # zero-width: the character before is unchanged
    if op is C.IN:
        return all(
            (k is C.LITERAL and _apart(v)) or (k is C.CATEGORY and v is C.CATEGORY_SPACE) for k, v in value
        )
    if op in _REPEATS:
        # Its last time ends as the body does; a repeat that may match nothing leaves things as they were.
        return _after(list(value[2]), False) and (value[0] >= 1 or boundary)
    if op is C.SUBPATTERN:
        return _after(list(value[3]), boundary)
    if op is C.BRANCH:
        return all(_after(list(alternative), boundary) for alternative in value[1])
    return False


def _apart(code: int) -> bool:
    """An ASCII character that is not a word character, nor matches one in any case."""
    return code < 128 and chr(code).isprintable() and chr(code) not in _WORD_CHARS


# A string's patterns by the string, by the string's rarest character (a text is searched only for the
# strings whose rarest character it has).
_StringIndex = tuple[tuple[str, dict[str, tuple[int, ...]]], ...]
# Characters from the most to the least frequent in English; any other (capitals, digits, signs) is rarer.
_FREQUENT = " etaoinsrhldcumfpgwybvkxjqz"
# Patterns tried without a string to look for: an alternation of them, or None where each is tried.
_Tried = tuple[tuple[re.Pattern[str] | None, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Screen:
    """Patterns indexed by the strings one of which each needs (`needed`): the patterns that can
    match a text are found with one substring test per distinct string, not a call per pattern. Exact: a
    pattern is skipped only where a string it needs is missing.

    Where `needed` proves no string, or a shorter one, the pattern's longest run of characters at its top
    level is the string (see `_top_run`): "@" for an e-mail address. With a `fold` (a character -> character
    map), a case-sensitive pattern's run is looked for in the folded text: "B[eè]lford" needs "Belford" where
    `fold` maps "è" to "e". Patterns needing no string, and those anchored at the text's start (tried at one
    place, they cost less than their strings' tests), are tried in alternations of them: where one finds
    nothing, none of its patterns can match, and one search replaces a search each.
    """

    tried: _Tried
    unproved: tuple[int, ...]  # case-insensitive ones with strings: tried on every text that is not ASCII
    folded: _StringIndex  # lower-case strings the case-insensitive patterns need in the text in lower case
    exact: _StringIndex  # strings case-sensitive patterns need in the text
    accented: _StringIndex  # strings case-sensitive patterns need in the text folded by `fold`
    fold: dict[int, str]
    ascii_kept: bool  # `fold` leaves ASCII alone: an ASCII text is then its own folded form


def screen(patterns: tuple[re.Pattern[str], ...], fold: dict[int, str] | None = None) -> Screen:
    """The screen of `patterns`; indices are positions in the tuple."""
    tried: dict[tuple[int, bool, bool], list[int]] = {}  # by flags, anchored, and combinable
    unproved: list[int] = []
    where: dict[str, dict[str, list[int]]] = {"folded": {}, "exact": {}, "accented": {}}
    for index, pattern in enumerate(patterns):
        parsed = _parsed(pattern)
        anchored = _anchored(parsed, pattern)
        kind, strings = ("tried", ()) if anchored else _needs(pattern, parsed, fold or {})
        if kind == "tried":
            # An alternation would renumber a pattern's groups (its backreferences), and a verbose pattern's
            # comment would run into the next pattern: each of those is tried alone.
            combinable = not pattern.groups and not pattern.flags & re.VERBOSE
            tried.setdefault((pattern.flags, anchored, combinable), []).append(index)
            continue
        unproved += [index] if kind == "folded" else []
        for string in strings:
            where[kind].setdefault(string, []).append(index)
    return Screen(
        tuple(
            (_alternation([patterns[i] for i in indices], anchored) if combinable else None, tuple(indices))
            for (_, anchored, combinable), indices in tried.items()
        ),
        tuple(unproved),
        _by_rarest(where["folded"]),
        _by_rarest(where["exact"]),
        _by_rarest(where["accented"]),
        fold or {},
        all(code >= 128 for code in fold or {}),
    )


def _needs(
    pattern: re.Pattern[str], parsed: list[tuple[object, object]], fold: dict[int, str]
) -> tuple[str, tuple[str, ...]]:
    """Where the screen looks for the pattern's strings ("folded", "exact", "accented", or "tried": nowhere),
    and the strings, one of which occurs there in any text the pattern matches."""
    case_folded, strings = needed(pattern)
    run = _top_run(parsed, fold, case_folded)
    if len(run) > min(map(len, strings), default=0):
        if fold and not case_folded:
            return "accented", (run,)
        strings = (run,)
    if not strings:
        return "tried", ()
    return ("folded" if case_folded else "exact"), strings


def _alternation(patterns: list[re.Pattern[str]], anchored: bool) -> re.Pattern[str] | None:
    """The alternation of patterns with one set of flags (anchored ones with their "^" put before it, so that
    it too is tried at one place only); None where they cannot be combined."""
    sources = "|".join(f"(?:{pattern.pattern[1:] if anchored else pattern.pattern})" for pattern in patterns)
    try:
        return re.compile(f"^(?:{sources})" if anchored else sources, patterns[0].flags)
    except (re.error, OverflowError, RecursionError):
        return None


def _by_rarest(needing: dict[str, list[int]]) -> _StringIndex:
    index: dict[str, dict[str, tuple[int, ...]]] = {}
    for string, patterns in needing.items():
        rarest = max(string, key=lambda char: _FREQUENT.find(char) % (len(_FREQUENT) + 1))
        index.setdefault(rarest, {})[string] = tuple(patterns)
    return tuple(index.items())


def _parsed(pattern: re.Pattern[str]) -> list[tuple[object, object]]:
    """The pattern's top-level items as `re`'s parser reads them; none where it cannot."""
    if P is None:
        return []
    try:
        return list(P.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply tried
        return []


def _anchored(parsed: list[tuple[object, object]], pattern: re.Pattern[str]) -> bool:
    """Whether the pattern is "^" (the text's start) and then a sequence: it is tried at one place only."""
    return (
        bool(parsed)
        and parsed[0] == (C.AT, C.AT_BEGINNING)
        and pattern.pattern.startswith("^")
        and not pattern.flags & (re.MULTILINE | re.VERBOSE)
    )


def _top_run(parsed: list[tuple[object, object]], fold: dict[int, str], case_folded: bool) -> str:
    """The longest run of the pattern's top-level characters that each of its matches holds: case-sensitive,
    a literal or a class of literals that `fold` makes one character (in the folded text); case-insensitive,
    a printable ASCII literal (in lower case, as `needed` reads them)."""
    best, run = "", ""
    for op, value in parsed:
        if op is C.AT:
            continue  # a zero-width anchor: the characters on either side are adjacent
        char = _one_character(op, value, fold, case_folded)
        run = run + char if char else ""
        best = max(best, run, key=len)
    return best


def _one_character(op: object, value: object, fold: dict[int, str], case_folded: bool) -> str:
    """The one character a parsed item's every match has (folded, or in lower case); "" if there is none."""
    if op is C.LITERAL and isinstance(value, int):
        if case_folded:
            return chr(value).lower() if value < 128 and chr(value).isprintable() else ""
        return fold.get(value, chr(value))
    if case_folded or op is not C.IN or not isinstance(value, list):
        return ""
    members = {fold.get(code, chr(code)) if kind is C.LITERAL else "" for kind, code in value}
    return members.pop() if len(members) == 1 and "" not in members else ""


def possible(found: Screen, text: str) -> list[int]:
    """Indices, in order, of the screened patterns that can match `text` (exact: the others cannot)."""
    indices = [
        index
        for alternation, patterns in found.tried
        if alternation is None or alternation.search(text)
        for index in patterns
    ]
    if not text.isascii():
        indices += found.unproved  # case-insensitive matching of non-ASCII text: nothing proved
    elif found.folded:
        indices += _holding(found.folded, text.lower())
    if found.exact:
        indices += _holding(found.exact, text)
    if found.accented:
        kept = found.ascii_kept and text.isascii()
        indices += _holding(found.accented, text if kept else text.translate(found.fold))
    return sorted(set(indices))


def _holding(index: _StringIndex, text: str) -> list[int]:
    """The patterns of the strings `text` holds."""
    found: list[int] = []
    for rarest, strings in index:
        if rarest in text:
            for string in filter(text.__contains__, strings):
                found += strings[string]
    return found
