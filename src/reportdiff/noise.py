"""Page furniture in document text: which lines are boilerplate by the taxonomy's noise families, and why.

Helper of the stages that read raw lines (dating's bounds, segmenting): one definition of "this line is
noise".
"""

from __future__ import annotations

import re

from . import prefilter
from .model import Taxonomy
from .text import for_matching

# A bullet or list marker before chrome ("• Share this page") does not make it content.
_BULLET = re.compile(r"^[\s\-\u2022\u00b7\u25aa\u2023\u25e6*|]+")


def noise_reason(text: str, taxonomy: Taxonomy, whole_line: bool = True) -> str:
    """The noise family `text` belongs to, or "" for content. With `whole_line` False the text is a sentence
    inside a paragraph: the line families' unanchored patterns apply, and the sentence families."""
    matchable = for_matching(_BULLET.sub("", text))
    if not matchable:
        return ""
    if not whole_line:
        sentence = matchable.lstrip("\"' ")
        for rule in taxonomy.noise_sentences:
            if any(p.search(sentence) for p in rule.patterns):
                return rule.reason
    for rule in taxonomy.noise_lines:
        possible = prefilter.matchable(rule.patterns, matchable)  # exact: drops patterns that cannot match
        if any(p.search(matchable) for p in possible if whole_line or not p.pattern.startswith("^")):
            return rule.reason
    return ""
