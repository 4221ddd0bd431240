"""Stage 1, ingest: find the input files, read them safely, and record each document's title, publisher and subject."""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .htmltext import extract_html
from .pdftext import pdf_lines
from .model import Document, IngestResult, Manifest, Skipped, SourceLine, Speaker, Taxonomy
from .text import clean_text, for_matching, markdown_heading, organisation_names, organisation_pattern, squash

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".pdf": "pdf"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Share of control characters above which decoded "text" is really binary.
CONTROL_LIMIT = 0.02

# Control characters other than tab, line feed and form feed (carriage returns are gone by the time this counts).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Unicode categories a path shows as escapes: controls, format characters (invisible, bidi), line separators.
_UNSHOWN = ("Cc", "Cf", "Zl", "Zp", "Cs")
# Patterns here meet untrusted lines that may be megabytes long: none may backtrack over a run of characters.
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")
_UNSAFE_ID = re.compile(r"[^\w.-]+")
# Quoted speech, to an end quote or the end of the line: what others say is not the publisher's own voice.
_QUOTED = re.compile(r"\"[^\"]*(?:\"|$)")


def collect_files(paths: list[Path]) -> list[Path]:
    """The document files named by `paths`: files as given, folders' documents sorted by name (hidden files, such
    as macOS `._` companions, left out); a file reached twice is listed once."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            listed = sorted((p for p in _listing(path) if _is_document_name(p.name) and p.is_file()),
                            key=lambda p: p.name)
        elif path.exists():
            listed = [path]
        else:
            raise InputError("no such file or folder", str(path))
        for file in listed:
            key = Path(os.path.realpath(file))
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot list folder: {exc.strerror or exc}", str(folder)) from None


def _is_document_name(name: str) -> bool:
    return not name.startswith(".") and Path(name).suffix.lower() in TEXT_SUFFIXES


def ingest(files: list[Path], taxonomy: Taxonomy, manifest: Manifest | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Read every file; a file that cannot be used is skipped with its reason, the rest are kept."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for path in files:
        override = manifest.for_path(os.path.realpath(path)) if manifest else None
        if override is not None and override.exclude:
            skipped.append(Skipped(display_path(path), "excluded by the manifest"))
            continue
        try:
            check_path(path)
            document = read_document(path, taxonomy, max_bytes)
        except InputError as exc:
            skipped.append(Skipped(display_path(path), exc.problem))
            continue
        if document.sha256 in seen:
            skipped.append(Skipped(str(path), f"same content as {seen[document.sha256]} (counted once)"))
            continue
        seen[document.sha256] = str(path)
        if override is not None and override.title:
            document = _retitle(document, override.title)
        documents.append(document)
    return IngestResult(tuple(_unique_ids(documents)), tuple(skipped))


def read_document(path: Path, taxonomy: Taxonomy, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One document from one file; raises InputError naming the problem."""
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r} (reads .txt, .md, .html, .htm, .pdf)",
                         str(path))
    data = read_bytes(path, max_bytes)
    if fmt == "pdf":
        html_title, lines = pdf_lines(data, str(path))
    else:
        html_title, lines = _lines_of(decode_text(data, str(path)), fmt)
    if not any(line.text.strip() for line in lines):
        raise InputError("no text in the document", str(path))
    return describe(path, fmt, hashlib.sha256(data).hexdigest(), tuple(lines), html_title, taxonomy)


def check_path(path: Path) -> None:
    """Refuse a file whose name cannot be shown as text, or a symbolic link that leads out of its folder."""
    if display_path(path.name) != path.name:
        raise InputError("the file name has control or invisible characters, or is not UTF-8; rename the file",
                         display_path(path))
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(path.parent))):
            raise InputError(f"symbolic link to {display_path(target)}, outside its folder (not followed)", str(path))


