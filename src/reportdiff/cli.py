"""The command line: options in, one call into the pipeline, a message out. Errors are printed once, here."""
from __future__ import annotations

import contextlib
import datetime
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from . import __version__
from .align import ECHOES
from .baseline import compare_builds, fail_reasons, load_build
from .context import build_context, verdict_names
from .errors import InputError, ReportdiffError
from .ingest import DEFAULT_MAX_BYTES
from .output import check_outputs, write_all
from .pipeline import STAGES, build_report, publish
from .process import Interrupted, prepare_process, write_stdout
from .render import format_for, render, render_diff
from .sanitize import isolate_bidi, shown_path
from .taxonomy import load_taxonomy

# Exit statuses, documented in the README.
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2  # click's own status for bad options and arguments
EXIT_FAIL_ON = 3  # a --fail-on rule matched; every output was still written
EXIT_STRICT = 4  # --strict and at least one input file was skipped
# Stopped by SIGINT, SIGTERM or SIGHUP: 128 plus the signal's number (130, 143, 129), as a shell reports it.

DEFAULT_INPUT = Path("samples")
CHANGE_RULES = ("verdict-changed", "document-added", "finding-added")


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
    """Run a command body; a ReportdiffError becomes one line on stderr and exit status 1, never a traceback."""
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
    known = verdict_names() + CHANGE_RULES
    unknown = [rule for rule in rules if rule not in known]
    if unknown:
        raise click.BadParameter(f"unknown rule {unknown[0]!r}; choose from {', '.join(known)}")
    return rules


_taxonomy_option = click.option("--taxonomy", type=click.Path(path_type=Path, dir_okay=False),
                                help="TOML file extending (or replacing) the shipped taxonomy.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportdiff")
def main() -> None:
    """Theme-by-theme progress across successive inspection reports."""
    prepare_process()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "outs", multiple=True, type=click.Path(path_type=Path),
              help="Output file; the format follows the extension (.html, .md, .json, .pdf). Repeatable. "
                   "Without --out, Markdown goes to stdout.")
@_taxonomy_option
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="A previous build's JSON: the report also says what changed since it.")
@click.option("--fail-on", "fail_on", callback=parse_rules,
              help="Comma list of verdicts (new, persisting, recurring, not-reassessed, resolved, strength) or "
                   f"changes ({', '.join(CHANGE_RULES)}): write every output, then exit {EXIT_FAIL_ON} if any "
                   "theme matches.")
@click.option("--fragment", is_flag=True, help="HTML outputs are an embeddable fragment, not a whole page.")
@click.option("--css", "css_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the stylesheet to this file and link it from the HTML: no inline styles (strict CSP).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(min=1),
              help="Skip input files larger than this.")
@click.option("--strict", is_flag=True, help=f"Exit {EXIT_STRICT} if any input file was skipped.")
@click.option("--echoes", default=ECHOES, show_default=True, type=click.IntRange(min=1),
              help="Align each finding with at most this many findings of earlier inspections: the closest.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@click.option("--verbose", "-v", is_flag=True, help="Print each stage as it runs.")
def build(paths: tuple[Path, ...], outs: tuple[Path, ...], taxonomy: Path | None, baseline: Path | None,
          fail_on: tuple[str, ...], fragment: bool, css_file: Path | None, max_bytes: int, strict: bool,
          echoes: int, quiet: bool, verbose: bool) -> None:
    """Read the documents under PATHS (folders or files; default samples/) and write the progress report."""
    console = Console(quiet, verbose)

    def action() -> int:
        check_outputs(outs, css_file, list(paths) or [DEFAULT_INPUT])  # before any work
        with console.stages() as progress:
            report = build_report(list(paths) or [DEFAULT_INPUT], load_taxonomy(taxonomy), max_bytes,
                                  progress=progress, echoes=echoes)
        for skipped in report.skipped:
            console.warn(f"{skipped.path}: skipped: {skipped.reason}")
        previous = load_build(baseline) if baseline else None
        context = build_context(report, build_time(), previous, str(baseline or ""))
        if not outs:
            write_stdout(render(context, "markdown"))
        for written in publish(context, list(outs), fragment, css_file):
            console.info(f"wrote {written}")
        return _exit_status(context, fail_on, strict and bool(report.skipped), len(report.skipped))

    run_guarded(action)


def _exit_status(context: dict[str, Any], fail_on: tuple[str, ...], strict_failed: bool, skipped: int) -> int:
    reasons = fail_reasons(context, fail_on)
    for reason in reasons:
        click.echo(f"fail-on: {reason}", err=True)
    if strict_failed:
        click.echo(f"reportdiff: {skipped} input file(s) skipped and --strict is set", err=True)
        return EXIT_STRICT
    return EXIT_FAIL_ON if reasons else EXIT_OK


@main.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "outs", multiple=True, type=click.Path(path_type=Path),
              help="Write the changelog here (.md, .html, .json, .pdf) instead of printing Markdown.")
