"""Read an untrusted input file: only a regular file, only up to a limit, and never waiting on a pipe or
device."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from .budgets import MAX_CONFIG_BYTES, MAX_NESTING
from .errors import ConfigError, InputError, ReportdiffError

CHUNK = 1024 * 1024
# Opened without waiting: a FIFO swapped in after a check would otherwise block the open until a writer comes.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def read_regular(path: Path, limit: int, error: type[ReportdiffError] = InputError, hint: str = "") -> bytes:
    """The bytes of the regular file at `path`, refusing a larger one than `limit` (`hint` says how to raise
    it), a folder, a device or a pipe. The type and size are checked on the opened file, so nothing can be
    swapped in between a check and the read."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror or exc}", path) from None
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise error("not a regular file", path)
        _check_size(info.st_size, limit, path, error, hint)
        try:
            data = _read_at_most(stream, limit)
        except OSError as exc:
            raise error(f"cannot read file: {exc.strerror or exc}", path) from None
    _check_size(len(data), limit, path, error, hint)  # the file may have grown since it was opened
    return data


def _read_at_most(stream: Any, limit: int) -> bytes:
    """Up to `limit + 1` bytes, a chunk at a time: asking for `limit + 1` at once would allocate it up
    front."""
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _check_size(size: int, limit: int, path: Path, error: type[ReportdiffError], hint: str) -> None:
    if size > limit:
        raise error(f"file is {size:,} bytes, over the {limit:,}-byte limit{hint}", path)


def read_toml(path: Path, kind: str) -> dict[str, Any]:
    """A manifest's or taxonomy's TOML (`kind` names which), parsed; every problem is one ConfigError."""
    return parse_toml(read_config_text(path, kind), str(path))


def read_config_text(path: Path, kind: str) -> str:
    """The text of a manifest or taxonomy: a regular file, bounded in size, UTF-8 with or without a BOM."""
    data = read_regular(path, MAX_CONFIG_BYTES, ConfigError)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{kind} is not UTF-8 text (byte {exc.start})", path) from None


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """TOML text parsed, with a one-line error for bad syntax or nesting deeper than `MAX_NESTING`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", name) from None
    except RecursionError:  # the parser recurses once per level: a few hundred levels exhaust the stack
        data = None
    if data is None or depth(data) > MAX_NESTING:
        raise ConfigError(f"TOML nested more than {MAX_NESTING} deep", name)
    return data


def depth(value: Any) -> int:
    """How deeply lists and dicts nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest
