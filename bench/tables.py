"""The benchmark's tables, its check of the targets, and what makes a run fail: from the rows `run.measure`
writes."""

from __future__ import annotations

from typing import Any

from reportdiff.pipeline import STAGES

COLUMNS = ("floor", *STAGES, "context", "json", "html", "total", "pdf")
# The targets: the aligner on 1,000 x 1,000 findings, the build at 200k, 400k and 1M words, the PDF
# of the samples and of 200k words.
SLICE = 1000
SLICE_SECONDS, SLICE_SPEEDUP = 0.4, 150
BUILD_200K_SECONDS, SCALING_400K, BUILD_1M_SECONDS, PEAK_1M_MB, PDF_SAMPLES_SECONDS = 8, 2.1, 30, 500, 3
PDF_200K_SECONDS = 10


def format_tables(result: dict[str, Any]) -> str:
    """The three tables as Markdown, then the targets, each figure with its multiple of the floor."""
    rows = result["rows"]
    lines = [
        f"Medians of {result['runs']} runs, in seconds (PDF: see the pdf runs column); "
        f"at most {result['echoes']} alignment(s) per finding.",
        "",
        _stage_table(rows, relative=False),
        "",
        "The same, as multiples of the floor (reading and tokenising the corpus):",
        "",
        _stage_table(rows, relative=True),
        "",
        _slice_table(rows),
        "",
        "Targets:",
        "",
    ]
    lines += targets(rows)
    return "\n".join(lines)


