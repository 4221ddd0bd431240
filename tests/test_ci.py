"""CI use: baseline changelog, --fail-on and exit statuses, diff, inspect, reproducible bytes, atomic
outputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

LATE = ("002_49472d43af5f39f0.txt", "003_b4712df04f8c4457.txt")


@pytest.fixture()
def early_corpus(tmp_path: Path) -> Path:
    """The samples without the two 2025 documents."""
    folder = tmp_path / "early"
    folder.mkdir()
    for path in SAMPLES.glob("*.txt"):
        if path.name not in LATE:
            shutil.copy(path, folder / path.name)
    return folder


def test_baseline_shows_2025_concerns_as_new_since_the_last_build(cli, early_corpus, tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert cli("build", early_corpus, "--out", old).status == 0
    assert cli("build", SAMPLES, "--baseline", old, "--out", new).status == 0
    since = json.loads(new.read_text())["baseline"]
    assert sorted(since["documents_added"]) == [name[:-4] for name in LATE]
    assert {"domestic-abuse", "exploitation", "child-voice"} <= set(since["concerns_added"])
    assert since["findings_added"] and not since["documents_removed"]
    assert (
        "Since the last build" in (tmp_path / "new.md").read_text()
        if (tmp_path / "new.md").exists()
        else True
    )


def test_without_baseline_the_key_is_null(cli, tmp_path):
    out = tmp_path / "r.json"
    cli("build", SAMPLES, "--out", out)
    assert json.loads(out.read_text())["baseline"] is None


def test_fail_on_writes_everything_then_exits_3_with_one_line_per_theme(cli, tmp_path):
    outs = [tmp_path / "r.json", tmp_path / "r.md"]
    result = cli("build", SAMPLES, "--out", outs[0], "--out", outs[1], "--fail-on", "new,recurring")
    assert result.status == 3
    assert all(out.exists() for out in outs)
    lines = [line for line in result.stderr.splitlines() if line.startswith("fail-on:")]
    themes = [line.split(":")[1].strip() for line in lines]
    assert sorted(themes) == sorted(set(themes))
    assert {"domestic-abuse", "exploitation", "child-voice"} <= set(themes)


def test_fail_on_verdict_changed_needs_a_change(cli, early_corpus, tmp_path):
    old = tmp_path / "old.json"
    cli("build", SAMPLES, "--out", old)
    assert (
        cli(
            "build",
            SAMPLES,
            "--baseline",
            old,
            "--fail-on",
            "verdict-changed",
            "--out",
            tmp_path / "same.json",
        ).status
        == 0
    )
    cli("build", early_corpus, "--out", old)
    assert (
        cli(
            "build",
            SAMPLES,
            "--baseline",
            old,
            "--fail-on",
            "verdict-changed",
            "--out",
            tmp_path / "changed.json",
        ).status
        == 3
    )


def test_exit_statuses(cli, samples_copy, tmp_path):
    assert cli("build", SAMPLES, "--out", tmp_path / "a.json").status == 0
    assert cli("build", SAMPLES, "--fail-on", "no-such-verdict").status == 2
    assert cli("build", tmp_path / "missing").status == 1
    (samples_copy / "empty.txt").write_text("   \n", encoding="utf-8")
    strict = cli("build", samples_copy, "--strict", "--out", tmp_path / "b.json")
    assert strict.status == 4 and "empty.txt" in strict.stderr
    assert (tmp_path / "b.json").exists()
    assert cli("build", samples_copy, "--out", tmp_path / "c.json").status == 0


def test_failing_run_leaves_previous_outputs_untouched(cli, tmp_path):
    good = tmp_path / "r.json"
    cli("build", SAMPLES, "--out", good)
    before = good.read_bytes()
    (tmp_path / "r.html").mkdir()
    result = cli("build", SAMPLES, "--out", good, "--out", tmp_path / "r.html")
    assert result.status == 1 and "folder" in result.stderr
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.json"]


def test_outputs_get_ordinary_permissions(cli, tmp_path):
    out = tmp_path / "r.md"
    old_mask = os.umask(0o022)
    try:
        cli("build", SAMPLES, "--out", out)
    finally:
        os.umask(old_mask)
    assert out.stat().st_mode & 0o777 == 0o644


def test_diff_of_two_builds_and_of_two_documents(cli, early_corpus, tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    cli("build", early_corpus, "--out", old)
    cli("build", SAMPLES, "--out", new)
    builds = cli("diff", old, new)
    assert builds.status == 0 and "Documents added" in builds.stdout and "Domestic abuse" in builds.stdout
    documents = cli("diff", SAMPLES / "000_8195b7b72e696d93.txt", SAMPLES / "002_49472d43af5f39f0.txt")
    assert documents.status == 0 and "Across inspections" in documents.stdout
    as_json = tmp_path / "d.json"
    assert cli("diff", old, new, "--out", as_json).status == 0
    assert json.loads(as_json.read_text())["comparison"]["documents_added"]


def test_diff_refuses_a_json_that_is_not_a_build(cli, tmp_path):
    bogus = tmp_path / "x.json"
    bogus.write_text('{"hello": 1}')
    result = cli("diff", bogus, bogus)
    assert result.status == 1 and "not a reportdiff JSON build" in result.stderr


def test_inspect_shows_date_findings_and_noise(cli):
    result = cli("inspect", SAMPLES / "002_49472d43af5f39f0.txt")
    assert result.status == 0
    assert "2025-08-25" in result.stdout and "dropped as noise" in result.stdout
    assert "domestic-abuse:c" in result.stdout
    data = json.loads(cli("inspect", SAMPLES / "002_49472d43af5f39f0.txt", "--json").stdout)
    assert data["document"]["published"] == "2025-08-25"
    assert any(d["reason"] == "unrelated news item" or "notes" in d["reason"] for d in data["dropped"])
    assert all({"theme", "polarity", "speaker", "text"} <= set(f) for f in data["findings"])


def test_themes_json_lists_user_additions(cli, tmp_path):
    extra = tmp_path / "t.toml"
    extra.write_text('[[themes]]\nid = "custody"\nlabel = "Custody"\npatterns = [\'\\\\bcustody\\\\b\']\n')
    data = json.loads(cli("themes", "--taxonomy", extra, "--json").stdout)
    assert data["themes"][-1]["id"] == "custody" and extra.name in data["source"]


def test_verbose_prints_stages_and_a_pipe_gets_no_progress(cli, tmp_path):
    quiet = cli("build", SAMPLES, "--out", tmp_path / "a.json")
    assert "stage:" not in quiet.stderr
    verbose = cli("build", SAMPLES, "--verbose", "--out", tmp_path / "b.json")
    assert "stage: classify" in verbose.stderr


def _build_in_subprocess(out_dir: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
    outs = [arg for ext in ("html", "md", "json", "pdf") for arg in ("--out", str(out_dir / f"r.{ext}"))]
    subprocess.run(
        [sys.executable, "-m", "reportdiff", "build", str(SAMPLES), "-q", *outs],
        check=True,
        env=env,
        timeout=300,
    )


def test_rebuilds_are_byte_identical_across_hash_seeds(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    _build_in_subprocess(first, "1")
    _build_in_subprocess(second, "4242")
    for ext in ("html", "md", "json", "pdf"):
        assert (first / f"r.{ext}").read_bytes() == (second / f"r.{ext}").read_bytes(), ext
    assert json.loads((first / "r.json").read_text())["generator"]["generated"] == "2023-11-14T22:13:20Z"


def test_example_ci_script_builds_a_baseline_then_reports_the_added_document(tmp_path):
    docs, out = tmp_path / "documents", tmp_path / "out"
    docs.mkdir()
    for path in SAMPLES.glob("*.txt"):
        if path.name != LATE[0]:
            shutil.copy(path, docs / path.name)
    env = {
        **os.environ,
        "REPORTDIFF": str(Path(sys.executable).parent / "reportdiff"),
        "SOURCE_DATE_EPOCH": "0",
    }
    script = ROOT / "examples" / "ci-build.sh"
    first = subprocess.run(
        ["bash", str(script), str(docs), str(out), "recurring"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode in (0, 3), first.stderr
    shutil.copy(SAMPLES / LATE[0], docs / LATE[0])
    second = subprocess.run(
        ["bash", str(script), str(docs), str(out), "new"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 3, second.stderr
    assert all((out / f"report.{ext}").exists() for ext in ("json", "html", "pdf", "md"))
    changes = (out / "changes.md").read_text(encoding="utf-8")
    assert "Documents added" in changes and LATE[0][:-4].replace("_", "\\_") in changes
