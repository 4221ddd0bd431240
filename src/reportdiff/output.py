"""Write outputs all or nothing: each to a temporary file beside it, then every one renamed into place, the
old files kept until the last rename succeeds and put back if one fails. Outputs never land on an input."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .ingest import TEXT_SUFFIXES, is_own_output
from .process import signals_held
from .render import format_for

# Temporary and backup files are named `.rd-KEY-PID-RANDOM.tmp`: KEY is a digest of the output's name (so the
# name stays short whatever the output is called), PID the writing process, so a later run can tell a
# temporary left by a killed run (its process is gone) from one being written now.
TEMP_PREFIX = ".rd-"
_TEMPORARY = re.compile(r"\.rd-([0-9a-f]{12})-(\d+)-[^/]*\.tmp")
OWN_CHECK_BYTES = 64 * 1024 * 1024  # an existing output larger than this is not read to see who wrote it


@dataclass(frozen=True, slots=True)
class Staged:
    """An output written in full to `temporary`, waiting to replace `path`; `backup` keeps the old file, if
    any."""

    path: Path
    temporary: str
    backup: str | None = None


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on any failure the old file is untouched and no temporary is
    left."""
    write_all([(path, data)])


def write_all(outputs: Iterable[tuple[Path, bytes]]) -> None:
    """Write every output or none: each is first written in full to a temporary beside it (where a full disk
    or a missing permission shows), the old files are kept aside, and only then are they renamed into place;
    if a rename fails (or the run is interrupted), the ones already renamed are put back.

    `outputs` may be a generator that renders each output as it is asked for: if it fails, nothing is
    replaced."""
    staged: list[Staged] = []
    targets: list[Path] = []
    try:
        for path, data in outputs:
            targets.append(path)
            staged.append(Staged(path, _stage(path, data)))
        for index, item in enumerate(staged):
            staged[index] = _keep_old(item)
        _rename_all(staged)
    finally:
        with signals_held():
            for item in staged:  # those renamed are gone already; the rest must not be left behind
                _remove(item.temporary)
                _remove(item.backup)
            for path in targets:  # and any a signal cut off between its creation and its record above
                clean_temporaries(path, mine=True)


def _rename_all(staged: list[Staged]) -> None:
    done: list[Staged] = []
    try:
        for item in staged:
            _replace(item.temporary, item.path)
            done.append(item)
    except BaseException:  # an OutputError, or an interruption between two renames
        with signals_held():
            for item in reversed(done):
                _restore(item)
        raise


def _keep_old(item: Staged) -> Staged:
    """`item` with a backup of the file it will replace (a hard link beside it, else a copy), if there is
    one."""
    if not os.path.lexists(item.path):
        return item
    backup = _temporary_name(item.path, "old")
    try:
        try:
            os.link(item.path, backup, follow_symlinks=False)
        except OSError:  # a file system without hard links
            shutil.copy2(item.path, backup, follow_symlinks=False)
    except OSError as exc:
        raise OutputError(
            f"cannot keep the previous file while writing: {exc.strerror or exc}", item.path
        ) from None
    return Staged(item.path, item.temporary, backup)


def _restore(item: Staged) -> None:
    """Put back what `item.path` was before it was replaced: the old file, or nothing."""
    try:
        if item.backup is not None:
            os.replace(item.backup, item.path)
        else:
            item.path.unlink(missing_ok=True)
    except OSError:
        pass  # the rename that failed is the error to report; this one can only be left as it is


def _temporary_name(path: Path, kind: str) -> str:
    folder = _folder(path)
    handle, name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{_key(path)}-{os.getpid()}-{kind}", suffix=".tmp", dir=folder
    )
    os.close(handle)
    os.unlink(name)  # only the name is wanted: os.link and copy2 make the file
    return name


def _key(path: Path) -> str:
    return hashlib.sha256(os.fsencode(path.name)).hexdigest()[:12]


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _remove(name: str | None) -> None:
    if name is not None:
        Path(name).unlink(missing_ok=True)


def clean_temporaries(path: Path, mine: bool = False) -> None:
    """Remove the temporaries beside `path` that a killed run left (its process is gone), or, with `mine`,
    those of this process; never those of another run still writing."""
    try:
        names = os.listdir(_folder(path))
    except OSError:
        return
    key = _key(path)
    for name in names:
        match = _TEMPORARY.fullmatch(name)
        if match and match.group(1) == key and _left_over(int(match.group(2)), mine):
            _remove(str(_folder(path) / name))