def _stage_table(rows: list[dict[str, Any]], relative: bool) -> str:
    head = ["corpus", "shape", "words", "inspections", "findings", "alignments", "most per finding", *COLUMNS]
    head += [] if relative else ["pdf runs", "peak MB"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [
            row["label"],
            row["shape"],
            f"{row['words']:,}",
            str(row.get("inspections_found", "?")),  # runs recorded before the column have no count
            f"{row['findings']:,}",
            f"{row['alignments']:,}",
            str(row["most_per_finding"]),
        ]
        for column in COLUMNS:
            value = row.get(column)
            cells.append(
                "–" if value is None else f"{value / row['floor']:.0f}×" if relative else f"{value:.3f}"
            )
        if not relative:
            cells.append(str(row["pdf_runs"] or "–"))
            cells.append(
                f"{row['peak_mb']:.0f}"
                + (f" ({row['peak_mb_with_pdf']:.0f} with PDF)" if row.get("peak_mb_with_pdf") else "")
            )
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def _slice_table(rows: list[dict[str, Any]]) -> str:
    head = [
        "corpus",
        "shape",
        "earlier × later",
        "pairs sharing a theme",
        "matches",
        "most per finding",
        "naive s",
        "fast s",
        "fast / floor",
        "speed-up",
        "identical",
        "every pair s",
        "whole corpus: fast s",
    ]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        s = row["slice"]
        if s is None:
            continue
        every = f"{s['every_pair_s']:.1f}" if s.get("every_pair_s") else "–"
        out.append(
            f"| {row['label']} | {row['shape']} | {s['earlier']:,} × {s['later']:,} | {s['naive_pairs']:,} "
            f"| {s['matches']:,} | {s['most_per_finding']} | {s['naive_s']:.3f} | {s['fast_s']:.4f} "
            f"| {s['fast_s'] / row['floor']:.1f}× | {s['speedup']:.0f}× | {s['identical']} | {every} "
            f"| {row['align_findings']:.3f} |"
        )
    return "\n".join(out)


def targets(rows: list[dict[str, Any]]) -> list[str]:
    """Each target with the figure measured for it, its multiple of the floor, and whether it is met."""
    notes = []
    for row in rows:
        s = row["slice"]
        if s and s["earlier"] == SLICE:
            notes.append(
                _target(
                    f"aligner, {SLICE:,} × {SLICE:,} findings ({row['shape']} {row['label']})",
                    s["fast_s"],
                    row["floor"],
                    s["fast_s"] <= SLICE_SECONDS,
                    f"≤ {SLICE_SECONDS} s",
                )
                + f"; {s['speedup']:.0f}× the naive aligner (target ≥ {SLICE_SPEEDUP}×: "
                f"{_met(s['speedup'] >= SLICE_SPEEDUP)}); identical: {s['identical']}"
            )
    for shape in dict.fromkeys(row["shape"] for row in rows):
        notes += _build_targets({row["label"]: row for row in rows if row["shape"] == shape}, shape)
    for row in rows:
        if row["label"] == "samples" and row.get("pdf"):
            notes.append(
                _target(
                    "PDF of samples/",
                    row["pdf"],
                    row["floor"],
                    row["pdf"] <= PDF_SAMPLES_SECONDS,
                    f"≤ {PDF_SAMPLES_SECONDS} s",
                )
            )
        if row["shape"] == "one document":
            notes.append(
                _target(
                    f"one document of {row['findings']:,} findings, group (echo merging)",
                    row["group"],
                    row["floor"],
                    True,
                    "issue 16: minutes before",
                )
            )
    return notes


def _build_targets(by_label: dict[str, dict[str, Any]], shape: str) -> list[str]:
    notes = []
    if "200k" in by_label:
        row = by_label["200k"]
        notes.append(
            _target(
                f"200k words → JSON + HTML ({shape})",
                row["total"],
                row["floor"],
                row["total"] <= BUILD_200K_SECONDS,
                f"≤ {BUILD_200K_SECONDS} s",
            )
        )
    if by_label.get("200k", {}).get("pdf"):
        row = by_label["200k"]
        notes.append(
            _target(
                f"PDF of 200k words ({shape})",
                row["pdf"],
                row["floor"],
                row["pdf"] <= PDF_200K_SECONDS,
                f"≤ {PDF_200K_SECONDS} s",
            )
        )
    if "200k" in by_label and "400k" in by_label:
        scaling = by_label["400k"]["total"] / by_label["200k"]["total"]
        notes.append(
            f"- 400k / 200k words ({shape}): {scaling:.2f}× (target ≤ {SCALING_400K}×: "
            f"{_met(scaling <= SCALING_400K)})"
        )
    if "1000k" in by_label:
        row = by_label["1000k"]
        notes.append(
            _target(
                f"1M words ({shape})",
                row["total"],
                row["floor"],
                row["total"] <= BUILD_1M_SECONDS,
                f"≤ {BUILD_1M_SECONDS} s",
            )
            + f"; peak {row['peak_mb']:.0f} MB (target ≤ {PEAK_1M_MB} MB: "
            f"{_met(row['peak_mb'] <= PEAK_1M_MB)})"
        )
    return notes


def _target(what: str, seconds: float, floor: float, met: bool, target: str) -> str:
    return f"- {what}: {seconds:.3f} s, {seconds / floor:.0f}× the floor (target {target}: {_met(met)})"


def _met(met: bool) -> str:
    return "met" if met else "NOT met"


def failures(result: dict[str, Any]) -> list[str]:
    """What makes the run fail: matches that differ from the naive aligner's, a finding with too many
    alignments."""
    out = list(result.get("failed", []))
    for row in result["rows"]:
        name = f"{row['shape']} {row['label']}"
        if row["slice"] and not row["slice"]["identical"]:
            out.append(f"{name}: the fast aligner's matches differ from the naive aligner's")
        if max(row["most_per_finding"], (row["slice"] or {}).get("most_per_finding", 0)) > result["echoes"]:
            out.append(f"{name}: a finding has more than {result['echoes']} alignment(s)")
    return out


def compare_runs(before: dict[str, Any], now: dict[str, Any], name: str) -> str:
    """Each corpus both runs measured: every column now as a multiple of the earlier run's."""
    earlier = {(row["label"], row.get("shape", "varied")): row for row in before["rows"]}
    head = ["corpus", "shape", *COLUMNS]
    out = [
        f"Now as a multiple of {name} (below 1 is faster):",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for row in now["rows"]:
        old = earlier.get((row["label"], row["shape"]))
        if old is None:
            continue
        cells = [f"{row[c] / old[c]:.2f}" if row.get(c) and old.get(c) else "–" for c in COLUMNS]
        out.append(f"| {row['label']} | {row['shape']} | " + " | ".join(cells) + " |")
    return "\n".join(out)
