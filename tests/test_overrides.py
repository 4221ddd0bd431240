"""Human overrides: pinned theme and polarity, theme status, merge and split, each with provenance; no silent
misses."""

from __future__ import annotations

import json
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from reportdiff.errors import ConfigError
from reportdiff.model import (
    Finding,
    Polarity,
    Speaker,
    ThemeCourse,
    ThemeHit,
    Verdict,
    VerdictBasis,
)
from reportdiff.overrides import (
    apply_alignment_overrides,
    apply_finding_overrides,
    apply_theme_overrides,
    parse_overrides,
)

WHO = {"by": "J. Analyst", "date": "2026-01-10", "reason": "read the full report"}


def _finding(
    fid: str, text: str, inspection: str, theme: str = "partnership", polarity: Polarity = Polarity.CONCERN
) -> Finding:
    return Finding(
        id=fid,
        text=text,
        inspection=inspection,
        sources=(),
        speaker=Speaker.INSPECTORATE,
        context="",
        list_item=False,
        quoted=False,
        hits=(ThemeHit(theme, polarity, 1.0, ()),),
        polarity=polarity,
    )


FINDINGS = (
    _finding("f-1", "Officers did not share information with partners.", "2019"),
    _finding("f-2", "Information is now shared promptly with partners.", "2024", polarity=Polarity.PROGRESS),
)


def test_override_needs_who_and_when():
    with pytest.raises(ConfigError, match="'by' and 'date' are required"):
        parse_overrides([{"finding": "f-1", "polarity": "progress"}], "reportdiff.toml")


def test_pinned_polarity_and_theme_keep_the_machines_view(taxonomy):
    overrides = parse_overrides(
        [{**WHO, "text": "did not share", "theme": "information-sharing", "polarity": "concern"}], "m.toml"
    )
    pinned = apply_finding_overrides(FINDINGS, overrides, taxonomy, "m.toml")[0]
    assert pinned.themes == ("information-sharing",) and pinned.polarity is Polarity.CONCERN
    assert [(p.field, p.machine, p.human, p.by) for p in pinned.provenance] == [
        ("theme", "partnership", "information-sharing", "J. Analyst"),
        ("polarity", "concern", "concern", "J. Analyst"),
    ]


def test_override_matching_nothing_is_an_error(taxonomy):
    overrides = parse_overrides([{**WHO, "finding": "f-404", "polarity": "progress"}], "m.toml")
    with pytest.raises(ConfigError, match="matches no finding"):
        apply_finding_overrides(FINDINGS, overrides, taxonomy, "m.toml")


def test_unknown_theme_is_an_error(taxonomy):
    overrides = parse_overrides([{**WHO, "finding": "f-1", "theme": "no-such-theme"}], "m.toml")
    with pytest.raises(ConfigError, match="no theme 'no-such-theme'"):
        apply_finding_overrides(FINDINGS, overrides, taxonomy, "m.toml")


def _course(theme: str, verdict: Verdict) -> ThemeCourse:
    return ThemeCourse(theme, theme.title(), (), verdict, verdict, VerdictBasis(()))


def test_theme_status_resolved_and_open_with_provenance():
    themes = (_course("partnership", Verdict.PERSISTING), _course("training", Verdict.RESOLVED))
    overrides = parse_overrides(
        [
            {**WHO, "theme": "partnership", "status": "resolved"},
            {**WHO, "theme": "training", "status": "open"},
        ],
        "m.toml",
    )
    out = apply_theme_overrides(themes, overrides, "m.toml")
    assert [t.verdict for t in out] == [Verdict.RESOLVED, Verdict.PERSISTING]
    assert out[1].provenance[0].machine == "resolved" and out[1].provenance[0].human == "persisting"


def test_status_for_a_theme_without_verdict_is_an_error():
    overrides = parse_overrides([{**WHO, "theme": "custody", "status": "resolved"}], "m.toml")
    with pytest.raises(ConfigError, match="has no verdict"):
        apply_theme_overrides((), overrides, "m.toml")


