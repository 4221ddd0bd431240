"""The one place that knows the order of the stages: ingest, dating, segment, group, classify, align."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .align import align
from .classify import classify_findings
from .dating import date_documents
from .errors import InputError
from .group import group_findings
from .ingest import DEFAULT_MAX_BYTES, collect_files, corpus_subject, ingest
from .manifest import find_manifest, load_manifest
from .model import Manifest, Report, Segmentation, Taxonomy
from .segment import segment_document

Progress = Callable[[str], None]


def _quiet(stage: str) -> None:
    """The default progress callback: says nothing."""


def load_manifests(paths: list[Path]) -> Manifest | None:
    """The manifests of the input folders, as one."""
    manifests = [load_manifest(found) for path in paths if path.is_dir() and (found := find_manifest(path))]
    if not manifests:
        return None
    return Manifest(", ".join(m.path for m in manifests), tuple(d for m in manifests for d in m.documents))


def build_report(paths: list[Path], taxonomy: Taxonomy, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Progress = _quiet) -> Report:
    """Run every stage on the documents under `paths`."""
    manifest = load_manifests(paths)
    progress("ingest")
    read = ingest(collect_files(paths), taxonomy, manifest, max_bytes)
    progress("dating")
    documents, undated = date_documents(read.documents, taxonomy, manifest)
    skipped = read.skipped + undated
    if not documents:
        where = ", ".join(str(p) for p in paths)
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no .txt, .md or .html files"
        raise InputError(f"no readable document ({reasons})", where)
    subject = corpus_subject(documents)
    progress("segment")
    segmentations = [segment_document(d, taxonomy, subject) for d in documents]
    progress("group")
    inspections, findings = group_findings(documents, _segments(segmentations), taxonomy)
    progress("classify")
    findings = classify_findings(findings, inspections, taxonomy)
    progress("align")
    aligned = align(findings, inspections, taxonomy)
    return Report(
        subject=subject, documents=documents, inspections=inspections, findings=findings, themes=aligned.themes,
        alignments=aligned.alignments, changelog=aligned.changelog,
        dropped=tuple(d for s in segmentations for d in s.dropped), skipped=skipped,
        theme_labels=tuple((t.id, t.label) for t in taxonomy.themes),
    )


def _segments(segmentations: list[Segmentation]) -> tuple:
    return tuple(segment for s in segmentations for segment in s.segments)
