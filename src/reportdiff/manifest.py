"""Read a folder's `reportdiff.toml`: per-document date, title, inspection and exclusion set by a person."""

from __future__ import annotations

import datetime
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .budgets import MAX_TITLE_CHARS
from .errors import ConfigError
from .files import parse_toml, read_config_text
from .model import DocumentOverride, Manifest, PartialDate
from .overrides import parse_overrides
from .sanitize import bounded, clean_line

MANIFEST_NAME = "reportdiff.toml"
DOCUMENT_KEYS = ("date", "title", "inspection", "exclude")


@dataclass(frozen=True, slots=True)
class _Source:
    """The manifest being checked: its path, folder and text, so that an error can name its line."""

    path: Path
    folder: Path
    text: str

    def error(self, problem: str, name: str | None = None, key: str | None = None) -> ConfigError:
        """A ConfigError for this manifest, with the line of document `name` (and its `key`) where it is
        found."""
        line = _line_of(self.text, name, key) if name is not None else None
        return ConfigError(f"{problem} (at line {line})" if line else problem, str(self.path))


def find_manifest(folder: Path) -> Path | None:
    """The manifest in `folder`, if there is one."""
    candidate = folder / MANIFEST_NAME
    return candidate if candidate.is_file() else None


def find_manifests(paths: list[Path]) -> list[Path]:
    """The manifests that govern `paths`: a folder's own, and for a file the one beside it; each once."""
    found: dict[str, Path] = {}
    for path in paths:
        manifest = find_manifest(path if path.is_dir() else path.parent)
        if manifest is not None:
            found.setdefault(os.path.realpath(manifest), manifest)
    return list(found.values())


def load_manifest(path: Path) -> Manifest:
    """Parse and check a manifest; document keys are resolved to existing files inside its folder."""
    source = _Source(path, path.parent.resolve(), read_config_text(path, "manifest"))
    data = parse_toml(source.text, str(path))
    unknown = sorted(set(data) - {"documents", "overrides"})
    if unknown:
        raise ConfigError(
            f'unknown key {unknown[0]!r} (expected [documents."FILE"] tables and [[overrides]])', str(path)
        )
    documents = data.get("documents", {})
    if not isinstance(documents, dict):
        raise ConfigError("'documents' must be a table of file names", str(path))
    overrides = tuple(_override(source, name, entry) for name, entry in sorted(documents.items()))
    return Manifest(str(path), overrides, parse_overrides(data.get("overrides"), str(path)))


def _override(source: _Source, name: str, entry: Any) -> DocumentOverride:
    where = f"[documents.{toml_key(name)}]"
    if not isinstance(entry, dict):
        raise source.error(f"{where} must be a table", name)
    for key in entry:
        if key not in DOCUMENT_KEYS:
            raise source.error(
                f"{where}: unknown key {key!r} (allowed: {', '.join(DOCUMENT_KEYS)})", name, key
            )
    exclude = entry.get("exclude", False)
    if not isinstance(exclude, bool):
        raise source.error(f"{where} exclude must be true or false", name, "exclude")
    title = _string(source, entry, name, "title")
    return DocumentOverride(
        path=str(_existing_document(source, name, required=set(entry) != {"exclude"})),
        date=_date(source, entry, name, "date"),
        title=bounded(clean_line(title), MAX_TITLE_CHARS) if title is not None else None,
        inspection=_date(source, entry, name, "inspection"),
        exclude=exclude,
    )


def resolve_inside(folder: Path, name: str, manifest: Path) -> Path:
    """`name` as a path inside `folder`; a `../` or absolute path, or one a link leads out of, is refused."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or Path(name).is_absolute() or "\0" in name:
        raise ConfigError(
            f"document path {name!r} must be relative and inside the input folder", str(manifest)
        )
    # The manifest names files in UTF-8; the file system is asked in its own encoding (under LC_ALL=C, "café"
    # is held as escaped bytes).
    resolved = (folder / Path(*(os.fsdecode(part.encode("utf-8")) for part in pure.parts))).resolve()
    if folder not in resolved.parents:
        raise ConfigError(f"document path {name!r} leads outside the input folder", str(manifest))
    return resolved


def _existing_document(source: _Source, name: str, required: bool) -> Path:
    """The resolved path of the document `name`; refused unless it is a file in the folder, or the entry only
    excludes it (nothing to exclude is no mistake worth stopping for)."""
    try:
        resolved = resolve_inside(source.folder, name, source.path)
    except ConfigError as exc:
        raise source.error(exc.problem, name) from None
    if required and not resolved.is_file():
        raise source.error(
            f"[documents.{toml_key(name)}]: no such file in {source.folder}{_hint(source, name)}", name
        )
    return resolved


def _hint(source: _Source, name: str) -> str:
    files = sorted(p.name for p in source.folder.iterdir() if p.is_file() and p.name != MANIFEST_NAME)
    close = difflib.get_close_matches(name, files, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _date(source: _Source, entry: dict[str, Any], name: str, key: str) -> PartialDate | None:
    value = entry.get(key)
    if value is None:
        return None
    try:
        date = PartialDate.parse(str(value))
        datetime.date(date.year, date.month or 1, date.day or 1)
    except ValueError as exc:
        raise source.error(f"[documents.{toml_key(name)}] {key}: {exc}", name, key) from None
    return date


def _string(source: _Source, entry: dict[str, Any], name: str, key: str) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise source.error(f"[documents.{toml_key(name)}] {key} must be a string", name, key)
    return value


def toml_key(name: str) -> str:
    """A document name as a TOML key, as the user would write it."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line_of(text: str, name: str, key: str | None) -> int | None:
    """The line where document `name` is set (its `key`, if given): a best guess from the text, for
    messages."""
    lines = text.split("\n")
    start = next(
        (i for i, line in enumerate(lines) if name in line and not line.lstrip().startswith("#")), None
    )
    if start is None:
        return None
    if key is not None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|[{{,]\s*{re.escape(key)}\s*=")
        for index in range(start, len(lines)):
            if index > start and lines[index].lstrip().startswith("["):
                break
            if pattern.search(lines[index]):
                return index + 1
    return start + 1
