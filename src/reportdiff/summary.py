"""The reasons stage's helper for a theme's words: when it was assessed, in a sentence a reader can check
against the matrix, and its summary, which quotes the inspectorate's finding the verdict rests on (never a
claim), names who said it and states the balance where concern and progress both weighed."""

from __future__ import annotations

import re

from .evidence import polarity_for, source_rank
from .model import Assessment, Document, Finding, Polarity, Speaker, ThemeCell, ThemeCourse

QUOTE_LIMIT = 240  # characters of the quote in a theme's summary
_LIST_TAIL = re.compile(r"\s*[;,]?\s*(?:\b(?:and|or)\s*)?$")  # "…; and" ending a list item


def last_assessed(course: ThemeCourse) -> ThemeCell:
    """The latest inspection that assessed the theme: the one every verdict's last step reads."""
    return [c for c in course.timeline if c.assessment is not Assessment.ABSENT][-1]


def timing(course: ThemeCourse, labels: dict[str, str]) -> str:
    """When the theme was assessed, in words a reader can check against the matrix: its last assessment, and
    the one before with how many inspections between did not assess it (or how many since did not)."""
    cells = course.timeline
    assessed = [n for n, cell in enumerate(cells) if cell.assessment is not Assessment.ABSENT]
    last = assessed[-1]
    since = len(cells) - 1 - last
    if since:
        words = (
            f"{_at(cells[last], labels)}, the last inspection that assessed it; not assessed at the "
            f"{_plural(since, 'inspection')} since"
        )
    else:
        words = _at(cells[last], labels) + _before(cells, assessed, labels)
    return words[0].upper() + words[1:]


def _before(cells: tuple[ThemeCell, ...], assessed: list[int], labels: dict[str, str]) -> str:
    """The assessment before the last, how many inspections between did not assess the theme, and, where that
    one was not a concern, the last concern before it."""
    if len(assessed) == 1:
        return "; not assessed before"
    last, previous = assessed[-1], assessed[-2]
    words = f"; before that, {_at(cells[previous], labels)}"
    if last - previous > 1:
        words += f", with {_plural(last - previous - 1, 'inspection')} between that did not assess it"
    concerns = [n for n in assessed[:-2] if cells[n].assessment.concerned]
    if not cells[previous].assessment.concerned and concerns:
        words += f"; a concern at {labels[cells[concerns[-1]].inspection]}"
    return words


def _at(cell: ThemeCell, labels: dict[str, str]) -> str:
    return f"{cell.assessment.label} at {labels[cell.inspection]}"


def summarise(course: ThemeCourse, labels: dict[str, str], quote: Finding | None, speaker: str = "") -> str:
    """One paragraph in plain words: where the theme was raised, how it stood last and on what balance, the
    inspectorate's finding that decided it (never a claim) with who said it, and the verdict that stands."""
    assessed = [c for c in course.timeline if c.assessment is not Assessment.ABSENT]
    concerns = [c for c in assessed if c.assessment.concerned]
    sentences = []
    if concerns:
        named = ", ".join(labels[c.inspection] for c in concerns)
        sentences.append(
            f"Raised as a concern at {len(concerns)} inspection{'s' * (len(concerns) != 1)} ({named})."
        )
    progress = [c for c in assessed if c.assessment is Assessment.PROGRESS]
    if progress:
        sentences.append(f"Progress found at {', '.join(labels[c.inspection] for c in progress)}.")
    last = assessed[-1]
    standing = f"Latest ({labels[last.inspection]}, {last.assessment.label}{balance(last)})"
    if quote:
        sentences.append(f"{standing}, {speaker}: \u201c{clip(quoted_words(quote))}\u201d")
    else:
        sentences.append(f"{standing}.")
    sentences.append(f"Verdict: {course.verdict.label} \u2014 {course.verdict.meaning}.")
    return " ".join(sentences)


def balance(cell: ThemeCell) -> str:
    """The weights an assessment rests on where both sides weighed in: ": progress 11 against concern 2"."""
    concern, progress = cell.concern_weight, cell.progress_weight
    if not (concern > 0 and progress > 0):
        return ""
    if cell.assessment is Assessment.PROGRESS:
        return f": progress {progress:g} against concern {concern:g}"
    return f": concern {concern:g} against progress {progress:g}"


def summary_quote(theme: str, cell: ThemeCell, findings: dict[str, Finding]) -> Finding | None:
    """The finding a summary quotes for an inspection: the inspectorate's evidence (never a claim) that leans
    the way the inspection did, its own documents before reports of them, then the heaviest."""
    wanted = Polarity.PROGRESS if cell.assessment is Assessment.PROGRESS else Polarity.CONCERN
    candidates = [
        findings[f]
        for f in dict.fromkeys(cell.findings)
        if findings[f].speaker.is_evidence and polarity_for(findings[f], theme) is wanted
    ]
    candidates.sort(key=lambda f: (source_rank(f), -_weight(f, theme), f.id))
    return candidates[0] if candidates else None


def _weight(finding: Finding, theme: str) -> float:
    return max((h.weight for h in finding.hits if h.theme == theme), default=0.0)


def speaker_name(finding: Finding, documents: dict[str, Document]) -> str:
    """Who a quoted finding is by: the inspectorate that published it, or the inspectorate as another
    publisher reported it; a claim, its publisher."""
    published = [documents[s.document] for s in finding.sources if s.document in documents]
    own = [d.publisher for d in published if d.publisher_role is Speaker.INSPECTORATE and d.publisher]
    if own and not finding.reported:
        return own[0]
    by = published[0].publisher if published else ""
    if finding.speaker.is_evidence:
        return f"the inspectorate as {by} reported it" if by else "the inspectorate"
    return by or f"the {finding.speaker.value}"


def quoted_words(finding: Finding) -> str:
    """A finding's words as a summary quotes them: a list item after its lead-in, without the list's joining
    punctuation ("in particular: the quality of its investigations"), so it reads as a sentence."""
    if not (finding.list_item and finding.context):
        return finding.text
    return f"{finding.context.rstrip()} {_LIST_TAIL.sub('', finding.text)}"


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A quote without its outer quotation marks, cut at a word boundary to at most `limit` characters."""
    text = text.strip('\u201c\u201d" ')
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:\u2013\u2014") + "\u2026"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
