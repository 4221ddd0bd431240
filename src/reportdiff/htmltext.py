"""Extract readable text from untrusted HTML in one linear pass, keeping source line numbers.

Headings come out as Markdown `#` lines and list items as `- ` lines, so the segmenter treats every format
alike. Scripts, styles, comments, navigation and other chrome are dropped; attributes are never read, so
nothing of the markup survives as markup. The tokenizer follows the HTML5 rules that matter for text (raw-text
elements, comments, a tag cut off by the end of the file is dropped) with possessive patterns, so hostile
input cannot make it backtrack: the standard library's `html.parser` can take quadratic time on some malformed
input, and raises on some.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator

# Elements whose whole content is dropped: executable, invisible, or page chrome.
SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "head",
        "canvas",
        "dialog",
        "noembed",
        "noframes",
    }
)
BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "blockquote",
        "pre",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "hr",
        "br",
        "figure",
        "figcaption",
        "address",
        "td",
        "th",
        "caption",
    }
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source", "track", "title"}
)
CONTENT_ROOTS = ("main", "article")
# What may stand in <head>; anything else starts the body, as a browser would, so an unclosed <head> loses
# nothing.
HEAD_CONTENT = frozenset(
    {"html", "head", "title", "meta", "link", "style", "script", "noscript", "base", "template"}
)
# Elements whose content is not markup: it runs to the matching end tag (or the end of the file).
RAW_TEXT = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea", "plaintext"}
)

_SPACE = "\t\n\f\r "
# A start or end tag: the name, then attributes (a quoted value may hold '>'), then '>' unless the file ends
# first.
_TAG = re.compile(
    rf"<(/?)([A-Za-z][^{_SPACE}/>]*+)"
    rf"(?>[^>\"'=]++|=[{_SPACE}]*+(?>\"[^\"]*+\"?|'[^']*+'?)|[\"'=])*+(>?)"
)
_COMMENT_END = re.compile(r"--!?>")
_CLOSERS = {name: re.compile(rf"</{name}(?=[{_SPACE}/>]|\Z)", re.IGNORECASE) for name in RAW_TEXT}

Token = tuple[str, int, str]  # (kind: "start" | "end" | "text" | "raw", source offset, tag name or text)


def tokenize(source: str) -> Iterator[Token]:
    """Tags, text and raw-text element content in document order; comments and declarations are left out."""
    pos, size = 0, len(source)
    while pos < size:
        lt = source.find("<", pos)
        if lt < 0:
            yield "text", pos, source[pos:]
            return
        if lt > pos:
            yield "text", pos, source[pos:lt]
        tag = _TAG.match(source, lt)
        if tag is None:
            pos = _skip_markup(source, lt)
            if pos == lt + 1:
                yield "text", lt, "<"
            continue
        if not tag.group(3):
            return  # the file ends inside a tag: a browser drops the tag and shows nothing more
        name, pos = tag.group(2).lower(), tag.end()
        yield ("end" if tag.group(1) else "start"), lt, name
        if name in RAW_TEXT and not tag.group(1):
            close = _CLOSERS[name].search(source, pos) if name != "plaintext" else None
            end = close.start() if close else size
            yield "raw", pos, source[pos:end]
            pos = end


def _skip_markup(source: str, lt: int) -> int:
    """Where text resumes after a comment, CDATA section, declaration or processing instruction at `lt`;
    `lt + 1` where the '<' is just text."""
    if source.startswith("<!--", lt):
        if source.startswith((">", "->"), lt + 4):
            return source.index(">", lt + 4) + 1
        closing = _COMMENT_END.search(source, lt + 4)
        return closing.end() if closing else len(source)
    if source.startswith("<![CDATA[", lt):
        end = source.find("]]>", lt + 9)
        return end + 3 if end >= 0 else len(source)
    if source.startswith(("<!", "<?", "</"), lt) and lt + 2 < len(source):
        close = source.find(">", lt + 2)
        return close + 1 if close >= 0 else len(source)
    return lt + 1


class _TextExtractor:
    """Lines of text from tokens, with a stack of open elements so unclosed or mis-nested tags cannot
    stick."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: list[tuple[int, str, bool]] = []  # (source line, text, inside <main>/<article>)
        self.title = ""
        self._buffer: list[str] = []
        self._line = 0
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()
        self._skip_depth = 0
        self._prefix = ""
        self._body = False
        self._counted = (0, 1)  # (offset, its line number): lines are counted once, forward

    def line_of(self, offset: int) -> int:
        start, line = self._counted
        line += self.source.count("\n", start, offset)
        self._counted = (offset, line)
        return line

    def start(self, tag: str) -> None:
        if tag not in HEAD_CONTENT:
            self._start_body()
        elif tag == "head" and self._body:
            return  # a second <head> inside the body is ignored, as browsers do
        if tag in VOID:
            if tag in ("br", "hr") and not self._skip_depth:
                self._flush()
            return
        self._stack.append(tag)
        self._open[tag] += 1
        if tag in SKIPPED:
            self._skip_depth += 1
        elif not self._skip_depth and _is_block(tag):
            self._flush()
            self._prefix = "#" * HEADINGS[tag] + " " if tag in HEADINGS else "- " if tag == "li" else ""

    def end(self, tag: str) -> None:
        if not self._open[tag]:
            return
        while self._stack:
            open_tag = self._stack.pop()
            self._open[open_tag] -= 1
            if open_tag in SKIPPED:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if not self._skip_depth and _is_block(tag):
            self._flush()

    def text(self, data: str, offset: int) -> None:
        if data.strip() and self._open["head"] and self._skip_depth == self._open["head"]:
            self._start_body()  # text straight inside <head> means the head was never closed
        if self._skip_depth:
            return
        if not self._buffer:
            self._line = self.line_of(offset + len(data) - len(data.lstrip()))
        self._buffer.append(html.unescape(data))

    def raw(self, tag: str, data: str, offset: int) -> None:
        if tag == "title" and not self.title and self._skip_depth == self._open["head"]:
            self.title = " ".join(html.unescape(data).split())
        elif tag in ("xmp", "plaintext"):
            self._flush()
            self.text(data, offset)

    def _start_body(self) -> None:
        self._body = True
        if self._open["head"]:
            self.end("head")

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            inside = any(self._open[tag] for tag in CONTENT_ROOTS)
            self.lines.append((self._line, self._prefix + text, inside))
        self._buffer = []
        self._prefix = ""

    def close(self) -> None:
        self._flush()


def _is_block(tag: str) -> bool:
    return tag in BLOCKS or tag in HEADINGS or tag == "li"


def extract_html(source: str) -> tuple[str, list[tuple[int, str]]]:
    """The page title and its text lines as (source line number, text); main content only where marked."""
    parser = _TextExtractor(source)
    last_tag = ""
    for kind, offset, value in tokenize(source):
        if kind == "start":
            parser.start(value)
            last_tag = value
        elif kind == "end":
            parser.end(value)
        elif kind == "raw":
            parser.raw(last_tag, value, offset)
        else:
            parser.text(value, offset)
    parser.close()
    lines = parser.lines
    if any(inside for _, _, inside in lines):
        lines = [line for line in lines if line[2]]
    return parser.title, [(number, text) for number, text, _ in lines]
