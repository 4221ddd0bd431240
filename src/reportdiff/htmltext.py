"""Extract readable text from untrusted HTML with the standard library's parser, keeping source line numbers.

Headings come out as Markdown `#` lines and list items as `- ` lines, so the segmenter treats every format alike.
Scripts, styles, navigation and other chrome are dropped; nothing of the markup survives as markup.
"""
from __future__ import annotations

from html.parser import HTMLParser

# Elements whose whole content is dropped: executable, invisible, or page chrome.
SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
                     "nav", "footer", "aside", "form", "button", "select", "textarea", "head", "canvas", "dialog"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "blockquote", "pre", "table", "tr", "ul",
                    "ol", "dl", "dt", "dd", "hr", "br", "figure", "figcaption", "address", "td", "th", "caption"})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source", "track"})
CONTENT_ROOTS = frozenset({"main", "article"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str, bool]] = []  # (source line, text, inside <main>/<article>)
        self.title = ""
        self._buffer: list[str] = []
        self._line = 0
        self._stack: list[str] = []
        self._skip_depth = 0
        self._in_title = False
        self._prefix = ""

    # Tag handling keeps a stack so that unclosed or mis-nested tags cannot leave the skip state stuck.
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in VOID:
            if tag in ("br", "hr") and not self._skip_depth:
                self._flush()
            return
        self._stack.append(tag)
        if tag in SKIPPED:
            self._skip_depth += 1
        elif not self._skip_depth and (tag in BLOCKS or tag in HEADINGS or tag == "li"):
            self._flush()
            self._prefix = "#" * HEADINGS[tag] + " " if tag in HEADINGS else "- " if tag == "li" else ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag not in self._stack:
            return
        while self._stack:
            open_tag = self._stack.pop()
            if open_tag in SKIPPED:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if not self._skip_depth and (tag in BLOCKS or tag in HEADINGS or tag == "li"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip_depth:
            return
        if not self._buffer:
            self._line = self.getpos()[0] + _leading_newlines(data)
        self._buffer.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            inside = any(tag in CONTENT_ROOTS for tag in self._stack)
            self.lines.append((self._line, self._prefix + text, inside))
        self._buffer = []
        self._prefix = ""

    def close(self) -> None:
        super().close()
        self._flush()


def _leading_newlines(data: str) -> int:
    stripped = data.lstrip()
    return data[: len(data) - len(stripped)].count("\n")


def extract_html(source: str) -> tuple[str, list[tuple[int, str]]]:
    """The page title and its text lines as (source line number, text); main content only where marked."""
    parser = _TextExtractor()
    parser.feed(source)
    parser.close()
    lines = parser.lines
    if any(inside for _, _, inside in lines):
        lines = [line for line in lines if line[2]]
    return " ".join(parser.title.split()), [(number, text) for number, text, _ in lines]