def _left_over(pid: int, mine: bool) -> bool:
    return pid == os.getpid() if mine else not _running(pid)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number no process has: leave the file alone
    return True


def check_target(path: Path) -> None:
    """Refuse an output path that is a folder, a device or a pipe: an output is a file that gets replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # no such file yet (or none reachable): writing it will say what is wrong
    if stat.S_ISDIR(mode):
        raise OutputError("output path is a folder", path)
    if not stat.S_ISREG(mode):
        raise OutputError("output path is not a regular file (a device or a pipe?)", path)


def check_writable(path: Path) -> None:
    """Refuse an output that cannot be written before anything is written, so a failed run changes nothing."""
    check_target(path)
    folder = _folder(path)
    if not folder.is_dir():
        raise OutputError(f"no such folder {str(folder)!r}", path)
    if not os.access(folder, os.W_OK):
        raise OutputError(f"folder {str(folder)!r} is not writable", path)
    if _sticky_and_not_ours(folder, path):
        raise OutputError(
            f"belongs to another user in the sticky folder {str(folder)!r}: it cannot be replaced", path
        )


def _sticky_and_not_ours(folder: Path, path: Path) -> bool:
    """Whether a rename onto `path` would fail: in a sticky folder (like /tmp) only the file's or the folder's
    owner may replace it."""
    if os.geteuid() == 0:
        return False
    try:
        folder_info, info = folder.stat(), path.lstat()
    except OSError:
        return False
    return bool(folder_info.st_mode & stat.S_ISVTX) and os.geteuid() not in (info.st_uid, folder_info.st_uid)


def check_outputs(outs: Sequence[Path], css_file: Path | None, inputs: Sequence[Path]) -> None:
    """Refuse, before any work, outputs that are unknown formats, a --css that is not a .css file, an output
    named twice, or an output that would overwrite an input or land where the next build would read it as
    one."""
    for out in outs:
        format_for(out)
    if css_file is not None and css_file.suffix.lower() != ".css":
        raise OutputError("--css must name a .css file", css_file)
    seen: set[str] = set()
    for target in [*outs, *([css_file] if css_file else [])]:
        resolved = os.path.realpath(target)
        if resolved in seen:
            raise OutputError("named twice as an output", target)
        seen.add(resolved)
        _check_not_input(target, resolved, inputs)


def _check_not_input(target: Path, resolved: str, inputs: Sequence[Path]) -> None:
    files = {os.path.realpath(p) for p in inputs if not p.is_dir()}
    folders = {os.path.realpath(p) for p in inputs if p.is_dir()}
    if resolved in files and not _own(target):
        raise OutputError("is an input document: write the report elsewhere", target)
    scanned = os.path.dirname(resolved) in folders and _would_be_read(target)
    if scanned and not _own(target):
        raise OutputError(
            f"is in the input folder {str(target.parent)!r}, where the next build would read it "
            "as a document: write it elsewhere",
            target,
        )


def _would_be_read(path: Path) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() in TEXT_SUFFIXES


def _own(path: Path) -> bool:
    """Whether `path` is a report reportdiff wrote (then replacing it is what the user asked)."""
    try:
        if not path.is_file() or path.stat().st_size > OWN_CHECK_BYTES:
            return False
        return is_own_output(path.read_bytes())
    except OSError:
        return False


def _stage(path: Path, data: bytes) -> str:
    """Write `data` to a new temporary file beside `path`, flushed to disk; its name."""
    check_target(path)
    clean_temporaries(path)
    folder = _folder(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{_key(path)}-{os.getpid()}-", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); a published report keeps the old file's mode, or the umask's.
        os.chmod(temporary, _mode_for(path))
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", path) from None
        raise
    return temporary


def _mode_for(path: Path) -> int:
    """The old file's permissions (not a link's target's: the link itself is replaced), else the umask's."""
    try:
        info = path.lstat()
    except OSError:
        info = None
    if info is None or stat.S_ISLNK(info.st_mode):
        return 0o666 & ~_umask()
    return stat.S_IMODE(info.st_mode) & 0o777


def _replace(temporary: str, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path) from None
