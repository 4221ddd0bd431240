"""Write outputs atomically: a temporary file beside the target, then one rename, with ordinary permissions."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import OutputError


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on any failure the old file is untouched and no temporary is left."""
    write_all([(path, data)])


def write_all(outputs: Iterable[tuple[Path, bytes]]) -> None:
    """Write every output or, as far as the file system allows, none: each is first written in full to a temporary
    beside it (where a full disk or a missing permission shows), and only then are they renamed into place.

    `outputs` may be a generator that renders each output as it is asked for: if it fails, nothing is replaced."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            staged.append((_stage(path, data), path))
        for temporary, path in staged:
            _replace(temporary, path)
    finally:
        for temporary, _ in staged:  # those renamed are gone already; the rest must not be left behind
            Path(temporary).unlink(missing_ok=True)


def check_target(path: Path) -> None:
    """Refuse an output path that is a folder, a device or a pipe: an output is a file that gets replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # no such file yet (or none reachable): writing it will say what is wrong
    if stat.S_ISDIR(mode):
        raise OutputError("output path is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise OutputError("output path is not a regular file (a device or a pipe?)", str(path))


def check_writable(path: Path) -> None:
    """Refuse an output that cannot be written before anything is written, so a failed run changes nothing."""
    check_target(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"no such folder {str(folder)!r}", str(path))
    if not os.access(folder, os.W_OK):
        raise OutputError(f"folder {str(folder)!r} is not writable", str(path))


def _stage(path: Path, data: bytes) -> str:
    """Write `data` to a new temporary file beside `path`, flushed to disk; its name."""
    check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); a published report keeps the old file's mode, or the umask's.
        os.chmod(temporary, _mode_for(path))
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    return temporary


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _replace(temporary: str, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