def display_path(path: Path | str) -> str:
    """A path as printable text: bytes that are not UTF-8 become U+FFFD; control, format (invisible, bidi) and
    line-separator characters become escapes like `\\n`, so a name cannot break a line of Markdown or a terminal."""
    text = os.fsencode(path).decode("utf-8", "replace")
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in _UNSHOWN else ch for ch in text)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing what is too large, unreadable or not a regular file (a device or a pipe)."""
    try:
        info = path.stat()  # before opening: opening a pipe would wait for a writer
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file", str(path))
        _check_size(info.st_size, max_bytes, path)
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    _check_size(len(data), max_bytes, path)
    return data


def _check_size(size: int, max_bytes: int, path: Path) -> None:
    if size > max_bytes:
        raise InputError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (see --max-bytes)", str(path))


def decode_text(data: bytes, name: str) -> str:
    """Decode with a BOM if present, else UTF-8, else Windows-1252, else Latin-1; refuse binary and empty input."""
    if not data.strip():
        raise InputError("empty document", name)
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF32_BE, "utf-32")):
        if data.startswith(bom) and (codec != "utf-16" or not data.startswith(codecs.BOM_UTF32_LE)):
            return _checked(_decode(data, codec, name), name)
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)", name)
    for codec in ("utf-8", "cp1252", "latin-1"):
        try:
            return _checked(data.decode(codec), name)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode text", name)  # latin-1 decodes any bytes: kept for clarity


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        label = codec.split("-sig")[0].upper()
        where = exc.start + (len(codecs.BOM_UTF8) if codec == "utf-8-sig" else 0)  # that codec counts after the BOM
        raise InputError(f"not valid {label} text at byte {where:,}, though it starts with a {label} "
                         "byte-order mark", name) from None


def _checked(text: str, name: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InputError("binary file (contains NUL characters)", name)
    controls = _CONTROL.subn("", text)[1]
    if controls > CONTROL_LIMIT * max(len(text), 1):
        raise InputError("binary file (mostly control characters)", name)
    if not text.strip():
        raise InputError("empty document (whitespace only)", name)
    return clean_text(text)


def _lines_of(text: str, fmt: str) -> tuple[str, list[SourceLine]]:
    if fmt == "html":
        title, pairs = extract_html(text)
        return title, [SourceLine(number, clean_text(line)) for number, line in pairs]
    lines = text.split("\n")
    if fmt == "markdown":
        lines = [_plain_markdown(line) for line in lines]
    return "", [SourceLine(number, line.rstrip()) for number, line in enumerate(lines, start=1)]


def _plain_markdown(line: str) -> str:
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub("", line)


def describe(path: Path, fmt: str, sha: str, lines: tuple[SourceLine, ...], html_title: str,
             taxonomy: Taxonomy) -> Document:
    """Title, publisher and subject, read from the text."""
    body = _body_lines(lines, taxonomy)
    subject = find_subject(body, taxonomy)
    publisher, role = find_publisher(lines, body, taxonomy, subject)
    return Document(
        id=document_id(path), path=str(path), name=path.name, format=fmt,
        title=html_title or find_title(lines, taxonomy) or path.stem,
        publisher=publisher, publisher_role=role, subject=subject, sha256=sha, lines=lines,
    )


def _body_lines(lines: tuple[SourceLine, ...], taxonomy: Taxonomy) -> list[str]:
    """The text before any tail marker (notes to editors, news lists): the document's own content."""
    body = []
    for line in lines:
        if any(p.search(heading_text(line.text)) for p in taxonomy.noise_tail):
            break
        body.append(line.text)
    return body


def find_title(lines: tuple[SourceLine, ...], taxonomy: Taxonomy) -> str:
    """A Markdown heading if the text starts with one, else the first line that is not metadata or chrome."""
    for line in lines:
        heading = markdown_heading(line.text)
        if heading and heading[0] == 1:
            return heading[1]
    for line in lines:
        plain = heading_text(line.text)
        if plain and not any(p.search(for_matching(plain)) for rule in taxonomy.noise_lines for p in rule.patterns):
            return plain
    return ""


def heading_text(line: str) -> str:
    """A line's text without a Markdown heading marker, whitespace folded."""
    heading = markdown_heading(line)
    return heading[1] if heading else squash(line)


def find_subject(body: list[str], taxonomy: Taxonomy) -> str:
    """The organisation the document is about: the one its own content names most (first named on a tie)."""
    pattern = organisation_pattern(taxonomy.organisation_suffixes)
    names = [name for line in body for name in organisation_names(line, pattern)]
    if not names:
        return ""
    return _most_common_first(names)


def find_publisher(lines: tuple[SourceLine, ...], body: list[str], taxonomy: Taxonomy,
                   subject: str) -> tuple[str, Speaker]:
    """Who published the document: the press office named, else a force speaking for itself, else the most named."""
    for line in lines:
        text = for_matching(line.text)
        if re.search(r"\bpress office\b|\bmedia enquiries\b", text, re.IGNORECASE):
            for publisher in taxonomy.publishers:
                if any(p.search(text) for p in publisher.patterns):
                    return publisher.name, publisher.role
    narrative = [_QUOTED.sub(" ", for_matching(line)) for line in body]
    if any(p.search(line) for line in narrative for p in taxonomy.force_voice):
        return subject or "the force", Speaker.FORCE
    counts = {p.name: sum(len(rx.findall(for_matching(line))) for line in body for rx in p.patterns)
              for p in taxonomy.publishers}
    best = max(taxonomy.publishers, key=lambda p: counts[p.name], default=None)
    if best is not None and counts[best.name]:
        return best.name, best.role
    if any(p.search(line) for line in narrative for p in taxonomy.inspectorate_voice):
        return "the inspectorate", Speaker.INSPECTORATE
    return "unknown", Speaker.OTHER


def corpus_subject(documents: tuple[Document, ...]) -> str:
    """The organisation the corpus is about: the subject most documents share (first seen on a tie)."""
    subjects = [d.subject for d in documents if d.subject]
    if not subjects:
        return ""
    return _most_common_first(subjects)


def _most_common_first(names: list[str]) -> str:
    """The name given most often; on a tie, the one given first."""
    counts = Counter(names)  # counts keep first-seen order, and max() keeps the first of equal keys
    return max(counts, key=lambda name: counts[name])


def document_id(path: Path) -> str:
    """An id from the file name that is safe as an HTML id and URL fragment: runs of anything but letters, digits,
    '_', '.' and '-' become one '-'."""
    return _UNSAFE_ID.sub("-", path.stem).strip("-") or "document"


def _retitle(document: Document, title: str) -> Document:
    return replace(document, title=title)


def _unique_ids(documents: list[Document]) -> list[Document]:
    """Ids from file stems, suffixed where two files share a stem: in order of content (SHA-256), so the ids do not
    depend on the order the folders were named in."""
    used: Counter[str] = Counter()
    ids = {}
    for document in sorted(documents, key=lambda d: d.sha256):
        used[document.id] += 1
        ids[document.sha256] = document.id if used[document.id] == 1 else f"{document.id}-{used[document.id]}"
    return [replace(document, id=ids[document.sha256]) for document in documents]
