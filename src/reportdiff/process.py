"""The process around a run: SIGTERM and SIGHUP handled like Ctrl-C, standard output written as bytes, and
text the terminal cannot show escaped rather than fatal."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator

from .errors import OutputError

INTERRUPTS = ("SIGINT", "SIGTERM", "SIGHUP")


def write_stdout(data: bytes) -> None:
    """`data` to standard output as bytes (UTF-8 whatever PYTHONIOENCODING says); a full disk or a closed pipe
    is an OutputError, and stdout is then pointed at /dev/null so that Python's own flush at exit cannot fail
    again."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (a test's captured stream): nothing will flush it at exit


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal: SIGINT, SIGTERM or SIGHUP, all handled alike."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def status(self) -> int:
        """The exit status a shell gives a process stopped by this signal: 128 plus its number."""
        return 128 + self.signum


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def prepare_process() -> None:
    """Signals and standard streams set for a run: SIGTERM and SIGHUP interrupt it as Ctrl-C (SIGINT) does, so
    temporaries are removed and renamed outputs put back on the way out; text that the terminal's encoding
    (say PYTHONIOENCODING=latin-1) cannot show is escaped, not an error."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    for name in INTERRUPTS:
        if hasattr(signal, name):
            try:
                signal.signal(getattr(signal, name), _interrupt)
            except ValueError:
                return  # not the main thread: signals are the host program's business


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """A block that must finish (putting files back, removing temporaries): an interrupting signal that comes
    during it is held and delivered after it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {getattr(signal, name) for name in INTERRUPTS if hasattr(signal, name)}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
