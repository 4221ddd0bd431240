"""Read a folder's `reportdiff.toml`: per-document date, title, inspection and exclusion set by a person."""
from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import ConfigError
from .model import DocumentOverride, Manifest, PartialDate
from .overrides import parse_overrides

MANIFEST_NAME = "reportdiff.toml"
DOCUMENT_KEYS = ("date", "title", "inspection", "exclude")


def find_manifest(folder: Path) -> Path | None:
    """The manifest in `folder`, if there is one."""
    candidate = folder / MANIFEST_NAME
    return candidate if candidate.is_file() else None


def load_manifest(path: Path) -> Manifest:
    """Parse and check a manifest; document keys are resolved to paths inside its folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read manifest: {exc}", str(path)) from None
    unknown = sorted(set(data) - {"documents", "overrides"})
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} (expected [documents.\"FILE\"] tables and "
                          "[[overrides]])", str(path))
    documents = data.get("documents", {})
    if not isinstance(documents, dict):
        raise ConfigError("'documents' must be a table of file names", str(path))
    folder = path.parent.resolve()
    overrides = tuple(_override(folder, name, entry, path) for name, entry in sorted(documents.items()))
    return Manifest(str(path), overrides, parse_overrides(data.get("overrides"), str(path)))


def _override(folder: Path, name: str, entry: Any, manifest: Path) -> DocumentOverride:
    where = f"[documents.{name!r}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table", str(manifest))
    for key in entry:
        if key not in DOCUMENT_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} (allowed: {', '.join(DOCUMENT_KEYS)})", str(manifest))
    return DocumentOverride(
        path=str(resolve_inside(folder, name, manifest)),
        date=_date(entry, "date", where, manifest),
        title=_string(entry, "title", where, manifest),
        inspection=_date(entry, "inspection", where, manifest),
        exclude=bool(entry.get("exclude", False)),
    )


def resolve_inside(folder: Path, name: str, manifest: Path) -> Path:
    """`name` as a path inside `folder`; a `../` or absolute path is refused."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or Path(name).is_absolute():
        raise ConfigError(f"document path {name!r} must be relative and inside the input folder", str(manifest))
    resolved = (folder / Path(*pure.parts)).resolve()
    if folder not in resolved.parents:
        raise ConfigError(f"document path {name!r} leads outside the input folder", str(manifest))
    return resolved


def _date(entry: dict[str, Any], key: str, where: str, manifest: Path) -> PartialDate | None:
    value = entry.get(key)
    if value is None:
        return None
    try:
        return PartialDate.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where} {key}: {exc}", str(manifest)) from None


def _string(entry: dict[str, Any], key: str, where: str, manifest: Path) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{where} {key} must be a string", str(manifest))
    return value
