"""Benchmark reportdiff: each stage timed on synthetic corpora of two shapes and several sizes, \
and the fast aligner
against the naive.

    python bench/run.py [--sizes 50000,200000,400000,1000000] [--shapes varied,formulaic] [--runs 3]
                        [--echoes 1] [--merge-case 7500] [--json bench/latest.json]
                        [--compare bench/results.json] [--naive-runs 1] [--every-pair 200000]
                        [--pdf-sizes 200000] [--no-pdf] [--no-samples] [--seed 1]

Each corpus (and samples/) is built in a subprocess of its own, so that its peak memory is its own. Prints two
tables (seconds; multiples of the time to read and tokenise the corpus) and the alignment table, each with a
row per shape and size, then the targets, writes all of it as JSON, and exits 1 if the fast aligner's matches
ever differ from the naive aligner's or a finding has more than `--echoes` alignments.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from corpus import generate_corpus  # bench/ is on the path when this file runs as a script
from formulaic import generate_formulaic, generate_one_document
from reportdiff.align import ECHOES, align_findings, align_findings_naive
from reportdiff.context import build_context
from reportdiff.model import Alignment, Finding, Report
from reportdiff.pipeline import Settings, run, without_cycle_collection
from reportdiff.render import render
from reportdiff.taxonomy import load_taxonomy
from reportdiff.text import words
from tables import SLICE, compare_runs, failures, format_tables

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SIZES = (50_000, 200_000, 400_000, 1_000_000)
# The corpus shapes: varied prose (corpus.py), and house style, a few dozen frames shared by every report.
SHAPES = {"varied": generate_corpus, "formulaic": generate_formulaic}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.worker:
        print(json.dumps(measure(Path(args.worker), args.label, args)))
        return 0
    result: dict[str, Any] = {
        "machine": _machine(),  # the load average before the run, from other work
        "command": " ".join(["python", "bench/run.py", *(argv or sys.argv[1:])]),
        "runs": args.runs,
        "echoes": args.echoes,
        "rows": [],
        "failed": [],
    }
    if not args.no_samples:
        _keep(
            result,
            _in_subprocess(
                ROOT / "samples", "samples", "samples", args, pdf_runs=0 if args.no_pdf else args.runs
            ),
            args,
        )
    for shape in args.shapes:
        for size in args.sizes:
            # The PDF (weasyprint) is timed at --pdf-sizes only: the target is a 200k-word corpus.
            pdf_runs = args.runs if size in args.pdf_sizes and not args.no_pdf else 0
            _keep(
                result,
                _generated(
                    SHAPES[shape], size, f"{size // 1000}k", shape, args, pdf_runs, size in args.every_pair
                ),
                args,
            )
    if args.merge_case:
        _keep(
            result,
            _generated(
                generate_one_document,
                args.merge_case,
                f"{args.merge_case / 1000:g}k findings",
                "one document",
                args,
                0,
                False,
            ),
            args,
        )
    print(format_tables(result))
    previous = Path(args.compare) if args.compare else None
    if previous and previous.is_file() and previous.resolve() != Path(args.json).resolve():
        print("\n" + compare_runs(json.loads(previous.read_text(encoding="utf-8")), result, previous.name))
    for failure in failures(result):
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures(result) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_numbers,
        default=list(DEFAULT_SIZES),
        help="corpus sizes in words, comma-separated (default: 50000,200000,400000,1000000)",
    )
    parser.add_argument(
        "--shapes",
        type=lambda s: s.split(","),
        default=list(SHAPES),
        help="corpus shapes, comma-separated (default: varied,formulaic)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per size; medians are reported (default 3)")
    parser.add_argument(
        "--echoes",
        type=int,
        default=ECHOES,
        help=f"alignments per finding, as `build --echoes` (default {ECHOES})",
    )
    parser.add_argument(
        "--merge-case",
        type=int,
        default=7_500,
        help="findings of the one-document echo-merging case, 0 for none (default 7500: the most "
        "under the per-document text budget)",
    )
    parser.add_argument("--naive-runs", type=int, default=1, help="runs of the naive aligner (default 1)")
    parser.add_argument(
        "--every-pair",
        type=_numbers,
        default=[],
        help="sizes at which to also time SequenceMatcher on every pair of the slice, themes "
        "ignored (about a minute per shape)",
    )
    parser.add_argument(
        "--json",
        default=str(HERE / "latest.json"),
        help="write the results to this JSON file (default: bench/latest.json)",
    )
    parser.add_argument(
        "--compare",
        default=str(HERE / "results.json"),
        help="a previous run's JSON to compare with (default: bench/results.json, the run quoted "
        "in bench/README.md), if it exists",
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--pdf-sizes",
        type=_numbers,
        default=[200_000],
        help="sizes at which the PDF is also timed, as many runs as --runs (default: 200000)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip PDF timing")
    parser.add_argument("--no-samples", action="store_true", help="skip the samples/ row")
    for hidden in ("--worker", "--label", "--shape"):
        parser.add_argument(hidden, default="", help=argparse.SUPPRESS)
    parser.add_argument("--pdf-runs", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--every-pair-here", action="store_true", help=argparse.SUPPRESS)
    return parser


def _numbers(text: str) -> list[int]:
    return [int(x) for x in text.split(",")]


def _keep(result: dict[str, Any], row: dict[str, Any] | str, args: argparse.Namespace) -> None:
    """A corpus's row, or its failure, added to the results, which are written at once: a late failure or a
    stop keeps the rows measured before it."""
    result["rows" if isinstance(row, dict) else "failed"].append(row)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def _generated(
    generate: Callable[[Path, int, int], Any],
    size: int,
    label: str,
    shape: str,
    args: argparse.Namespace,
    pdf_runs: int,
    every_pair: bool,
) -> dict[str, Any] | str:
    """A corpus written to a temporary folder, measured, and deleted."""
    with tempfile.TemporaryDirectory(prefix="reportdiff-bench-") as folder:
        generate(Path(folder), size, args.seed)
        return _in_subprocess(Path(folder), label, shape, args, pdf_runs, every_pair)


def _in_subprocess(
    folder: Path, label: str, shape: str, args: argparse.Namespace, pdf_runs: int, every_pair: bool = False
) -> dict[str, Any] | str:
    """One corpus measured in a fresh process, so that the peak memory is its own; what failed, if it did."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        str(folder),
        "--label",
        label,
        "--shape",
        shape,
        "--runs",
        str(args.runs),
        "--naive-runs",
        str(args.naive_runs),
        "--pdf-runs",
        str(pdf_runs),
        "--echoes",
        str(args.echoes),
    ]
    command += ["--every-pair-here"] if every_pair else []
    print(f"[bench] {shape} {label}: {folder}", file=sys.stderr, flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return f"{shape} {label}: the worker failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(folder: Path, label: str, args: argparse.Namespace) -> dict[str, Any]:
    """One corpus: the floor, every stage over several runs, the aligner slice, PDF if asked, peak memory."""
    taxonomy = load_taxonomy()
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    floor = _median(args.runs, lambda: read_and_tokenise(files))
    medians, report, context = built_medians(folder, taxonomy, args.runs, args.echoes)
    order = [i.id for i in report.inspections]
    row: dict[str, Any] = {
        "label": label,
        "shape": args.shape,
        "words": sum(len(p.read_text(encoding="utf-8").split()) for p in files),
        "documents": len(report.documents),
        "inspections_found": len(report.inspections),  # not "inspections": that is the stage's time
        "findings": len(report.findings),
        "themed": sum(1 for f in report.findings if f.hits),
        "alignments": len(report.alignments),
        "floor": floor,
        **medians,
        "most_per_finding": most_per_finding(report.alignments),
    }
    row["align_findings"] = _median(
        args.runs, lambda: align_findings(report.findings, order, echoes=args.echoes)
    )
    row["slice"] = (
        compare_aligners(report.findings, args) if args.shape in SHAPES or args.shape == "samples" else None
    )
    row["peak_mb"] = peak_mb()
    row["pdf"] = _median(args.pdf_runs, lambda: render(context, "pdf")) if args.pdf_runs else None
    row["pdf_runs"] = args.pdf_runs
    row["peak_mb_with_pdf"] = peak_mb() if args.pdf_runs else None
    return row


def most_per_finding(alignments: tuple[Alignment, ...]) -> int:
    """The most alignments any one finding has with earlier findings."""
    return max(Counter(a.later for a in alignments).values(), default=0)


def read_and_tokenise(files: list[Path]) -> None:
    """The floor: read every file and split it into words, as the stages do before anything else."""
    for path in files:
        words(path.read_bytes().decode("utf-8"))


def built_medians(
    folder: Path, taxonomy: Any, runs: int, echoes: int
) -> tuple[dict[str, float], Report, dict[str, Any]]:
    """Each stage's median over `runs` builds, and the last build; each earlier one is let go first (honest
    peak)."""
    times, report, context = timed_build(folder, taxonomy, echoes)
    all_times = [times]
    for _ in range(runs - 1):
        del report, context
        times, report, context = timed_build(folder, taxonomy, echoes)
        all_times.append(times)
    return {key: statistics.median(t[key] for t in all_times) for key in times}, report, context


def timed_build(folder: Path, taxonomy: Any, echoes: int) -> tuple[dict[str, float], Report, dict[str, Any]]:
    """One build: each stage's seconds, read from the pipeline's own progress calls, then context and
    renders."""
    marks: list[tuple[str, float]] = []
    start = time.perf_counter()
    settings = Settings(
        taxonomy,
        generated="2000-01-01T00:00:00Z",
        echoes=echoes,
        progress=lambda stage: marks.append((stage, time.perf_counter())),
    )
    with without_cycle_collection():  # as `reportdiff build` runs the build, its context and its renders
        report = run([folder], settings)
        built = time.perf_counter()
        marks.append(("end", built))
        times = {stage: end - begin for (stage, begin), (_, end) in pairwise(marks)}
        context = build_context(report)
        times["context"] = time.perf_counter() - built
        times["json"] = _seconds(lambda: render(context, "json"))
        times["html"] = _seconds(lambda: render(context, "html"))
        times["total"] = time.perf_counter() - start
    return times, report, context


def compare_aligners(findings: tuple[Finding, ...], args: argparse.Namespace) -> dict[str, Any]:
    """The fast and the naive aligner on the same findings: `SLICE` themed findings against the next
    `SLICE`."""
    findings_slice = alignment_slice(findings)
    order = ["earlier", "later"]
    fast = align_findings(findings_slice, order, echoes=args.echoes)
    naive = align_findings_naive(findings_slice, order, echoes=args.echoes)
    fast_s = _median(args.runs, lambda: align_findings(findings_slice, order, echoes=args.echoes))
    naive_s = _median(
        args.naive_runs, lambda: align_findings_naive(findings_slice, order, echoes=args.echoes)
    )
    earlier = [f for f in findings_slice if f.inspection == "earlier"]
    later = [f for f in findings_slice if f.inspection == "later"]
    out = {
        "earlier": len(earlier),
        "later": len(later),
        "naive_pairs": sum(1 for a in earlier for b in later if set(a.themes) & set(b.themes)),
        "matches": len(fast),
        "identical": fast == naive,
        "most_per_finding": most_per_finding(fast),
        "fast_s": fast_s,
        "naive_s": naive_s,
        "speedup": naive_s / fast_s if fast_s else None,
        "every_pair_s": None,
    }
    if args.every_pair_here:
        out["every_pair_s"] = _seconds(lambda: every_pair_ratios(earlier, later))
    return out


def alignment_slice(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The first `SLICE` themed findings as one inspection and the next `SLICE` as the one after it.

    Reports are consecutive, so the later findings echo the earlier ones as successive inspections do; a
    corpus with fewer themed findings is split in half.
    """
    themed = [f for f in findings if f.hits]
    half = min(SLICE, len(themed) // 2)
    return tuple(
        [replace(f, inspection="earlier") for f in themed[:half]]
        + [replace(f, inspection="later") for f in themed[half : 2 * half]]
    )


def every_pair_ratios(earlier: list[Finding], later: list[Finding]) -> int:
    """The issue's naive measure: SequenceMatcher's ratio on every pair, themes ignored."""
    from difflib import SequenceMatcher

    a_words, b_words = [words(f.text) for f in earlier], [words(f.text) for f in later]
    return sum(SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.5 for a in a_words for b in b_words)


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _seconds(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _median(runs: int, action: Callable[[], Any]) -> float:
    return statistics.median(_seconds(action) for _ in range(max(1, runs)))


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }


if __name__ == "__main__":
    sys.exit(main())
