"""The one place that knows the order of the stages: ingest, dating, segment, group, classify, (the people's
overrides of findings,) align, verdicts (after which the people's verdicts), reasons and follow-up, and the
comparison with a baseline build. `run` gives the typed `Report` every format shows."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .align import ECHOES, align_findings
from .baseline import (
    CHANGE_RULES,
    FAIL_RULES,
    compare_builds,
    fail_outcome,
    load_build,
    summary_of_build,
    summary_of_report,
)
from .classify import classify_findings
from .context import build_context, select_build_diff, select_diff, select_inspection
from .contract import build_contract
from .dating import date_documents
from .errors import InputError
from .followup import grade_movements, recommendation_fates
from .group import group_findings
from .ingest import DEFAULT_MAX_BYTES, collect_files, corpus_subject, ingest
from .inspections import find_inspections
from .manifest import find_manifests, load_manifest
from .model import (
    BaselineComparison,
    Document,
    Dropped,
    Finding,
    Inspection,
    Manifest,
    Override,
    Report,
    Segment,
    Segmentation,
    Skipped,
    Taxonomy,
    ThemeDef,
    ThemeResult,
)
from .output import check_outputs, check_writable, write_all
from .overrides import apply_alignment_overrides, apply_finding_overrides, apply_theme_overrides
from .process import write_stdout
from .reasons import explain_themes, layout, other_findings, overview
from .render import CSS_HREF, ID_PREFIX, SCHEMES, elsewhere, format_for, render, stylesheet
from .sanitize import shown_path
from .segment import segment_documents
from .verdicts import assessing, build_changelog, in_series, unweighed, weigh_themes

Progress = Callable[[str], None]
STAGES = ("ingest", "dating", "segment", "inspections", "group", "classify", "align", "verdicts", "reasons")
__all__ = [
    "CHANGE_RULES",
    "CSS_HREF",
    "DEFAULT_MAX_BYTES",
    "ECHOES",
    "FAIL_RULES",
    "ID_PREFIX",
    "SCHEMES",
    "STAGES",
    "Settings",
    "run",
    "without_cycle_collection",
    "report_context",
    "report_data",
    "diff_context",
    "inspect_context",
    "check_outputs",
    "publish",
    "show",
]


def _quiet(stage: str) -> None:
    """The default progress callback: says nothing."""


@dataclass(frozen=True)
class Settings:
    """What a build is asked for besides its inputs: the taxonomy, the size limit, the --fail-on rules, the
    build time to embed, a callback told the name of each stage as it starts, and how many echoes to find."""

    taxonomy: Taxonomy
    max_bytes: int = DEFAULT_MAX_BYTES
    fail_on: tuple[str, ...] = ()
    generated: str | None = None
    progress: Progress = field(default=_quiet, compare=False)
    echoes: int = ECHOES  # each finding aligned with at most this many findings of earlier inspections


@dataclass(frozen=True, slots=True)
class _Found:
    """What a build found in its documents: the subject, the documents as dated and grouped, the noise
    dropped, the inspections and the classified findings."""

    subject: str
    documents: tuple[Document, ...]
    dropped: tuple[Dropped, ...]
    inspections: tuple[Inspection, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class _Read:
    """The documents a build reads and what it skipped, with the manifests' overrides."""

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]
    overrides: tuple[Override, ...]
    where: str


