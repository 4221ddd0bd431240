"""Read a PDF's text page by page through the optional pypdf extra, keeping each line's page number."""
from __future__ import annotations

import io
import logging

from .errors import InputError
from .model import SourceLine
from .text import clean_text

EXTRA_HINT = "PDF input needs the optional extra: pip install 'reportdiff[pdf]'"


def pdf_lines(data: bytes, name: str) -> tuple[str, list[SourceLine]]:
    """The PDF's title (from its metadata) and its text lines, numbered through the document, with pages."""
    try:
        import pypdf
    except ImportError:
        raise InputError(EXTRA_HINT, name) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter is not the user's business
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("PDF is encrypted", name)
        if str((reader.metadata.get("/Creator") if reader.metadata else "") or "").startswith("reportdiff"):
            raise InputError("a report reportdiff wrote, not an inspection document", name)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str(reader.metadata.get("/Title") or "") if reader.metadata else ""
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; each is one clear skip
        raise InputError(f"unreadable PDF ({type(exc).__name__}: {exc})", name) from None
    return " ".join(title.split()), _numbered(pages)


def _numbered(pages: list[str]) -> list[SourceLine]:
    lines, number = [], 0
    for page_number, text in enumerate(pages, start=1):
        for line in clean_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            number += 1
            lines.append(SourceLine(number, line.rstrip(), page_number))
        number += 1
        lines.append(SourceLine(number, "", page_number))  # a page break ends a paragraph
    return lines
