"""Issue 16's attacks, each a case of one table run through `python -m reportdiff`: exit status, exactly the
expected stderr lines, no traceback, under 20 s and 300 MB, no input changed, no hostile markup in any output.
Then what a table of whole runs cannot reach: failed and interrupted renames, signals, stale temporaries, a
FIFO swapped in."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import attacks
from reportdiff.errors import InputError, OutputError
from reportdiff.ingest import is_own_output, read_bytes
from reportdiff.output import check_writable, write_all, write_atomic

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize("name", list(attacks.CASES))
def test_attack(tmp_path, name):
    attack = attacks.CASES[name](tmp_path)
    before = attacks.snapshot(tmp_path)
    result = attacks.run(attack, tmp_path, SRC, timeout=attacks.SECONDS + 10)
    assert attacks.verify(attack, tmp_path, before, result) == [], result.stderr.decode("utf-8", "replace")[
        -2000:
    ]


def _fail_on_call(number: int, error: BaseException):
    """A stand-in for os.replace that fails (raises `error`) on its `number`th call and works otherwise."""
    real, calls = os.replace, []

    def replace(source, target, *args, **kwargs):
        calls.append(target)
        if len(calls) == number:
            raise error
        return real(source, target, *args, **kwargs)

    return replace


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    "error",
    [OSError(errno.EPERM, "Operation not permitted"), KeyboardInterrupt()],
    ids=["a rename is refused", "the run is interrupted"],
)
def test_when_the_second_rename_fails_the_first_output_is_put_back(tmp_path, monkeypatch, error):
    first, second, third = tmp_path / "a.html", tmp_path / "b.md", tmp_path / "new.json"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    monkeypatch.setattr(os, "replace", _fail_on_call(3, error))  # a.html, new.json, then b.md fails
    with pytest.raises((OutputError, KeyboardInterrupt)):
        write_all([(first, b"new a"), (third, b"new"), (second, b"new b")])
    assert first.read_bytes() == b"old a" and second.read_bytes() == b"old b" and not third.exists()
    assert _temporaries(tmp_path) == []


def test_a_file_of_another_user_in_a_sticky_folder_is_refused_before_anything_is_written(
    tmp_path, monkeypatch
):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    (folder / "report.md").write_bytes(b"theirs")
    monkeypatch.setattr(
        os, "geteuid", lambda: os.stat(folder).st_uid + 4242
    )  # neither the file's owner nor the folder's
    with pytest.raises(OutputError, match="another user in the sticky folder"):
        check_writable(folder / "report.md")


def _stale(folder: Path, target: str, pid: int) -> Path:
    from reportdiff.output import _key  # the name's digest: part of every temporary's name

    path = folder / f".rd-{_key(folder / target)}-{pid}-abcd1234.tmp"
    path.write_bytes(b"half a report")
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_left_by_a_killed_run_is_removed_by_the_next_and_a_running_ones_is_not(tmp_path):
    dead = _stale(tmp_path, "r.md", _dead_pid())
    alive = _stale(tmp_path, "r.md", os.getppid())
    other = _stale(tmp_path, "other.md", _dead_pid())
    write_atomic(tmp_path / "r.md", b"report")
    assert not dead.exists() and alive.exists() and other.exists()


@pytest.mark.parametrize(
    "sent", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"]
)
def test_a_signal_during_writing_leaves_no_temporary_and_no_half_output(tmp_path, sent):
    docs = attacks.docs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.json").write_bytes(b"previous")
    # The JSON is written first; the PDF takes seconds to lay out, while the JSON's temporary waits beside it.
    command = [
        sys.executable,
        "-m",
        "reportdiff",
        "build",
        str(docs),
        "--out",
        str(out / "r.json"),
        "--out",
        str(out / "r.pdf"),
    ]
    child = subprocess.Popen(command, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(SRC)})
    deadline = time.monotonic() + 30
    while not _temporaries(out) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert _temporaries(out), "the run ended before its first temporary could be seen"
    child.send_signal(sent)
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 128 + sent and b"Traceback" not in stderr and len(stderr.splitlines()) == 1, (
        stderr
    )
    assert _temporaries(out) == []
    # All or nothing: interrupted while the PDF was laid out (nearly always), or, if the signal came after the
    # last rename, with both written.
    untouched = (out / "r.json").read_bytes() == b"previous" and not (out / "r.pdf").exists()
    assert untouched or ((out / "r.pdf").exists() and (out / "r.json").read_bytes() != b"previous")


def test_a_fifo_swapped_in_after_any_check_is_refused_without_waiting(tmp_path, monkeypatch):
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    monkeypatch.setattr(
        Path, "stat", lambda self, **kwargs: regular
    )  # every check by name says "a regular file"
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: _record(outcome, lambda: read_bytes(fifo, 1000)), daemon=True)
    reader.start()
    reader.join(timeout=5)
    if reader.is_alive():
        with open(fifo, "wb"):  # let the blocked open through, so the thread ends
            pass
        pytest.fail("reading a FIFO blocked")
    assert isinstance(outcome[0], InputError) and "not a regular file" in str(outcome[0])


def _record(outcome: list[BaseException], action) -> None:
    try:
        action()
    except BaseException as exc:  # noqa: BLE001  (the test inspects whatever it was)
        outcome.append(exc)


LONG_HEAD = b"<title>" + b"Northamptonshire" * 1000 + b"</title>"
OWN = {
    "page, marker past 4,096 bytes": b"<!DOCTYPE html><html><head>"
    + LONG_HEAD
    + b'<meta name="generator" content="reportdiff 0.1.0"></head><body></body>',
    "fragment": b'<section class="rd-report rd-fragment" data-generator="reportdiff" id="x">',
    "Markdown, after a BOM": b"\xef\xbb\xbf[//]: # (generated by reportdiff: not an inspection document)"
    b"\n# T\n",
}
NOT_OWN = {
    "a page quoting the marker in its body": b"<html><head><title>x</title></head><body><p>&lt;meta name="
    b'"generator" content="reportdiff"&gt; <meta name="generator" '
    b'content="reportdiff"></p></body>',
    "Markdown quoting the marker later": b"# Notes\n\n[//]: # (generated by reportdiff: not an inspection)\n",
    "a fragment marked after its first tag": b'<section id="a"><div data-generator="reportdiff"></div>'
    b"</section>",
    "a PDF by someone else": b"%PDF-1.4\n",
}


@pytest.mark.parametrize("data", OWN.values(), ids=list(OWN))
def test_its_own_reports_are_known_by_their_marker_however_long(data):
    assert is_own_output(data)


@pytest.mark.parametrize("data", NOT_OWN.values(), ids=list(NOT_OWN))
def test_a_document_that_only_quotes_the_marker_is_not_taken_for_a_report(data):
    assert not is_own_output(data)


def test_a_symlinked_output_is_replaced_by_a_file_with_the_umask_mode_not_the_targets(tmp_path):
    target = tmp_path / "elsewhere.md"
    target.write_bytes(b"theirs")
    target.chmod(0o700)
    link = tmp_path / "r.md"
    link.symlink_to(target)
    write_atomic(link, b"ours")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(link.lstat().st_mode) == 0o666 & ~mask and target.read_bytes() == b"theirs"