def run(paths: list[Path], settings: Settings, baseline: Path | None = None) -> Report:
    """Run every stage on the documents under `paths`; with `baseline` (a previous build's JSON), also say
    what changed since that build."""
    with without_cycle_collection():
        read = _read(paths, settings)
        return _judge(read, _find(read, settings), settings, baseline)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: a build makes millions of small objects that hold no cycles, which
    reference counting frees all the same, while the collector's passes over them cost a tenth of a large
    build and grow faster than the corpus. Measured on the benchmark's 1M-word corpus, two builds in one
    process: the same peak memory (430 MB) with a collection on entry, 552 MB without it."""
    enabled = gc.isenabled()  # not inside another: a build, its context and its outputs collect once
    if enabled:
        gc.collect()  # what earlier work left in cycles (a previous build) goes before this one grows
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _find(read: _Read, settings: Settings) -> _Found:
    """Segment the documents, find the inspections they report, and give each its classified findings, with
    the people's overrides of findings applied before anything is computed from them."""
    taxonomy, progress = settings.taxonomy, settings.progress
    subject = corpus_subject(read.documents)
    progress("segment")
    segmentations = segment_documents(read.documents, taxonomy, subject)
    progress("inspections")
    found = find_inspections(read.documents, segmentations, taxonomy, subject)
    progress("group")
    inspections, grouped = group_findings(
        found.documents, _segments(segmentations), found.inspections, found.sentence_events, taxonomy
    )
    progress("classify")
    findings = classify_findings(grouped, inspections, taxonomy)
    findings = apply_finding_overrides(findings, read.overrides, taxonomy, read.where)
    dropped = tuple(d for s in segmentations for d in s.dropped)
    return _Found(subject, found.documents, dropped, inspections, findings)


def _judge(read: _Read, found: _Found, settings: Settings, baseline: Path | None) -> Report:
    """Align, weigh and explain the findings of the force's series of inspections (others are listed, not
    weighed), the people's verdicts standing before anything is said of them; then follow up and compare."""
    progress, inspections, findings = settings.progress, found.inspections, found.findings
    series = in_series(inspections)
    order = [i.id for i in series]
    weighed = tuple(f for f in findings if f.inspection in set(order))
    progress("align")
    alignments = apply_alignment_overrides(
        align_findings(weighed, order, echoes=settings.echoes), weighed, order, read.overrides, read.where
    )
    progress("verdicts")
    courses = apply_theme_overrides(
        weigh_themes(weighed, series, settings.taxonomy), read.overrides, read.where
    )
    progress("reasons")
    themes = explain_themes(courses, findings, inspections, alignments, found.documents)
    compared = _compare(baseline, found.documents, themes, findings)
    labels = {i.id: i.label for i in series}
    changelog = build_changelog(courses, order, assessing(series, weighed), labels)
    grades = grade_movements(findings, inspections, settings.taxonomy.grade_scales)
    return Report(
        subject=found.subject,
        generated=settings.generated,
        overview=overview(found.subject, found.documents, inspections, findings, themes, changelog, grades),
        documents=found.documents,
        dropped=found.dropped,
        skipped=read.skipped,
        inspections=inspections,
        grades=grades,
        findings=findings,
        themes=themes,
        unassessed=_unassessed(settings.taxonomy, themes),
        alignments=alignments,
        series=tuple(order),
        unweighed=unweighed(inspections, series),
        recommendations=recommendation_fates(weighed, alignments, courses, series),
        changelog=changelog,
        baseline=compared,
        fail_on=fail_outcome(themes, compared, settings.fail_on),
        layout=layout(inspections),
        others=other_findings(themes, findings, inspections),
    )


def _read(paths: list[Path], settings: Settings) -> _Read:
    """Ingest and date the documents under `paths`; no readable document is an error naming every reason."""
    manifest = load_manifests(paths)
    settings.progress("ingest")
    read = ingest(collect_files(paths), settings.taxonomy, manifest, settings.max_bytes)
    settings.progress("dating")
    documents = date_documents(read.documents, settings.taxonomy, manifest)
    skipped = read.skipped
    if not documents:
        where = ", ".join(str(p) for p in paths)
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no .txt, .md, .html or .pdf files"
        raise InputError(f"no readable document ({reasons})", where)
    overrides, source = (manifest.overrides, manifest.path) if manifest else ((), "")
    return _Read(documents, skipped, overrides, source)


def load_manifests(paths: list[Path]) -> Manifest | None:
    """The manifests of the input folders and of the folders of input files, as one."""
    manifests = [load_manifest(found) for found in find_manifests(paths)]
    if not manifests:
        return None
    return Manifest(
        ", ".join(m.path for m in manifests),
        tuple(d for m in manifests for d in m.documents),
        tuple(o for m in manifests for o in m.overrides),
    )


