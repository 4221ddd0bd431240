"""Page furniture in document text: which lines are boilerplate by the taxonomy's noise families, and why.

Helper of the stages that read raw lines (dating's bounds, segmenting): one definition of "this line is
noise". Also holds `Screen`, the index of many patterns by the strings they need, which segmenting uses for
its speaker patterns too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import prefilter
from .model import NoiseRule, Taxonomy
from .text import for_matching

# A bullet or list marker before chrome ("• Share this page") does not make it content.
_BULLET = re.compile(r"^[\s\-\u2022\u00b7\u25aa\u2023\u25e6*|]+")
MAX_CACHED = 64


# A string's patterns by the string, by the string's rarest character (a text is searched only for the
# strings whose rarest character it has).
_Index = tuple[tuple[str, dict[str, tuple[int, ...]]], ...]
# Characters from the most to the least frequent in English; any other (capitals, digits, signs) is rarer.
_FREQUENT = " etaoinsrhldcumfpgwybvkxjqz"
# Patterns tried without a string to look for: an alternation of them, or None where each is tried.
_Tried = tuple[tuple[re.Pattern[str] | None, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Screen:
    """Patterns indexed by the strings one of which each needs (`prefilter.needed`): the patterns that can
    match a text are found with one substring test per distinct string, not a call per pattern. Exact: a
    pattern is skipped only where a string it needs is missing.

    Where `prefilter` proves no string, or a shorter one, the pattern's longest run of characters at its top
    level is the string (see `_top_run`): "@" for an e-mail address. With a `fold` (a character -> character
    map), a case-sensitive pattern's run is looked for in the folded text: "B[eè]lford" needs "Belford" where
    `fold` maps "è" to "e". Patterns needing no string, and those anchored at the text's start (tried at one
    place, they cost less than their strings' tests), are tried in alternations of them: where one finds
    nothing, none of its patterns can match, and one search replaces a search each.
    """

    tried: _Tried
    unproved: tuple[int, ...]  # case-insensitive ones with strings: tried on every text that is not ASCII
    folded: _Index  # lower-case strings the case-insensitive patterns need in the text in lower case
    exact: _Index  # strings case-sensitive patterns need in the text
    accented: _Index  # strings case-sensitive patterns need in the text folded by `fold`
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
    case_folded, strings = prefilter.needed(pattern)
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


def _by_rarest(needing: dict[str, list[int]]) -> _Index:
    index: dict[str, dict[str, tuple[int, ...]]] = {}
    for string, patterns in needing.items():
        rarest = max(string, key=lambda char: _FREQUENT.find(char) % (len(_FREQUENT) + 1))
        index.setdefault(rarest, {})[string] = tuple(patterns)
    return tuple(index.items())


def _parsed(pattern: re.Pattern[str]) -> list[tuple[object, object]]:
    """The pattern's top-level items as `re`'s parser reads them; none where it cannot."""
    if prefilter.P is None:
        return []
    try:
        return list(prefilter.P.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply tried
        return []


def _anchored(parsed: list[tuple[object, object]], pattern: re.Pattern[str]) -> bool:
    """Whether the pattern is "^" (the text's start) and then a sequence: it is tried at one place only."""
    return (
        bool(parsed)
        and parsed[0] == (prefilter.C.AT, prefilter.C.AT_BEGINNING)
        and pattern.pattern.startswith("^")
        and not pattern.flags & (re.MULTILINE | re.VERBOSE)
    )


def _top_run(parsed: list[tuple[object, object]], fold: dict[int, str], case_folded: bool) -> str:
    """The longest run of the pattern's top-level characters that each of its matches holds: case-sensitive,
    a literal or a class of literals that `fold` makes one character (in the folded text); case-insensitive,
    a printable ASCII literal (in lower case, as `prefilter` reads them)."""
    best, run = "", ""
    for op, value in parsed:
        if op is prefilter.C.AT:
            continue  # a zero-width anchor: the characters on either side are adjacent
        char = _one_character(op, value, fold, case_folded)
        run = run + char if char else ""
        best = max(best, run, key=len)
    return best


def _one_character(op: object, value: object, fold: dict[int, str], case_folded: bool) -> str:
    """The one character a parsed item's every match has (folded, or in lower case); "" if there is none."""
    if op is prefilter.C.LITERAL and isinstance(value, int):
        if case_folded:
            return chr(value).lower() if value < 128 and chr(value).isprintable() else ""
        return fold.get(value, chr(value))
    if case_folded or op is not prefilter.C.IN or not isinstance(value, list):
        return ""
    members = {fold.get(code, chr(code)) if kind is prefilter.C.LITERAL else "" for kind, code in value}
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


def _holding(index: _Index, text: str) -> list[int]:
    """The patterns of the strings `text` holds."""
    found: list[int] = []
    for rarest, strings in index:
        if rarest in text:
            for string in filter(text.__contains__, strings):
                found += strings[string]
    return found


@dataclass(frozen=True)
class _Family:
    """Noise patterns flattened in the families' order, with each one's reason: the first that matches names
    the family, as trying family after family does."""

    patterns: tuple[re.Pattern[str], ...]
    reasons: tuple[str, ...]
    screen: Screen


@dataclass(frozen=True)
class _Families:
    lines: _Family  # every line pattern, for a whole line
    inner: _Family  # the line patterns not anchored at the start ("^"), for a sentence
    sentences: _Family


# The flattened families of a taxonomy, by the identity of its rules (kept, so their ids are not reused).
_FAMILIES: dict[tuple[int, int], tuple[tuple[NoiseRule, ...], tuple[NoiseRule, ...], _Families]] = {}


def _families(taxonomy: Taxonomy) -> _Families:
    lines, sentences = taxonomy.noise_lines, taxonomy.noise_sentences
    key = (id(lines), id(sentences))
    cached = _FAMILIES.get(key)
    if cached is not None and cached[0] is lines and cached[1] is sentences:
        return cached[2]
    families = _Families(
        _family(lines, with_anchored=True),
        _family(lines, with_anchored=False),
        _family(sentences, with_anchored=True),
    )
    if len(_FAMILIES) >= MAX_CACHED:
        _FAMILIES.clear()
    _FAMILIES[key] = (lines, sentences, families)
    return families


def _family(rules: tuple[NoiseRule, ...], with_anchored: bool) -> _Family:
    pairs = [
        (pattern, rule.reason)
        for rule in rules
        for pattern in rule.patterns
        if with_anchored or not pattern.pattern.startswith("^")
    ]
    patterns = tuple(pattern for pattern, _ in pairs)
    return _Family(patterns, tuple(reason for _, reason in pairs), screen(patterns))


def noise_reason(text: str, taxonomy: Taxonomy, whole_line: bool = True) -> str:
    """The noise family `text` belongs to, or "" for content. With `whole_line` False the text is a sentence
    inside a paragraph: the line families' unanchored patterns apply, and the sentence families."""
    matchable = for_matching(_BULLET.sub("", text))
    if not matchable:
        return ""
    families = _families(taxonomy)
    if not whole_line:
        reason = _first_reason(families.sentences, matchable.lstrip("\"' "))
        if reason:
            return reason
    return _first_reason(families.lines if whole_line else families.inner, matchable)


def _first_reason(family: _Family, text: str) -> str:
    for index in possible(family.screen, text):
        if family.patterns[index].search(text):
            return family.reasons[index]
    return ""
