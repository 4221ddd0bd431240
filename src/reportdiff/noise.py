"""Page furniture in document text: which lines are boilerplate by the taxonomy's noise families, and why.

Helper of the stages that read raw lines (dating's bounds, segmenting): one definition of "this line is
noise", its patterns screened by `prefilter.Screen`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import NoiseRule, Taxonomy
from .prefilter import Screen, possible, screen
from .text import for_matching

# A bullet or list marker before chrome ("• Share this page") does not make it content.
_BULLET = re.compile(r"^[\s\-\u2022\u00b7\u25aa\u2023\u25e6*|]+")
MAX_CACHED = 64


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
