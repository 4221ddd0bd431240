"""Writing outputs: atomic, a clear error when it cannot be done, and previous outputs left intact."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from reportdiff.errors import OutputError
from reportdiff.output import write_all, write_atomic

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "report.html"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and _leftovers(tmp_path) == []


def test_a_new_output_gets_the_umask_permissions_and_an_old_one_keeps_its_own(tmp_path):
    fresh, kept = tmp_path / "fresh.md", tmp_path / "kept.md"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_all([(fresh, b"a"), (kept, b"b")])
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


FAILURES = {
    "output path is a folder": (lambda tmp: tmp / "folder", "output path is a folder"),
    "output path is a device": (lambda tmp: Path(os.devnull), "output path is not a regular file"),
    "no such folder": (
        lambda tmp: tmp / "missing" / "report.html",
        "cannot write in .*missing: No such file",
    ),
    "a file where the folder should be": (
        lambda tmp: tmp / "file.txt" / "report.html",
        "cannot write in .*file.txt: Not a directory",
    ),
}


@pytest.mark.parametrize("case", FAILURES, ids=list(FAILURES))
def test_an_unwritable_output_is_a_clear_error(tmp_path, case):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("x")
    make, message = FAILURES[case]
    target = make(tmp_path)
    with pytest.raises(OutputError, match=message) as caught:
        write_atomic(target, b"data")
    assert caught.value.path == str(target)
    assert _leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_previous_output_intact(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_bytes(b"previous")
    monkeypatch.setattr(os, "fsync", _disk_full)
    with pytest.raises(OutputError, match="cannot write: No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous" and _leftovers(tmp_path) == []


def test_write_all_changes_nothing_when_a_later_output_fails(tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.md"
    first.write_bytes(b"old a")
    with pytest.raises(OutputError, match="No such file"):
        write_all([(first, b"new a"), (tmp_path / "missing" / "c.json", b"c"), (second, b"b")])
    assert first.read_bytes() == b"old a" and not second.exists() and _leftovers(tmp_path) == []


def test_a_folder_without_write_permission_is_a_clear_error(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    if IS_ROOT:  # root writes anywhere: simulate the refusal the file system would give anyone else

        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    else:
        folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write in .*locked: Permission denied"):
            write_atomic(folder / "report.html", b"x")
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(IS_ROOT, reason="root ignores folder permissions; the simulated test above covers it")
def test_a_read_only_folder_really_refuses(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            write_atomic(folder / "report.html", b"x")
    finally:
        folder.chmod(0o700)


def test_the_cli_reports_an_output_folder_as_one_line_and_keeps_other_outputs(tmp_path, cli):
    previous = tmp_path / "report.md"
    previous.write_text("previous report")
    (tmp_path / "out.html").mkdir()
    result = cli("build", SAMPLES, "--out", previous, "--out", tmp_path / "out.html")
    assert result.status == 1
    assert result.stderr == f"reportdiff: error: {tmp_path / 'out.html'}: output path is a folder\n"
    assert previous.read_text() == "previous report" and _leftovers(tmp_path) == []


def test_the_cli_reports_a_full_disk_as_one_line_and_keeps_the_previous_output(tmp_path, cli, monkeypatch):
    previous = tmp_path / "report.json"
    previous.write_text("previous report")
    monkeypatch.setattr(os, "fsync", _disk_full)
    result = cli("build", SAMPLES, "--out", previous)
    assert result.status == 1
    assert result.stderr == f"reportdiff: error: {previous}: cannot write: No space left on device\n"
    assert previous.read_text() == "previous report" and _leftovers(tmp_path) == []
