"""The project's one exception family: every expected failure is one of these, printed as one line by the
CLI."""

from __future__ import annotations

import os

from .sanitize import printable, shown_path


class ReportdiffError(Exception):
    """A failure the user can act on; `str()` is the one-line message, naming the file where there is one. The
    path and the problem are shown with control and invisible characters escaped: both may quote untrusted
    text."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None) -> None:
        self.path = shown_path(path) if path is not None else None
        self.problem = printable(message)
        super().__init__(f"{self.path}: {self.problem}" if self.path else self.problem)


class InputError(ReportdiffError):
    """An input document cannot be read or used."""


class ConfigError(ReportdiffError):
    """A manifest or taxonomy file is malformed."""


class OutputError(ReportdiffError):
    """An output cannot be written."""


class UndatedError(InputError):
    """A document has no date that its text or the manifest gives."""
