"""Hostile inputs made on demand for the reliability tests: hand-made PDFs, long lines, deep TOML, bad
baselines."""

from __future__ import annotations

import json
import random
import zlib
from pathlib import Path
from typing import Any

DATED = (
    "Inspection of Northamptonshire Police\n\nPublished on: 12 May 2022\n\n"
    "In April 2022 we inspected Northamptonshire Police. Inspectors found that the force was not yet "
    "effectively managing risk to missing children.\n"
)
FINDING = "Inspectors found that the force was not yet effectively managing risk to missing children. "
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
    b"/Contents %d 0 R >>"
)


def one_line(size: int) -> bytes:
    """A dated document of one line of about `size` bytes: one finding repeated, so the first line is the
    title."""
    head = (
        "Inspection of Northamptonshire Police. Published on: 12 May 2022. In April 2022 we inspected "
        "Northamptonshire Police. "
    )
    return (head + FINDING * max(1, (size - len(head)) // len(FINDING))).encode("ascii")


def findings_document(count: int, width: int = 70) -> bytes:
    """A dated document of `count` different findings of about `width` characters, a paragraph each: each
    names a case and a few words drawn at random (seeded), so no two read alike."""
    rng = random.Random(count)
    lines = [DATED]
    for n in range(count):
        words = " ".join(rng.choice(VOCABULARY) for _ in range(max(1, (width - 70) // 8)))
        lines.append(f"In case {n} inspectors found that missing child {n} was not safeguarded: {words}.\n")
    return "\n".join(lines).encode("ascii")


VOCABULARY = (
    "supervision",
    "referrals",
    "records",
    "delays",
    "officers",
    "partners",
    "custody",
    "strategy",
    "training",
    "backlog",
    "oversight",
    "checks",
    "visits",
    "plans",
    "data",
    "risk",
    "harm",
    "school",
    "social",
    "care",
    "home",
    "night",
    "weekend",
    "contact",
    "review",
    "audit",
    "quality",
    "consistent",
)


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, compress: bool = True) -> bytes:
    """A stream object's body, deflated by default."""
    if not compress:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


def text_operators(lines: list[str]) -> bytes:
    """A content stream showing `lines` one under another in font F1."""
    shown = [
        b"("
        + line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b") '"
        for line in lines
    ]
    return b"\n".join([b"BT /F1 11 Tf 72 760 Td 14 TL", *shown, b"ET"])


def text_pdf(pages: list[list[str]], font: bytes = FONT, extra: tuple[bytes, ...] = ()) -> bytes:
    """A PDF whose pages show these lines: catalog 1, page tree 2, font 3, then a page and its content each,
    then `extra` objects."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        font,
    ]
    for number, lines in enumerate(pages):
        objects += [PAGE % (5 + 2 * number), stream(text_operators(lines))]
    return pdf_bytes(objects + list(extra))


def surrogate_pdf() -> bytes:
    """A dated one-page PDF whose font maps '~' to a lone surrogate (U+D800) through its ToUnicode CMap."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"1 beginbfrange <20> <7D> <0020> endbfrange 1 beginbfchar <7E> <D800> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"  # 4, 5: the page
    return text_pdf([DATED.replace("missing", "missing~").split("\n")], font, (stream(cmap, compress=False),))


def whitespace_bomb_pdf(pages: int = 200, spaces: int = 70_000_000) -> bytes:
    """Small on disk, huge when read: every page shares one content stream of `spaces` spaces (one word
    shown)."""
    content = stream(b"BT /F1 11 Tf 72 760 Td (Published on 12 May 2022) Tj ET" + b" " * spaces)
    kids = b" ".join(b"4 0 R" for _ in range(pages))
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            FONT,
            PAGE % 5,
            content,
        ]
    )


def page_references_pdf(references: int = 100_000) -> bytes:
    """One page listed `references` times in the page tree."""
    kids = b"4 0 R " * references
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, references),
            FONT,
            PAGE % 5,
            stream(text_operators(DATED.split("\n"))),
        ]
    )


