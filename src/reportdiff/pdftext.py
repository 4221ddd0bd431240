"""Read a PDF's text page by page through the optional pypdf extra, keeping each line's page number, within
the budgets on pages, page content and text: a small PDF can list a page a hundred thousand times or share one
huge stream between all its pages."""

from __future__ import annotations

import io
import logging
from typing import Any

from .budgets import MAX_PDF_CONTENT_BYTES, MAX_PDF_PAGES, MAX_TEXT_CHARS, text_over_budget
from .errors import InputError
from .model import SourceLine
from .text import clean_text

EXTRA_HINT = "PDF input needs the optional extra: pip install 'reportdiff[pdf]'"


def pdf_lines(data: bytes, name: str) -> tuple[str, list[SourceLine]]:
    """The PDF's title (from its metadata) and its text lines, numbered through the document, with pages."""
    pypdf = _pypdf(name)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("PDF is encrypted", name)
        count_pages(reader, name)
        pages = _page_texts(reader, name)
        title = str(reader.metadata.get("/Title") or "") if reader.metadata else ""
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; each is one clear skip
        raise InputError(f"unreadable PDF ({type(exc).__name__}: {exc})", name) from None
    return clean_text(" ".join(title.split())), _numbered(pages)


def pdf_creator(data: bytes) -> str:
    """The PDF's /Creator metadata, or "" when there is none or it cannot be read."""
    try:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        return str((reader.metadata.get("/Creator") if reader.metadata else "") or "")
    except Exception:  # any PDF pypdf cannot read has no creator worth trusting
        return ""


def _pypdf(name: str) -> Any:
    try:
        import pypdf
    except ImportError:
        raise InputError(EXTRA_HINT, name) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter is not the user's business
    return pypdf


def count_pages(reader: Any, name: str) -> int:
    """The number of pages in the page tree, counted without reading any page and refused past
    `MAX_PDF_PAGES`: the tree may list one page a hundred thousand times, or nest without end."""
    count, visited, stack = 0, 0, [reader.trailer["/Root"]["/Pages"]]
    while stack:
        node = stack.pop().get_object()
        visited += 1
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            count += 1
        else:
            stack.extend(kids.get_object())
        if count > MAX_PDF_PAGES or visited > 2 * MAX_PDF_PAGES:
            raise InputError(f"PDF has over {MAX_PDF_PAGES:,} pages (the limit per document)", name)
    return count


def _page_texts(reader: Any, name: str) -> list[str]:
    """Each page's text, stopping at the budgets on page content (each page counted, shared or not) and on
    text."""
    pages, content, chars = [], 0, 0
    for page in reader.pages:
        content += _content_bytes(page)
        if content > MAX_PDF_CONTENT_BYTES:
            raise InputError(
                f"PDF page content is over {MAX_PDF_CONTENT_BYTES:,} bytes (the limit per document)", name
            )
        pages.append(page.extract_text() or "")
        chars += len(pages[-1])
        if chars > MAX_TEXT_CHARS:
            raise InputError(text_over_budget(), name)
    return pages


def _content_bytes(page: Any) -> int:
    """The decompressed size of the page's content streams (pypdf keeps each stream decoded once)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return sum(len(stream.get_object().get_data()) for stream in streams)


def _numbered(pages: list[str]) -> list[SourceLine]:
    lines, number = [], 0
    for page_number, text in enumerate(pages, start=1):
        for line in clean_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            number += 1
            lines.append(SourceLine(number, line.rstrip(), page_number))
        number += 1
        lines.append(SourceLine(number, "", page_number))  # a page break ends a paragraph
    return lines
