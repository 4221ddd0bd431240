"""Finding alignment: the fast aligner finds exactly the naive aligner's best echoes; the benchmark runs and
agrees."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.align import ALIGN_RATIO, ECHOES, align_findings, align_findings_naive
from reportdiff.model import Alignment, Finding, Polarity, Source, Speaker, ThemeHit

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["2019-03", "2020-11", "2021-06"]
THEMES = ("risk-assessment", "partnership", "training")
# A small vocabulary, so that random sentences often read alike and the threshold is often close.
WORDS = (
    "the",
    "force",
    "risk",
    "children",
    "missing",
    "was",
    "not",
    "assessed",
    "partners",
    "training",
    "officers",
    "found",
    "we",
    "delays",
    "in",
    "of",
)


def finding(number: int, text: str, inspection: str, themes: tuple[str, ...]) -> Finding:
    hits = tuple(ThemeHit(theme, Polarity.CONCERN, 1.0, ()) for theme in themes)
    return Finding(
        id=f"f-{number:04d}",
        text=text,
        inspection=inspection,
        sources=(Source("d", 1, 1),),
        speaker=Speaker.INSPECTORATE,
        context="",
        list_item=False,
        quoted=False,
        hits=hits,
    )


sentences = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)
# House style: one frame, one subject, one topic, fillers; unrelated findings share half their words.
formulaic = st.builds(
    "{} {} {} {}.".format,
    st.sampled_from(
        (
            "We found the force did not record",
            "The force should review",
            "Inspectors were concerned that officers did not assess",
            "Supervisors now manage",
        )
    ),
    st.sampled_from(("missing children", "risk assessments", "the training of officers", "referrals")),
    st.sampled_from(("in the cases we reviewed", "across the force area", "in the control room")),
    st.sampled_from(("", "for children at risk", "since our last inspection")),
)
rows = st.tuples(
    sentences, st.sampled_from(ORDER), st.lists(st.sampled_from(THEMES), max_size=2, unique=True)
)
formulaic_rows = st.tuples(
    formulaic, st.sampled_from(ORDER), st.lists(st.sampled_from(THEMES), min_size=1, max_size=2, unique=True)
)


def findings_of(drawn: list[tuple[str, str, list[str]]]) -> tuple[Finding, ...]:
    return tuple(
        finding(n, text, inspection, tuple(themes)) for n, (text, inspection, themes) in enumerate(drawn)
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, max_size=40))
def test_fast_aligner_finds_exactly_the_naive_pairs(drawn):
    findings = findings_of(drawn)
    assert align_findings(findings, ORDER) == align_findings_naive(findings, ORDER)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, max_size=30), st.sampled_from([0.1, 0.34, 2 / 3, 0.75, 0.9, 1.0]), st.integers(1, 3))
def test_fast_aligner_is_exact_at_any_threshold_and_number_of_echoes(drawn, threshold, echoes):
    findings = findings_of(drawn)
    assert align_findings(findings, ORDER, threshold, echoes) == align_findings_naive(
        findings, ORDER, threshold, echoes
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(formulaic_rows, max_size=60), st.integers(1, 2))
def test_fast_aligner_is_exact_on_formulaic_findings(drawn, echoes):
    findings = findings_of(drawn)
    aligned = align_findings(findings, ORDER, ALIGN_RATIO, echoes)
    assert aligned == align_findings_naive(findings, ORDER, ALIGN_RATIO, echoes)
    per_finding = Counter(a.later for a in aligned)
    assert max(per_finding.values(), default=0) <= echoes


def test_each_finding_keeps_only_its_closest_earlier_echoes():
    findings = (
        finding(1, "The force did not assess the risk to missing children.", "2019-03", THEMES[:1]),
        finding(2, "The force did not assess the risk to children.", "2020-11", THEMES[:1]),
        finding(3, "The force still did not assess the risk to missing children.", "2021-06", THEMES[:1]),
    )
    pairs = [(a.earlier, a.later, a.ratio) for a in align_findings(findings, ORDER)]
    assert ECHOES == 1 and pairs == [("f-0001", "f-0002", 0.947), ("f-0001", "f-0003", 0.952)]
    pairs = [(a.earlier, a.later) for a in align_findings(findings, ORDER, echoes=2)]
    assert pairs == [("f-0001", "f-0002"), ("f-0001", "f-0003"), ("f-0002", "f-0003")]


def test_echo_of_an_earlier_inspection_is_aligned_with_shared_themes_and_ratio():
    findings = (
        finding(1, "The force did not assess the risk to missing children.", "2019-03", THEMES[:2]),
        finding(2, "The force still did not assess the risk to missing children.", "2020-11", THEMES[:1]),
        finding(3, "Partners were positive about training.", "2020-11", THEMES[1:]),
    )
    assert align_findings(findings, ORDER) == (Alignment("f-0001", "f-0002", ("risk-assessment",), 0.952),)


def test_findings_of_one_inspection_or_without_a_shared_theme_are_not_aligned():
    same_text = "We found delays in the training of officers."
    findings = (
        finding(1, same_text, "2019-03", ("training",)),
        finding(2, same_text, "2019-03", ("training",)),
        finding(3, same_text, "2020-11", ("partnership",)),
    )
    assert align_findings(findings, ORDER) == ()


def test_threshold_outside_the_ratio_range_falls_back_to_the_definition():
    findings = (finding(1, "a b", "2019-03", ("training",)), finding(2, "c d", "2020-11", ("training",)))
    assert len(align_findings(findings, ORDER, 0.0)) == 1
    assert align_findings(findings, ORDER, 1.5) == ()
    assert ALIGN_RATIO == 0.5


def test_small_benchmark_runs_and_the_aligners_agree(tmp_path):
    """CI runs the benchmark once, small, to prove it works: both corpus shapes and the one-document case; it
    asserts identical matches and at most one alignment per finding, never a time."""
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--sizes",
            "5000",
            "--runs",
            "1",
            "--merge-case",
            "500",
            "--json",
            str(out),
            "--no-pdf",
            "--no-samples",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    varied, formulaic, one_document = result["rows"]
    assert (varied["shape"], formulaic["shape"], one_document["shape"]) == (
        "varied",
        "formulaic",
        "one document",
    )
    for row in (varied, formulaic):
        assert row["slice"]["identical"] is True
        assert row["slice"]["matches"] > 0 and row["findings"] > 100
        assert row["most_per_finding"] == 1 and row["slice"]["most_per_finding"] == 1
    assert one_document["findings"] > 100
    assert "| 5k | formulaic |" in done.stdout and "Targets:" in done.stdout


def test_build_echoes_option_bounds_the_alignments_of_each_finding(cli, tmp_path):
    """`build --echoes 2` keeps each finding's two closest earlier echoes in the JSON, the default one."""
    sys.path.insert(0, str(ROOT / "bench"))
    from formulaic import generate_formulaic

    generate_formulaic(tmp_path / "corpus", 8000)
    most = []
    for echoes in ("1", "2"):
        out = tmp_path / f"report-{echoes}.json"
        done = cli("build", tmp_path / "corpus", "--echoes", echoes, "--out", out, "--quiet")
        assert done.status == 0, done.stderr
        alignments = json.loads(out.read_text(encoding="utf-8"))["alignments"]
        most.append(max(Counter(a["later"] for a in alignments).values()))
    assert most == [1, 2]
    assert cli("build", tmp_path / "corpus", "--echoes", "0").status == 2
