"""The one place that knows the order of the stages: ingest, dating, segment, group, classify, align."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator

from .align import ECHOES, align
from .classify import classify_findings
from .dating import date_documents
from .errors import InputError
from .group import group_findings
from .inspections import find_inspections
from .ingest import DEFAULT_MAX_BYTES, collect_files, corpus_subject, ingest
from .manifest import find_manifests, load_manifest
from .model import Manifest, Report, Segmentation, Taxonomy
from .output import check_writable, write_all
from .overrides import apply_alignment_overrides, apply_finding_overrides, apply_theme_overrides
from .render import format_for, render, stylesheet
from .segment import segment_documents

Progress = Callable[[str], None]
STAGES = ("ingest", "dating", "segment", "inspections", "group", "classify", "align")


def _quiet(stage: str) -> None:
    """The default progress callback: says nothing."""


def load_manifests(paths: list[Path]) -> Manifest | None:
    """The manifests of the input folders and of the folders of input files, as one."""
    manifests = [load_manifest(found) for found in find_manifests(paths)]
    if not manifests:
        return None
    return Manifest(", ".join(m.path for m in manifests), tuple(d for m in manifests for d in m.documents),
                    tuple(o for m in manifests for o in m.overrides))


def build_report(paths: list[Path], taxonomy: Taxonomy, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Progress = _quiet, echoes: int = ECHOES) -> Report:
    """Run every stage on the documents under `paths`; each finding aligned with its `echoes` closest echoes."""
    manifest = load_manifests(paths)
    progress("ingest")
    read = ingest(collect_files(paths), taxonomy, manifest, max_bytes)
    progress("dating")
    documents = date_documents(read.documents, taxonomy, manifest)
    skipped = read.skipped
    if not documents:
        where = ", ".join(str(p) for p in paths)
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no .txt, .md, .html or .pdf files"
        raise InputError(f"no readable document ({reasons})", where)
    subject = corpus_subject(documents)
    progress("segment")
    segmentations = list(segment_documents(documents, taxonomy, subject))
    progress("inspections")
    found = find_inspections(documents, tuple(segmentations), taxonomy, subject)
    documents = found.documents
    progress("group")
    inspections, findings = group_findings(documents, _segments(segmentations), found.inspections,
                                           found.sentence_events, taxonomy)
    progress("classify")
    findings = classify_findings(findings, inspections, taxonomy)
    overrides, where = (manifest.overrides, manifest.path) if manifest else ((), "")
    findings = apply_finding_overrides(findings, overrides, taxonomy, where)
    progress("align")
    aligned = align(findings, inspections, taxonomy, echoes)
    order = [inspection.id for inspection in inspections]
    return Report(
        subject=subject, documents=documents, inspections=inspections, findings=findings,
        themes=apply_theme_overrides(aligned.themes, overrides, where),
        alignments=apply_alignment_overrides(aligned.alignments, findings, order, overrides, where),
        changelog=aligned.changelog,
        dropped=tuple(d for s in segmentations for d in s.dropped), skipped=skipped,
        theme_labels=tuple((t.id, t.label) for t in taxonomy.themes), grade_scales=taxonomy.grade_scales,
    )


def _segments(segmentations: list[Segmentation]) -> tuple:
    return tuple(segment for s in segmentations for segment in s.segments)


def publish(context: dict[str, Any], outs: list[Path], fragment: bool = False,
            css_file: Path | None = None) -> list[Path]:
    """Render each output into a temporary file beside it, then rename them all: a failed render or write leaves
    every previous output untouched, and only one rendered output is held in memory at a time."""
    targets = [*outs, *([css_file] if css_file else [])]
    for target in targets:
        check_writable(target)
    write_all(_rendered(context, outs, fragment, css_file))
    return targets


def _rendered(context: dict[str, Any], outs: list[Path], fragment: bool,
              css_file: Path | None) -> Iterator[tuple[Path, bytes]]:
    for out in outs:
        href = os.path.relpath(css_file, out.parent) if css_file else None
        yield out, render(context, format_for(out), fragment=fragment, css_href=href)
    if css_file is not None:
        yield css_file, stylesheet().encode("utf-8")

