"""The project's one exception family: every expected failure is one of these, printed as one line by the CLI."""
from __future__ import annotations


class ReportdiffError(Exception):
    """A failure the user can act on; `str()` is the one-line message, naming the file where there is one."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.problem = message


class InputError(ReportdiffError):
    """An input document cannot be read or used."""


class ConfigError(ReportdiffError):
    """A manifest or taxonomy file is malformed."""


class OutputError(ReportdiffError):
    """An output cannot be written."""


class UndatedError(InputError):
    """A document has no date that its text or the manifest gives."""
