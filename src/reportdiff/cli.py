"""The command line: options in, one call into the pipeline, a message out. Errors are printed once, here."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from . import __version__
from .errors import ReportdiffError
from .model import FailOutcome, Verdict
from .pipeline import (
    CHANGE_RULES,
    CSS_HREF,
    DEFAULT_MAX_BYTES,
    ECHOES,
    FAIL_RULES,
    ID_PREFIX,
    SCHEMES,
    STAGES,
    Settings,
    check_outputs,
    diff_context,
    inspect_context,
    publish,
    report_context,
    report_data,
    run,
    show,
    without_cycle_collection,
)
from .process import Interrupted, prepare_process
from .taxonomy import load_taxonomy

# Exit statuses, documented in the README.
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2  # click's own status for bad options and arguments
EXIT_FAIL_ON = 3  # a --fail-on rule matched; every output was still written
EXIT_STRICT = 4  # --strict and at least one input file was skipped
# Stopped by SIGINT, SIGTERM or SIGHUP: 128 plus the signal's number (130, 143, 129), as a shell reports it.

DEFAULT_INPUT = Path("samples")


def build_time() -> str | None:
    """The build time to show and embed: SOURCE_DATE_EPOCH if set, else none (so rebuilds are
    byte-identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    except (ValueError, OverflowError, OSError):
        raise ReportdiffError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Console:
    """Messages on stderr, minded by --quiet and --verbose; a progress bar only on a terminal."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet, self.verbose = quiet, verbose

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def warn(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"warning: {message}", err=True)

    @contextlib.contextmanager
    def stages(self) -> Iterator[Callable[[str], None]]:
        """A progress callback for the pipeline's stages, for the length of a `with` block."""
        if not self.quiet and sys.stderr.isatty():
            with click.progressbar(length=len(STAGES), label="building", file=sys.stderr) as bar:
                yield lambda stage: bar.update(1)
        elif self.verbose and not self.quiet:
            yield lambda stage: click.echo(f"stage: {stage}", err=True)
        else:
            yield lambda stage: None


def run_guarded(action: Callable[[], int]) -> None:
    """Run a command body; a ReportdiffError becomes one line on stderr and exit status 1, never a
    traceback."""
    try:
        status = action()
    except ReportdiffError as exc:
        click.echo(f"reportdiff: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except Interrupted as exc:
        click.echo(f"reportdiff: interrupted by {exc}; no output was left half-written", err=True)
        sys.exit(exc.status)
    sys.exit(status)


def parse_rules(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """--fail-on's comma list, each a verdict or a change since the baseline."""
    if not value:
        return ()
    rules = tuple(rule.strip() for rule in value.split(",") if rule.strip())
    unknown = [rule for rule in rules if rule not in FAIL_RULES]
    if unknown:
        raise click.BadParameter(f"unknown rule {unknown[0]!r}; choose from {', '.join(FAIL_RULES)}")
    return rules


def check_pattern(
    pattern: re.Pattern[str], rule: str
) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """An option callback refusing a value that does not match `pattern` whole, saying `rule`."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is not None and not pattern.fullmatch(value):
            raise click.BadParameter(f"{value!r}: {rule}")
        return value

    return check


def check_summary(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """--summary names a Markdown file."""
    if value is not None and value.suffix.lower() not in (".md", ".markdown"):
        raise click.BadParameter(f"{str(value)!r}: the summary is Markdown; name a .md file")
    return value


_taxonomy_option = click.option(
    "--taxonomy",
    type=click.Path(path_type=Path, dir_okay=False),
    help="TOML file extending (or replacing) the shipped taxonomy.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportdiff")
def main() -> None:
    """Theme-by-theme progress across successive inspection reports."""
    prepare_process()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "outs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Output file; the format follows the extension (.html, .md, .json, .pdf). Repeatable. "
    "Without --out, Markdown goes to stdout.",
)
@_taxonomy_option
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A previous build's JSON: the report also says what changed since it.",
)
@click.option(
    "--fail-on",
    "fail_on",
    callback=parse_rules,
    help=f"Comma list of verdicts ({', '.join(v.value for v in Verdict)}) or changes since the baseline "
    f"({', '.join(CHANGE_RULES)}): write every output, then exit {EXIT_FAIL_ON} if any "
    "theme matches.",
)
@click.option("--fragment", is_flag=True, help="HTML outputs are an embeddable fragment, not a whole page.")
@click.option(
    "--css",
    "css_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the stylesheet to this file and link it from the HTML: no inline styles (strict CSP).",
)
@click.option(
    "--css-href",
    metavar="URL",
    callback=check_pattern(
        CSS_HREF, "give an absolute URL (https://…) or a root-relative path (/assets/reportdiff.css)"
    ),
    help="Link the stylesheet from this URL instead of inlining it (a host page's path, e.g. "
    "/assets/reportdiff.css); with --css, the file written is the one served there.",
)
@click.option(
    "--id-prefix",
    callback=check_pattern(ID_PREFIX, "a letter, then up to 39 letters, digits, - or _"),
    help="Start every id with this instead of one made from the documents' hashes: for the same "
    "report twice on one page.",
)
@click.option(
    "--scheme",
    type=click.Choice(SCHEMES),
    default=None,
    help="Colours of the HTML: light, dark, or auto (the reader's preference). Default: auto for a "
    "page, light for a fragment.",
)
@click.option(
    "--summary",
    type=click.Path(path_type=Path, dir_okay=False),
    callback=check_summary,
    help="Also write the compact Markdown (verdicts, changes since the baseline, top evidence) that "
    "fits in one pull-request comment.",
)
@click.option(
    "--max-bytes",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    type=click.IntRange(min=1),
    help="Skip input files larger than this.",
)
@click.option("--strict", is_flag=True, help=f"Exit {EXIT_STRICT} if any input file was skipped.")
@click.option(
    "--echoes",
    default=ECHOES,
    show_default=True,
    type=click.IntRange(min=1),
    help="Align each finding with at most this many findings of earlier inspections: the closest.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@click.option("--verbose", "-v", is_flag=True, help="Print each stage as it runs.")
def build(
    paths: tuple[Path, ...],
    outs: tuple[Path, ...],
    taxonomy: Path | None,
    baseline: Path | None,
    fail_on: tuple[str, ...],
    fragment: bool,
    css_file: Path | None,
    css_href: str | None,
    id_prefix: str | None,
    scheme: str | None,
    summary: Path | None,
    max_bytes: int,
    strict: bool,
    echoes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Read the documents under PATHS (folders or files; default samples/) and write the progress report."""
    console = Console(quiet, verbose)

    def action() -> int:
        written_too = [*outs, *([summary] if summary else [])]
        check_outputs(written_too, css_file, list(paths) or [DEFAULT_INPUT])  # before any work
        with console.stages() as progress:
            settings = Settings(load_taxonomy(taxonomy), max_bytes, fail_on, build_time(), progress, echoes)
            report = run(list(paths) or [DEFAULT_INPUT], settings, baseline)
        for skipped in report.skipped:
            console.warn(f"{skipped.path}: skipped: {skipped.reason}")
        context = report_context(report)
        if not outs and not summary:
            show(context, "markdown")
        for written in publish(
            context,
            list(outs),
            fragment,
            css_file,
            data=report_data(report),
            summary=summary,
            css_href=css_href,
            id_prefix=id_prefix,
            scheme=scheme,
        ):
            console.info(f"wrote {written}")
        return _exit_status(report.fail_on, strict and bool(report.skipped), len(report.skipped))

    with without_cycle_collection():  # one collection for the build, its context and its outputs
        run_guarded(action)


def _exit_status(fail_on: FailOutcome, strict_failed: bool, skipped: int) -> int:
    for reason in fail_on.reasons:
        click.echo(f"fail-on: {reason}", err=True)
    if strict_failed:
        click.echo(f"reportdiff: {skipped} input file(s) skipped and --strict is set", err=True)
        return EXIT_STRICT
    return EXIT_FAIL_ON if fail_on.tripped else EXIT_OK


@main.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "outs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Write the changelog here (.md, .html, .json, .pdf) instead of printing Markdown.",
)
@_taxonomy_option
def diff(old: Path, new: Path, outs: tuple[Path, ...], taxonomy: Path | None) -> None:
    """Changelog between two JSON builds, or between two documents."""

    def action() -> int:
        check_outputs(outs, None, [old, new])
        context = diff_context(old, new, Settings(load_taxonomy(taxonomy), generated=build_time()))
        if not outs:
            show(context, "markdown", view="diff")
        publish(context, list(outs), view="diff")
        return EXIT_OK

    run_guarded(action)


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_taxonomy_option
def inspect(file: Path, as_json: bool, taxonomy: Path | None) -> None:
    """Show what reportdiff read from one document: date, inspections, findings, dropped noise."""

    def action() -> int:
        context = inspect_context(file, Settings(load_taxonomy(taxonomy), generated=build_time()))
        show(context, "json" if as_json else "text", view="inspect")
        return EXIT_OK

    run_guarded(action)


@main.command()
@_taxonomy_option
@click.option("--json", "as_json", is_flag=True, help="Print the themes as JSON.")
def themes(taxonomy: Path | None, as_json: bool) -> None:
    """List the active taxonomy: the shipped themes and the user's additions."""

    def action() -> int:
        loaded = load_taxonomy(taxonomy)
        rows = [
            {
                "id": t.id,
                "label": t.label,
                "description": t.description,
                "patterns": [p.pattern for p in t.patterns],
            }
            for t in loaded.themes
        ]
        if as_json:
            click.echo(json.dumps({"source": loaded.source, "themes": rows}, indent=2))
            return EXIT_OK
        click.echo(f"# taxonomy: {loaded.source}")
        for row in rows:
            click.echo(
                f"{row['id']:<22} {row['label']:<36} {len(row['patterns']):>2} patterns  {row['description']}"
            )
        return EXIT_OK

    run_guarded(action)