@_taxonomy_option
def diff(old: Path, new: Path, outs: tuple[Path, ...], taxonomy: Path | None) -> None:
    """Changelog between two JSON builds, or between two documents."""
    def action() -> int:
        check_outputs(outs, None, [old, new])
        if old.suffix.lower() == ".json" and new.suffix.lower() == ".json":
            changes = diff_builds(old, new)
        else:
            changes = diff_documents(old, new, taxonomy)
        if not outs:
            write_stdout(render_diff(changes, "markdown"))
        write_all((out, render_diff(changes, format_for(out))) for out in outs)
        return EXIT_OK

    run_guarded(action)


def diff_builds(old: Path, new: Path) -> dict[str, Any]:
    """The comparison of two builds' JSON, with the newer build's verdicts."""
    newer = load_build(new)
    return {"old": shown_path(old), "new": shown_path(new), "mode": "builds", "subject": newer["subject"],
            "comparison": compare_builds(load_build(old), newer, str(old)), "changelog": newer["changelog"],
            "themes": newer["themes"]}


def diff_documents(old: Path, new: Path, taxonomy: Path | None) -> dict[str, Any]:
    """The changelog between the inspections two documents report."""
    report = build_report([old, new], load_taxonomy(taxonomy))
    if report.skipped:  # a changelog without one of the two would say nothing true
        first = report.skipped[0]
        raise InputError(f"skipped: {first.reason}; diff needs both documents", first.path)
    context = build_context(report, build_time())
    return {"old": shown_path(old), "new": shown_path(new), "mode": "documents", "subject": context["subject"],
            "comparison": None, "changelog": context["changelog"], "themes": context["themes"]}


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_taxonomy_option
def inspect(file: Path, as_json: bool, taxonomy: Path | None) -> None:
    """Show what reportdiff read from one document: date, inspections, findings, dropped noise."""
    def action() -> int:
        context = build_context(build_report([file], load_taxonomy(taxonomy)), build_time())
        view = inspection_view(context)
        click.echo(json.dumps(view, indent=2, ensure_ascii=False) if as_json else inspection_table(view))
        return EXIT_OK

    run_guarded(action)


def inspection_view(context: dict[str, Any]) -> dict[str, Any]:
    """The parts of a one-document build a user needs to see why a verdict came out as it did."""
    keep = ("id", "theme", "themes", "theme_polarity", "polarity", "speaker", "inspection", "text", "cues",
            "dated_by", "sources", "grades")
    return {
        "document": {k: v for k, v in context["documents"][0].items() if k != "dropped"},
        "inspections": context["inspections"],
        "findings": [{k: f[k] for k in keep} for f in context["findings"]],
        "dropped": context["documents"][0]["dropped"],
        "themes": [{"id": t["id"], "verdict": t["verdict"], "why": t["why"]} for t in context["themes"]],
    }


def inspection_table(view: dict[str, Any]) -> str:
    """The inspection view as aligned plain-text lines."""
    doc = view["document"]
    lines = [f"{doc['title']}", f"  file: {doc['path']}  sha256: {doc['sha256'][:16]}…",
             f"  publisher: {doc['publisher']}  published: {doc['published']}  ({doc['date_source']})",
             "  inspections: " + ", ".join(f"{i['label']} ({i['kind']})" for i in view["inspections"]), "",
             f"{'line':>9}  {'inspection':<10} {'polarity':<9} {'speaker':<12} {'themes':<34} text"]
    for f in view["findings"]:
        first = f["sources"][0]
        where = str(first["line_start"]) + (f"-{first['line_end']}" if first["line_end"] != first["line_start"] else "")
        themes = ",".join(f"{t}:{p[0]}" for t, p in f["theme_polarity"].items()) or "-"
        lines.append(f"{where:>9}  {f['inspection']:<10} {f['polarity']:<9} {f['speaker']:<12} {themes:<34} "
                     f"{_clip(f['text'], 90)}")
    lines += ["", f"dropped as noise: {len(view['dropped'])}"]
    lines += [f"{d['line']:>9}  {d['reason']}: {_clip(d['text'], 80)}" for d in view["dropped"]]
    return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return isolate_bidi(text if len(text) <= limit else text[: limit - 1] + "…")


@main.command()
@_taxonomy_option
@click.option("--json", "as_json", is_flag=True, help="Print the themes as JSON.")
def themes(taxonomy: Path | None, as_json: bool) -> None:
    """List the active taxonomy: the shipped themes and the user's additions."""
    def action() -> int:
        loaded = load_taxonomy(taxonomy)
        rows = [{"id": t.id, "label": t.label, "description": t.description,
                 "patterns": [p.pattern for p in t.patterns]} for t in loaded.themes]
        if as_json:
            click.echo(json.dumps({"source": loaded.source, "themes": rows}, indent=2))
            return EXIT_OK
        click.echo(f"# taxonomy: {loaded.source}")
        for row in rows:
            click.echo(f"{row['id']:<22} {row['label']:<36} {len(row['patterns']):>2} patterns  {row['description']}")
        return EXIT_OK

    run_guarded(action)