def nested_toml(depth: int) -> str:
    """A TOML array nested `depth` deep."""
    return "x = " + "[" * depth + "]" * depth + "\n"


def nested_json(depth: int) -> str:
    """A JSON array nested `depth` deep."""
    return "[" * depth + "]" * depth


def read_json(path: Path) -> dict[str, Any]:
    """A build's JSON, parsed."""
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def build_shapes(good: dict[str, Any]) -> dict[str, bytes]:
    """Malformed variants of a good build's JSON, as bytes: each must be refused with one line, never a
    traceback."""
    shapes = {name: json.dumps(value).encode() for name, value in _shaped(good).items()}
    verdict = json.dumps(good["themes"][0]["verdict"])
    text = json.dumps(good).encode()
    return {
        **shapes,
        "nesting 100,000 deep": nested_json(100_000).encode(),
        "a NaN verdict": text.replace(f'"verdict": {verdict}'.encode(), b'"verdict": NaN', 1),
        "cut off": text[: len(text) // 2],
        "not UTF-8": text.replace(b'"themes"', b'"th\xffemes"'),
    }


def _shaped(good: dict[str, Any]) -> dict[str, Any]:
    theme, document, finding = good["themes"][0], good["documents"][0], good["findings"][0]

    def changed(key: str, value: Any) -> dict[str, Any]:
        return {**good, key: value}

    def first(key: str, item: dict[str, Any]) -> dict[str, Any]:
        return {**good, key: [item, *good[key][1:]]}

    without = {
        k: {kk: vv for kk, vv in v.items() if kk != "id"}
        for k, v in (("themes", theme), ("documents", document), ("findings", finding))
    }
    return {
        "a list, not an object": [good],
        "a string": "reportdiff",
        "null": None,
        "an empty object": {},
        "themes as a string": changed("themes", "missing-children"),
        "themes null": changed("themes", None),
        "findings null": changed("findings", None),
        "documents as an object": changed("documents", {"a": document}),
        "changelog as a number": changed("changelog", 7),
        "a theme as a string": first("themes", "missing-children"),
        "a theme without id": first("themes", without["themes"]),
        "a theme with an integer id": first("themes", {**theme, "id": 7}),
        "a theme without verdict": first("themes", {k: v for k, v in theme.items() if k != "verdict"}),
        "a verdict that is not a verdict": first(
            "themes", {**theme, "verdict": "<img src=x onerror=alert(1)>"}
        ),
        "a verdict with a line break": first("themes", {**theme, "verdict": "new\n# heading"}),
        "a verdict with a terminal escape": first("themes", {**theme, "verdict": "new\x1b]0;pwned\x07"}),
        "a verdict that is a number": first("themes", {**theme, "verdict": 3}),
        "a label that is a list": first("themes", {**theme, "label": ["a"]}),
        "a theme id with a line break": first("themes", {**theme, "id": "x\n# heading"}),
        "a document without id": first("documents", without["documents"]),
        "a document without sha256": first("documents", {k: v for k, v in document.items() if k != "sha256"}),
        "a document id that is null": first("documents", {**document, "id": None}),
        "a finding without id": first("findings", without["findings"]),
        "a finding as a number": first("findings", 12),
        "a changelog entry whose labels are a list": first(
            "changelog", {"from_label": "a", "to_label": "b", "labels": ["x"]}
        ),
        "a subject that is an object": changed("subject", {"a": 1}),
        "a schema from the future": changed("schema", 99),
        "an id of a megabyte": first("findings", {**finding, "id": "x" * 1_000_000}),
    }


# A stand-in build with one of everything, so the shapes' names are known before any real build is made.
_STAND_IN = {
    "schema": 1,
    "subject": "",
    "documents": [{"id": "d", "sha256": "0" * 64}],
    "themes": [{"id": "t", "label": "T", "verdict": "new"}],
    "findings": [{"id": "f"}],
    "inspections": [],
    "changelog": [{"from_label": "a", "to_label": "b", "labels": {}}],
}
SHAPE_NAMES = tuple(build_shapes(_STAND_IN))
