"""The budgets that bound the work one input can cause, each enforced where the input is read (the README
lists them): bytes alone do not bound work, since a small file can expand to a huge text or a huge number of
pages."""

from __future__ import annotations

# A document title (its first line, a <title>, PDF metadata or the manifest's), cut at a word boundary: titles
# are repeated wherever a document is cited.
MAX_TITLE_CHARS = 160
# Extracted text of one document, in characters; a longer document is skipped with the reason. About 150,000
# words: more than any inspection report, and what the later stages handle in seconds.
MAX_TEXT_CHARS = 1_000_000
# Pages of one PDF, counted in its page tree before any page is read; a longer PDF is skipped.
MAX_PDF_PAGES = 2_000
# Page content of one PDF, decompressed, in bytes: what the text extractor must parse (each page counted, also
# when pages share a stream). Some 400 pages of dense text; the extractor parses about half a megabyte a
# second.
MAX_PDF_CONTENT_BYTES = 8 * 1024 * 1024
# A previous build's JSON (--baseline, or `diff`), a manifest or a taxonomy file, in bytes.
MAX_BUILD_BYTES = 64 * 1024 * 1024
MAX_CONFIG_BYTES = 4 * 1024 * 1024
# How deeply a baseline's JSON, a manifest's or a taxonomy's TOML may nest (a build nests five deep).
MAX_NESTING = 32
# An id or label read from a baseline, in characters.
MAX_NAME_CHARS = 1_000


def text_over_budget(chars: int | None = None) -> str:
    """The reason a document is skipped for its text: how much there is, where that is known."""
    size = f"{chars:,} characters, " if chars is not None else ""
    return f"the text is {size}over the {MAX_TEXT_CHARS:,}-character limit per document"