def _segments(segmentations: tuple[Segmentation, ...]) -> tuple[Segment, ...]:
    return tuple(segment for s in segmentations for segment in s.segments)


def _unassessed(taxonomy: Taxonomy, themes: tuple[ThemeResult, ...]) -> tuple[ThemeDef, ...]:
    """The taxonomy's themes no inspection assessed, by id."""
    assessed = {t.id for t in themes}
    return tuple(sorted((t for t in taxonomy.themes if t.id not in assessed), key=lambda t: t.id))


def _compare(
    baseline: Path | None,
    documents: tuple[Document, ...],
    themes: tuple[ThemeResult, ...],
    findings: tuple[Finding, ...],
) -> BaselineComparison | None:
    if baseline is None:
        return None
    old = summary_of_build(load_build(baseline), str(baseline))
    return compare_builds(old, summary_of_report(documents, themes, findings), str(baseline))


def report_context(report: Report) -> dict[str, Any]:
    """The report as the plain data every format lays out."""
    with without_cycle_collection():
        return build_context(report)


def report_data(report: Report) -> dict[str, Any]:
    """The report as its JSON contract: what a JSON output holds and a later build reads as its baseline."""
    with without_cycle_collection():
        return build_contract(report)


def diff_context(old: Path, new: Path, settings: Settings) -> dict[str, Any]:
    """The `diff` view: between two JSON builds, what changed and the newer build's changelog; between two
    documents, the changelog across the inspections they report."""
    if old.suffix.lower() == ".json" and new.suffix.lower() == ".json":
        newer = load_build(new)
        verdicts = summary_of_build(newer, str(new))
        compared = compare_builds(summary_of_build(load_build(old), str(old)), verdicts, str(old))
        return select_build_diff(newer, verdicts, compared, shown_path(old), shown_path(new))
    report = run([old, new], settings)
    if report.skipped:  # a changelog without one of the two would say nothing true
        first = report.skipped[0]
        raise InputError(f"skipped: {first.reason}; diff needs both documents", first.path)
    return select_diff(build_context(report), shown_path(old), shown_path(new))


def inspect_context(path: Path, settings: Settings) -> dict[str, Any]:
    """The `inspect` view of one document's build."""
    return select_inspection(build_context(run([path], settings)))


def show(context: dict[str, Any], fmt: str, view: str = "report") -> None:
    """One view in one format on standard output, as bytes."""
    write_stdout(render(context, fmt, view=view))


def publish(
    context: dict[str, Any],
    outs: list[Path],
    fragment: bool = False,
    css_file: Path | None = None,
    view: str = "report",
    data: dict[str, Any] | None = None,
    summary: Path | None = None,
    **html: Any,
) -> list[Path]:
    """Render each output into a temporary file beside it, then rename them all: a failed render or write
    leaves every previous output untouched, and only one rendered output is held in memory at a time. A JSON
    output holds `data` (the report's JSON contract) where given; `summary` gets the compact Markdown; `html`
    places the HTML outputs in their page (`render.render_html`'s css_href, id_prefix, scheme)."""
    targets = [*outs, *([summary] if summary else []), *([css_file] if css_file else [])]
    for target in targets:
        check_writable(target)
    with without_cycle_collection():
        write_all(_rendered(context, outs, fragment, css_file, view, data, summary, html))
    return targets


def _rendered(
    context: dict[str, Any],
    outs: list[Path],
    fragment: bool,
    css_file: Path | None,
    view: str,
    data: dict[str, Any] | None,
    summary: Path | None,
    html: dict[str, Any],
) -> Iterator[tuple[Path, bytes]]:
    for out in outs:
        href = html.get("css_href") or (os.path.relpath(css_file, out.parent) if css_file else None)
        placed = {**html, "fragment": fragment, "css_href": href, "more_in": elsewhere(outs)}
        yield out, render(context, format_for(out), view=view, data=data, **placed)
    if summary is not None:
        yield summary, render(context, "markdown", view="summary")
    if css_file is not None:
        yield css_file, stylesheet().encode("utf-8")