def test_merge_adds_an_alignment_and_split_removes_one():
    merged = apply_alignment_overrides(
        (),
        FINDINGS,
        ["2019", "2024"],
        parse_overrides([{**WHO, "merge": ["f-2", "f-1"]}], "m.toml"),
        "m.toml",
    )
    assert [(a.earlier, a.later) for a in merged] == [("f-1", "f-2")] and merged[0].provenance
    split = apply_alignment_overrides(
        merged,
        FINDINGS,
        ["2019", "2024"],
        parse_overrides([{**WHO, "split": ["f-1", "f-2"]}], "m.toml"),
        "m.toml",
    )
    assert split == ()


def test_split_of_unaligned_findings_is_an_error():
    with pytest.raises(ConfigError, match="nothing to split"):
        apply_alignment_overrides(
            (),
            FINDINGS,
            ["2019", "2024"],
            parse_overrides([{**WHO, "split": ["f-1", "f-2"]}], "m.toml"),
            "m.toml",
        )


@pytest.mark.parametrize(
    "entry,message",
    [
        ({"polarity": "bad", "finding": "f-1"}, "polarity must be"),
        ({"status": "closed", "theme": "x"}, "status must be"),
        ({"status": "resolved"}, "needs the theme"),
        ({"merge": ["f-1"]}, "two finding ids"),
        ({"colour": "red", "finding": "f-1"}, "unknown key 'colour'"),
        ({}, "name a finding"),
    ],
)
def test_malformed_overrides_are_refused(entry, message):
    with pytest.raises(ConfigError, match=message):
        parse_overrides([{**WHO, **entry}], "m.toml")


def _normalised(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def _pdf_text(path: Path) -> str:
    """The PDF's text: poppler's pdftotext where the machine has it, else pypdf (the test extra ships it)."""
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_an_overrides_why_ends_in_its_own_verdict_in_every_format(cli, samples_copy, tmp_path):
    (samples_copy / "reportdiff.toml").write_text(
        '[[overrides]]\ntheme = "partnership"\nstatus = "open"\nby = "J. Analyst"\ndate = "2026-01-10"\n'
        'reason = "The 2025 report praises one team only."\n',
        encoding="utf-8",
    )
    outs = {ext: tmp_path / f"r.{ext}" for ext in ("json", "html", "md", "pdf")}
    assert cli("build", samples_copy, *[a for out in outs.values() for a in ("--out", out)]).status == 0
    data = json.loads(outs["json"].read_text())
    theme = next(t for t in data["themes"] if t["id"] == "partnership")
    assert (theme["verdict"], theme["machine_verdict"]) == ("persisting", "resolved")
    why = theme["why"]["text"]
    assert why.endswith("J. Analyst set the verdict on 2026-01-10, so persisting.") and "says resolved" in why
    assert theme["summary"].endswith("Verdict: persisting \u2014 " + Verdict(theme["verdict"]).meaning + ".")
    assert theme["basis"]["text"].startswith(
        "set by J. Analyst; the evidence: the inspectorate's own documents"
    )
    assert (
        "partnership" in data["changelog"][0]["persisting"]
        and "partnership" not in data["changelog"][0]["resolved"]
    )
    html = _normalised(unescape(outs["html"].read_text()))
    markdown = _normalised(outs["md"].read_text().replace("\\", ""))
    pdf = _normalised(_pdf_text(outs["pdf"]))
    for shown in (html, markdown, pdf):
        assert _normalised(why) in shown
        assert "set by J. Analyst; the evidence" in shown
    assert (
        f"Why persisting: {_normalised(why)}" in pdf and f"*Why persisting:* {_normalised(why)}" in markdown
    )
    assert f"Why persisting?</summary> <p>{_normalised(why)}</p>" in html
