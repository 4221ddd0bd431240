"""The command line: options in, one call into the pipeline, a message out. Errors are printed once, here."""
from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .context import build_context
from .errors import ReportdiffError
from .ingest import DEFAULT_MAX_BYTES
from .output import write_atomic
from .pipeline import build_report
from .render import format_for, render, stylesheet
from .taxonomy import load_taxonomy

# Exit statuses, documented in the README.
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2  # click's own status for bad options
EXIT_FAIL_ON = 3  # a --fail-on rule matched; every output was still written
EXIT_STRICT = 4  # --strict and at least one input file was skipped

DEFAULT_INPUT = Path("samples")


def build_time() -> str | None:
    """The build time to show and embed: SOURCE_DATE_EPOCH if set, else none (so rebuilds are byte-identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ReportdiffError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Console:
    """Messages on stderr, minded by --quiet and --verbose."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet, self.verbose = quiet, verbose

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(message, err=True)

    def warn(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"warning: {message}", err=True)


def run_guarded(action: Callable[[], int]) -> None:
    """Run a command body; a ReportdiffError becomes one line on stderr and exit status 1, never a traceback."""
    try:
        status = action()
    except ReportdiffError as exc:
        click.echo(f"reportdiff: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(status)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportdiff")
def main() -> None:
    """Theme-by-theme progress across successive inspection reports."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "outs", multiple=True, type=click.Path(path_type=Path),
              help="Output file; the format follows the extension (.html, .md, .json, .pdf). Repeatable. "
                   "Without --out, Markdown goes to stdout.")
@click.option("--taxonomy", type=click.Path(path_type=Path, dir_okay=False),
              help="TOML file extending (or replacing) the shipped taxonomy.")
@click.option("--fragment", is_flag=True, help="HTML outputs are an embeddable fragment, not a whole page.")
@click.option("--css", "css_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the stylesheet to this file and link it from the HTML: no inline styles (strict CSP).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(min=1),
              help="Skip input files larger than this.")
@click.option("--strict", is_flag=True, help=f"Fail (exit {EXIT_STRICT}) if any input file was skipped.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@click.option("--verbose", "-v", is_flag=True, help="Print each stage and each skipped passage.")
def build(paths: tuple[Path, ...], outs: tuple[Path, ...], taxonomy: Path | None, fragment: bool,
          css_file: Path | None, max_bytes: int, strict: bool, quiet: bool, verbose: bool) -> None:
    """Read the documents under PATHS (folders or files; default samples/) and write the progress report."""
    console = Console(quiet, verbose)
    run_guarded(lambda: _build(list(paths) or [DEFAULT_INPUT], outs, taxonomy, fragment, css_file, max_bytes,
                               strict, console))


def _build(paths: list[Path], outs: tuple[Path, ...], taxonomy_file: Path | None, fragment: bool,
           css_file: Path | None, max_bytes: int, strict: bool, console: Console) -> int:
    formats = [(out, format_for(out)) for out in outs]
    report = build_report(paths, load_taxonomy(taxonomy_file), max_bytes, progress=lambda s: console.detail(s))
    for skipped in report.skipped:
        console.warn(f"{skipped.path}: skipped: {skipped.reason}")
    context = build_context(report, build_time())
    _write_outputs(context, formats, fragment, css_file, console)
    if strict and report.skipped:
        click.echo(f"reportdiff: {len(report.skipped)} input file(s) skipped and --strict is set", err=True)
        return EXIT_STRICT
    return EXIT_OK


def _write_outputs(context: dict[str, Any], formats: list[tuple[Path, str]], fragment: bool,
                   css_file: Path | None, console: Console) -> None:
    """Render everything first, then write: a rendering failure leaves every previous output untouched."""
    rendered = []
    for out, fmt in formats:
        href = os.path.relpath(css_file, out.parent if str(out.parent) else Path(".")) if css_file else None
        rendered.append((out, render(context, fmt, fragment=fragment, css_href=href)))
    if css_file is not None:
        rendered.append((css_file, stylesheet().encode("utf-8")))
    if not formats:
        click.echo(render(context, "markdown").decode("utf-8"), nl=False)
    for out, data in rendered:
        write_atomic(out, data)
        console.info(f"wrote {out}")


@main.command()
@click.option("--taxonomy", type=click.Path(path_type=Path, dir_okay=False),
              help="TOML file extending (or replacing) the shipped taxonomy.")
def themes(taxonomy: Path | None) -> None:
    """List the active taxonomy: the shipped themes and the user's additions."""
    def action() -> int:
        loaded = load_taxonomy(taxonomy)
        click.echo(f"# taxonomy: {loaded.source}")
        for theme in loaded.themes:
            click.echo(f"{theme.id}\t{theme.label}\t{len(theme.patterns)} patterns\t{theme.description}")
        return EXIT_OK
    run_guarded(action)
