"""The attack cases of issue 16 as a table: each builds its inputs in a folder and says what the run must
give.

`tests/test_reliability.py` runs every case through `python -m reportdiff` and checks the exit status, exactly
the expected stderr lines, no traceback, the time, the peak memory, that no input changed and that no markup
from a baseline reached any output. Run this file to measure the cases (time and peak memory of the child
process) against any checkout, say the code before a change:

    .venv/bin/python tests/attacks.py [--src OTHER/src] [--timeout 60] [--only WORD]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import craft  # noqa: E402  (a sibling helper, also when this file runs as a script)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "000_8195b7b72e696d93.txt"
SECONDS = 20.0
PEAK_MB = 300.0
HOSTILE = "<img src=x onerror=alert(1)>"
# What must never reach an output, stdout or stderr from a hostile input: raw markup, a terminal escape, a
# NUL.
MARKUP = re.compile(rb"(?<!\\)<img|\x1b|\x00|\x07|\n# heading")


@dataclass
class Attack:
    """One run: the arguments after `reportdiff`, what it must give, and which files it may change."""

    args: list[str | Path]
    status: int
    message: str = ""  # a regular expression the message lines must match (searched)
    lines: int = 1  # stderr lines other than "wrote …"
    env: dict[str, str] = field(default_factory=dict)
    stdout: str | None = None  # a file to send stdout to, such as /dev/full
    outputs: tuple[Path, ...] = ()  # files the run may create or replace
    check: Callable[[Path, Run], None] | None = None  # more assertions, given the folder and the run


@dataclass
class Run:
    """What one run of the command gave."""

    status: int | None  # None: killed at the time limit
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_mb: float

    def messages(self) -> list[str]:
        """The stderr lines other than the "wrote FILE" notes."""
        text = self.stderr.decode("utf-8", "replace")
        return [line for line in text.splitlines() if not line.startswith("wrote ")]


CASES: dict[str, Callable[[Path], Attack]] = {}


def case(name: str) -> Callable[[Callable[[Path], Attack]], Callable[[Path], Attack]]:
    """Register a case under `name` (it starts with the issue's point number)."""

    def register(make: Callable[[Path], Attack]) -> Callable[[Path], Attack]:
        CASES[name] = make
        return make

    return register


def run(attack: Attack, folder: Path, src: Path, timeout: float, memory_limit: int | None = None) -> Run:
    """Run `python -m reportdiff` on `attack` in `folder` with `src` first on the path; the child's own peak
    memory is its own high-water mark, so each case is measured alone."""
    env = {**os.environ, "PYTHONPATH": str(src), **attack.env}
    env.pop("SOURCE_DATE_EPOCH", None)
    out_path, err_path = folder / ".stdout", folder / ".stderr"
    with open(attack.stdout or out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "reportdiff", *map(os.fsencode, attack.args)],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limit(memory_limit),
        )
        status, peak_mb = _wait(child, started + timeout)
        seconds = time.perf_counter() - started
    captured = out_path.read_bytes() if attack.stdout is None else b""
    return Run(status, captured, err_path.read_bytes(), seconds, peak_mb)


def _limit(memory_limit: int | None) -> Callable[[], None] | None:
    if memory_limit is None:
        return None
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))


def _wait(child: subprocess.Popen[bytes], deadline: float) -> tuple[int | None, float]:
    """The child's exit status and peak memory in MB; killed (status None) if it runs past `deadline`.

    Linux carries the parent's peak across fork and exec into the child's ru_maxrss, so a test process that
    has grown would be charged to every child; the child's own high-water mark (VmHWM) is read while it runs,
    and ru_maxrss is only the fallback where /proc is missing."""
    killed = False
    own_peak: float | None = None
    while True:
        own_peak = _high_water_mb(child.pid, own_peak)
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return (None if killed else child.returncode), (
                usage.ru_maxrss / 1024 if own_peak is None else own_peak
            )
        if time.perf_counter() > deadline and not killed:
            os.kill(child.pid, signal.SIGKILL)
            killed = True
        time.sleep(0.01)


def _high_water_mb(pid: int, so_far: float | None) -> float | None:
    """The larger of `so_far` and the process's VmHWM now; `so_far` when it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return so_far
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return max(so_far or 0.0, int(line.split()[1]) / 1024)
    return so_far


def reportdiff(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """Run the command to make an input (such as a report of its own); it must succeed."""
    return subprocess.run(
        [sys.executable, "-m", "reportdiff", *map(os.fsencode, args)], check=True, capture_output=True
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links not followed) and a digest of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".std"):
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def docs(tmp: Path, *extra: tuple[str, bytes], name: str = "docs") -> Path:
    """An input folder with one good dated document, plus `extra` (name, bytes) files."""
    folder = tmp / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(craft.DATED, encoding="utf-8")
    for file_name, data in extra:
        (folder / file_name).write_bytes(data)
    return folder


def out(tmp: Path, name: str) -> Path:
    """A path in the output folder beside the inputs."""
    (tmp / "out").mkdir(exist_ok=True)
    return tmp / "out" / name


def good_build(tmp: Path, extra: bytes = b"") -> Path:
    """A real build's JSON (of the good document, plus a second document if given), written by this
    checkout."""
    from reportdiff.context import build_context
    from reportdiff.pipeline import Settings, run
    from reportdiff.render import render_json
    from reportdiff.taxonomy import load_taxonomy

    folder = tmp / f"build{len(extra)}"
    docs(tmp, *((("second.txt", extra),) if extra else ()), name=folder.name)
    path = tmp / f"{folder.name}.json"
    path.write_bytes(render_json(build_context(run([folder], Settings(load_taxonomy())))))
    return path


# 1. One document can take all the memory.


def _bounded_json(limit: int) -> Callable[[Path, Run], None]:
    def check(tmp: Path, result: Run) -> None:
        built = craft.read_json(out(tmp, "r.json"))
        assert out(tmp, "r.json").stat().st_size < limit, out(tmp, "r.json").stat().st_size
        assert all(len(d["title"]) <= 160 for d in built["documents"])

    return check


@case("1 a one-line text of 100 KB")
def _one_line_100k(tmp: Path) -> Attack:
    folder = docs(tmp, ("one.txt", craft.one_line(100_000)))
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json"), "--out", out(tmp, "r.html")],
        0,
        lines=0,
        outputs=(out(tmp, "r.json"), out(tmp, "r.html")),
        check=_bounded_json(3_000_000),
    )


@case("1 a one-line text of 400 KB")
def _one_line_400k(tmp: Path) -> Attack:
    folder = docs(tmp, ("one.txt", craft.one_line(400_000)))
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        lines=0,
        outputs=(out(tmp, "r.json"),),
        check=_bounded_json(12_000_000),
    )


@case("1 a one-line text of 15 MB")
def _one_line_15m(tmp: Path) -> Attack:
    folder = docs(tmp, ("one.txt", craft.one_line(15_000_000)))
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        r"one\.txt: skipped: .*character",
        outputs=(out(tmp, "r.json"),),
    )


@case("1 an HTML page with a 100 KB title")
def _html_title(tmp: Path) -> Attack:
    title = "Inspection of Northamptonshire Police " * 2700
    findings = "".join(
        f"<p>In case {n} inspectors found that missing child {n} was not safeguarded.</p>" for n in range(300)
    )
    page = f"<html><head><title>{title}</title></head><body><p>{craft.DATED}</p>{findings}</body></html>"
    folder = docs(tmp, ("page.html", page.encode()))
    target = out(tmp, "r.html")

    def check(tmp: Path, result: Run) -> None:
        assert target.stat().st_size < 1_000_000, target.stat().st_size

    return Attack(["build", folder, "--out", target], 0, lines=0, outputs=(target,), check=check)


# 2. Inputs are silently overwritten.


@case("2 --out names an input file")
def _out_is_input(tmp: Path) -> Attack:
    folder = docs(tmp, ("a.md", craft.DATED.replace("April", "March").encode()))
    return Attack(["build", folder, "--out", folder / "a.md"], 1, r"a\.md: .*input")


@case("2 --out names a new document in the input folder")
def _out_into_inputs(tmp: Path) -> Attack:
    folder = docs(tmp)
    return Attack(["build", folder, "--out", folder / "report.html"], 1, r"report\.html: .*input folder")


@case("2 --out replaces its own report in the input folder")
def _out_own_report(tmp: Path) -> Attack:
    folder = docs(tmp)
    target = folder / "report.md"
    target.write_bytes(reportdiff("build", folder).stdout)
    return Attack(
        ["build", folder, "--out", target],
        0,
        r"report\.md: skipped: a report reportdiff wrote",
        outputs=(target,),
    )


@case("2 --css names a text input")
def _css_is_input(tmp: Path) -> Attack:
    folder = docs(tmp)
    return Attack(["build", folder, "--out", out(tmp, "r.html"), "--css", folder / "good.txt"], 1, r"\.css")


@case("2 --css and --out name the same file")
def _css_is_out(tmp: Path) -> Attack:
    target = out(tmp, "x.html")
    return Attack(["build", docs(tmp), "--out", target, "--css", target], 1, r"\.css")


@case("2 the same output named twice")
def _out_twice(tmp: Path) -> Attack:
    target = out(tmp, "r.md")
    return Attack(["build", docs(tmp), "--out", target, "--out", tmp / "out" / "." / "r.md"], 1, "twice")


# 3. One PDF aborts the whole build.


@case("3 a PDF whose text has a lone surrogate")
def _pdf_surrogate(tmp: Path) -> Attack:
    folder = docs(tmp, ("bad.pdf", craft.surrogate_pdf()))
    targets = (out(tmp, "r.json"), out(tmp, "r.html"), out(tmp, "r.md"))

    def check(tmp: Path, result: Run) -> None:
        built = craft.read_json(targets[0])
        assert "bad.pdf" in [d["name"] for d in built["documents"]]

    return Attack(
        ["build", folder, *[a for t in targets for a in ("--out", t)]],
        0,
        lines=0,
        outputs=targets,
        check=check,
    )


# 4. Small inputs, unbounded time.


@case("4 a 69 KB PDF whose 200 pages share a 70 MB stream")
def _pdf_whitespace(tmp: Path) -> Attack:
    folder = docs(tmp, ("bomb.pdf", craft.whitespace_bomb_pdf()))
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        r"bomb\.pdf: skipped: .*content",
        outputs=(out(tmp, "r.json"),),
    )


@case("4 a PDF of 100,000 page references")
def _pdf_pages(tmp: Path) -> Attack:
    folder = docs(tmp, ("pages.pdf", craft.page_references_pdf()))
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        r"pages\.pdf: skipped: .*pages",
        outputs=(out(tmp, "r.json"),),
    )


@case("4 a 2.7 MB document of 20,000 findings")
def _many_findings(tmp: Path) -> Attack:
    folder = docs(tmp, ("many.txt", craft.findings_document(20_000, 135)))
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        r"many\.txt: skipped: .*character",
        outputs=(out(tmp, "r.json"),),
    )


@case("4 a document just under the text budget: 7,000 findings in 0.96 MB")
def _under_budget(tmp: Path) -> Attack:
    folder = docs(tmp, ("many.txt", craft.findings_document(7_000, 135)))
    targets = (out(tmp, "r.json"), out(tmp, "r.html"), out(tmp, "r.md"))

    def check(tmp: Path, result: Run) -> None:
        assert len(craft.read_json(targets[0])["findings"]) >= 7_000

    return Attack(
        ["build", folder, *[a for t in targets for a in ("--out", t)]],
        0,
        lines=0,
        outputs=targets,
        check=check,
    )


def _long_token(tmp: Path, size: int) -> Attack:
    text = craft.DATED + f"Inspectors found that missing children were at risk: {'x' * size}.\n"
    folder = docs(tmp, ("token.txt", text.encode()))
    return Attack(["build", folder, "--out", out(tmp, "r.pdf")], 0, lines=0, outputs=(out(tmp, "r.pdf"),))


@case("4 a 20,000-character token in the PDF")
def _token_20k(tmp: Path) -> Attack:
    return _long_token(tmp, 20_000)


@case("4 a 200,000-character token in the PDF")
def _token_200k(tmp: Path) -> Attack:
    return _long_token(tmp, 200_000)


# 5. A hostile --baseline (or diff input) injects into Markdown, HTML and JSON.


def _hostile_baseline(tmp: Path, **theme: object) -> Path:
    path = good_build(tmp)
    built = craft.read_json(path)
    built["themes"][0].update(theme)
    hostile = tmp / "hostile.json"
    hostile.write_text(json.dumps(built), encoding="utf-8")
    return hostile


def _all_outputs(tmp: Path) -> list[Path]:
    return [out(tmp, name) for name in ("r.md", "r.html", "r.json")]


def _build_with(tmp: Path, baseline: Path, status: int, message: str = "", lines: int = 1) -> Attack:
    targets = _all_outputs(tmp)
    return Attack(
        [
            "build",
            docs(tmp),
            "--baseline",
            baseline,
            "--fail-on",
            "verdict-changed",
            *[a for t in targets for a in ("--out", t)],
        ],
        status,
        message,
        lines,
        outputs=tuple(targets),
    )


@case("5 a baseline verdict of markup, a line break and a terminal escape")
def _baseline_verdict(tmp: Path) -> Attack:
    return _build_with(
        tmp, _hostile_baseline(tmp, verdict=f"{HOSTILE}\n# heading\x1b]0;pwned\x07"), 1, "verdict"
    )


@case("5 a baseline NaN verdict")
def _baseline_nan(tmp: Path) -> Attack:
    path = good_build(tmp)
    text = path.read_text(encoding="utf-8")
    verdict = json.dumps(craft.read_json(path)["themes"][0]["verdict"])
    path.write_text(text.replace(f'"verdict": {verdict}', '"verdict": NaN', 1), encoding="utf-8")
    return _build_with(tmp, path, 1, "NaN")


@case("5 baseline labels and ids of markup, control and bidi characters")
def _baseline_labels(tmp: Path) -> Attack:
    hostile = _hostile_baseline(
        tmp, label=f"{HOSTILE}\n# heading \x1b]0;pwned\x07 \u202eevil", verdict="strength"
    )
    return _build_with(tmp, hostile, 3, "verdict changed")


@case("5 diff of a hostile build")
def _diff_hostile(tmp: Path) -> Attack:
    hostile = _hostile_baseline(tmp, verdict=HOSTILE)
    return Attack(["diff", hostile, good_build(tmp)], 1, "verdict")


@case("5 diff of a build with hostile labels")
def _diff_labels(tmp: Path) -> Attack:
    hostile = _hostile_baseline(tmp, label=f"{HOSTILE}\n# heading\x1b]0;pwned\x07", verdict="strength")
    return Attack(
        ["diff", hostile, good_build(tmp), "--out", out(tmp, "c.html"), "--out", out(tmp, "c.md")],
        0,
        lines=0,
        outputs=(out(tmp, "c.html"), out(tmp, "c.md")),
    )


# 6. Tracebacks instead of one line.


def _shape_case(name: str) -> Callable[[Path], Attack]:
    def make(tmp: Path) -> Attack:
        good = good_build(tmp)
        shape = tmp / "shape.json"
        shape.write_bytes(craft.build_shapes(craft.read_json(good))[name])
        return Attack(["diff", shape, good], 1, r"shape\.json")

    return make


def _register_shapes() -> None:
    # The names are fixed; the bytes are made from a real build when a case runs.
    for name in craft.SHAPE_NAMES:
        case(f"6 a baseline that is {name}")(_shape_case(name))


_register_shapes()


@case("6 a folder name that is not UTF-8")
def _folder_not_utf8(tmp: Path) -> Attack:
    folder = docs(tmp, name=os.fsdecode(b"docs\xff"))
    return Attack(["build", folder, "--out", out(tmp, "r.json")], 0, lines=0, outputs=(out(tmp, "r.json"),))


@case("6 a baseline name that is not UTF-8")
def _baseline_not_utf8(tmp: Path) -> Attack:
    baseline = tmp / os.fsdecode(b"base\xff.json")
    baseline.write_bytes(good_build(tmp).read_bytes())
    return Attack(
        ["build", docs(tmp), "--baseline", baseline, "--out", out(tmp, "r.md")],
        0,
        lines=0,
        outputs=(out(tmp, "r.md"),),
    )


@case("6 a missing baseline whose name is not UTF-8")
def _missing_not_utf8(tmp: Path) -> Attack:
    return Attack(["build", docs(tmp), "--baseline", tmp / os.fsdecode(b"gone\xff.json")], 1, "gone")


@case("6 a manifest of TOML nested 100,000 deep")
def _manifest_nested(tmp: Path) -> Attack:
    folder = docs(tmp, ("reportdiff.toml", craft.nested_toml(100_000).encode()))
    return Attack(["build", folder], 1, r"reportdiff\.toml: .*nest")


@case("6 a taxonomy of TOML nested 100,000 deep")
def _taxonomy_nested(tmp: Path) -> Attack:
    taxonomy = tmp / "deep.toml"
    taxonomy.write_text(craft.nested_toml(100_000), encoding="utf-8")
    return Attack(["build", docs(tmp), "--taxonomy", taxonomy], 1, r"deep\.toml: .*nest")


@case("6 --max-bytes 30000000000")
def _max_bytes_huge(tmp: Path) -> Attack:
    return Attack(["build", docs(tmp), "--max-bytes", "30000000000"], 0, lines=0)


@case("6 --max-bytes 9223372036854775807")
def _max_bytes_max(tmp: Path) -> Attack:
    return Attack(["build", docs(tmp), "--max-bytes", "9223372036854775807"], 0, lines=0)


@case("6 Markdown to a full disk on stdout")
def _dev_full(tmp: Path) -> Attack:
    return Attack(["build", docs(tmp)], 1, "standard output: No space left", stdout="/dev/full")


@case("6 PYTHONIOENCODING=latin-1, an error naming a file outside Latin-1")
def _latin1_error(tmp: Path) -> Attack:
    return Attack(
        ["build", docs(tmp), "--baseline", tmp / "\u20ac.json"],
        1,
        r"\\u20ac\.json",
        env={"PYTHONIOENCODING": "latin-1"},
    )


@case("6 PYTHONIOENCODING=latin-1, Markdown to stdout")
def _latin1_stdout(tmp: Path) -> Attack:
    text = craft.DATED.replace("missing children", "missing children (\u0141\u00f3d\u017a, \u20ac5)")
    folder = docs(tmp, ("\u0142\u00f3d\u017a.txt", text.encode()))

    def check(tmp: Path, result: Run) -> None:
        assert "File `\u0142\u00f3d\u017a.txt`".encode() in result.stdout  # as UTF-8, like a Markdown file

    return Attack(["build", folder], 0, lines=0, env={"PYTHONIOENCODING": "latin-1"}, check=check)


# 7. Not all-or-nothing when a rename fails.


@case("7 diff --out ok.md --out bad.txt")
def _diff_bad_out(tmp: Path) -> Attack:
    good = good_build(tmp)
    out(tmp, "ok.md").write_text("previous\n", encoding="utf-8")
    return Attack(
        ["diff", good, good, "--out", out(tmp, "ok.md"), "--out", out(tmp, "bad.txt")],
        1,
        r"bad\.txt: unknown output format",
    )


# 8. Own report read back.


@case("8 its own report with a long organisation name, back in the input folder")
def _own_report_long(tmp: Path) -> Attack:
    name = "Northamptonshire" + "x" * 6000
    folder = docs(tmp, ("long.txt", craft.DATED.replace("Northamptonshire", name).encode()))
    (folder / "good.txt").unlink()
    report = tmp / "report.html"
    reportdiff("build", folder, "--out", report)
    shutil.copy(report, folder / "report.html")
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        r"report\.html: skipped: a report reportdiff",
        outputs=(out(tmp, "r.json"),),
    )


# 10. diff drops a bad document silently.


@case("10 diff of a good and a binary document")
def _diff_binary(tmp: Path) -> Attack:
    folder = docs(tmp, ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    return Attack(["diff", folder / "good.txt", folder / "binary.txt"], 1, r"binary\.txt: .*binary")


# 11. Bidi controls run on into the tool's own sentences.


@case("11 bidi controls in a finding")
def _bidi(tmp: Path) -> Attack:
    text = craft.DATED.replace("missing children", "missing \u202echildren \u2066isolated")
    folder = docs(tmp, ("bidi.txt", text.encode()))
    (folder / "good.txt").unlink()
    targets = (out(tmp, "r.html"), out(tmp, "r.md"))

    def check(tmp: Path, result: Run) -> None:
        html = targets[0].read_text(encoding="utf-8")
        assert re.search("<bdi>[^<]*\u202e[^<]*</bdi>", html), "no <bdi> around the bidi controls"
        for line in targets[1].read_text(encoding="utf-8").splitlines():
            assert line.count("\u202e") <= line.count("\u202c") and line.count("\u2066") <= line.count(
                "\u2069"
            ), line

    return Attack(
        ["build", folder, "--out", targets[0], "--out", targets[1]], 0, lines=0, outputs=targets, check=check
    )


# 12. Taxonomy regexes have no time bound.


@case("12 a taxonomy pattern with nested quantifiers")
def _redos(tmp: Path) -> Attack:
    taxonomy = tmp / "slow.toml"
    taxonomy.write_text("[[themes]]\nid = \"slow\"\npatterns = ['(a+)+$']\n", encoding="utf-8")
    folder = docs(
        tmp,
        (
            "a.txt",
            (
                craft.DATED + "\nInspectors found that missing children were at risk: " + "a" * 28 + "!\n"
            ).encode(),
        ),
    )
    return Attack(["build", folder, "--taxonomy", taxonomy], 1, r"slow\.toml: .*nested")


# 13. A FIFO among the inputs.


@case("13 a FIFO named on the command line")
def _fifo(tmp: Path) -> Attack:
    folder = docs(tmp)
    os.mkfifo(folder / "pipe.txt")
    return Attack(
        ["build", folder / "good.txt", folder / "pipe.txt", "--out", out(tmp, "r.json")],
        0,
        r"pipe\.txt: skipped: not a regular file",
        outputs=(out(tmp, "r.json"),),
    )


# 14. A file named on the command line and its manifest.


def _undated(tmp: Path) -> Path:
    folder = docs(
        tmp, ("undated.txt", b"Inspectors found that missing children were not always safeguarded.\n")
    )
    (folder / "reportdiff.toml").write_text(
        '[documents."undated.txt"]\ndate = "2021-03-04"\n', encoding="utf-8"
    )
    return folder / "undated.txt"


@case("14 a file named on the command line uses the manifest beside it")
def _named_file_manifest(tmp: Path) -> Attack:
    return Attack(
        ["build", _undated(tmp), "--out", out(tmp, "r.json")], 0, lines=0, outputs=(out(tmp, "r.json"),)
    )


@case("14 inspect uses the manifest beside the file")
def _inspect_manifest(tmp: Path) -> Attack:
    return Attack(["inspect", _undated(tmp)], 0, lines=0)


# 15. Output names.


@case("15 a 250-character output name")
def _long_name(tmp: Path) -> Attack:
    target = out(tmp, "r" * 247 + ".md")
    return Attack(["build", docs(tmp), "--out", target], 0, lines=0, outputs=(target,))


# 16. Untrusted strings cleaned at the boundary.


@case("16 a manifest title with ESC, NUL, BEL and RLO")
def _manifest_title(tmp: Path) -> Attack:
    folder = docs(tmp)
    (folder / "reportdiff.toml").write_text(
        '[documents."good.txt"]\ntitle = "T \\u001b]0;pwned\\u0007 \\u0000 \\u202eevil"\n', encoding="utf-8"
    )
    targets = (out(tmp, "r.html"), out(tmp, "r.md"), out(tmp, "r.json"))
    return Attack(["build", folder, *[a for t in targets for a in ("--out", t)]], 0, lines=0, outputs=targets)


@case("16 an error message naming a file with an OSC sequence")
def _osc_name(tmp: Path) -> Attack:
    return Attack(["build", docs(tmp), "--taxonomy", tmp / "x\x1b]0;pwned\x07.toml"], 1, r"x\\x1b")


# 17. Locales and links.


@case("17 non-ASCII file names under LC_ALL=C PYTHONUTF8=0")
def _c_locale(tmp: Path) -> Attack:
    folder = docs(tmp, ("caf\u00e9.txt", craft.DATED.replace("April", "March").encode()))
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        lines=0,
        outputs=(out(tmp, "r.json"),),
        env={"LC_ALL": "C", "PYTHONUTF8": "0"},
    )


def _dated_by_manifest(target: Path, name: str) -> Callable[[Path, Run], None]:
    def check(tmp: Path, result: Run) -> None:
        documents = {d["name"]: d for d in craft.read_json(target)["documents"]}
        assert documents[name]["published"] == "2021-03-04" and name in documents[name]["path"]

    return check


def _manifest_dates(folder: Path, name: str) -> None:
    (folder / name).write_bytes(b"Inspectors found that missing children were not always safeguarded.\n")
    (folder / "reportdiff.toml").write_text(f'[documents."{name}"]\ndate = "2021-03-04"\n', encoding="utf-8")


@case("17 a non-ASCII file name and a manifest under LC_ALL=C PYTHONUTF8=0")
def _c_locale_manifest(tmp: Path) -> Attack:
    folder = docs(tmp)
    _manifest_dates(folder, "caf\u00e9.txt")
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        lines=0,
        outputs=(out(tmp, "r.json"),),
        env={"LC_ALL": "C", "PYTHONUTF8": "0"},
        check=_dated_by_manifest(out(tmp, "r.json"), "caf\u00e9.txt"),
    )


@case("6 a folder name that is not UTF-8, with a manifest")
def _folder_not_utf8_manifest(tmp: Path) -> Attack:
    folder = docs(tmp, name=os.fsdecode(b"docs\xff"))
    _manifest_dates(folder, "undated.txt")
    return Attack(
        ["build", folder, "--out", out(tmp, "r.json")],
        0,
        lines=0,
        outputs=(out(tmp, "r.json"),),
        check=_dated_by_manifest(out(tmp, "r.json"), "undated.txt"),
    )


@case("17 a symbolic link as --out")
def _symlinked_out(tmp: Path) -> Attack:
    target = out(tmp, "target.md")
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o755)
    link = out(tmp, "r.md")
    link.symlink_to(target)

    def check(tmp: Path, result: Run) -> None:
        mask = os.umask(0o022)
        os.umask(mask)
        assert not link.is_symlink() and stat.S_IMODE(link.stat().st_mode) == 0o666 & ~mask
        assert target.read_text(encoding="utf-8") == "old\n"

    return Attack(["build", docs(tmp), "--out", link], 0, lines=0, outputs=(link,), check=check)


def verify(attack: Attack, tmp: Path, before: dict[str, str], result: Run) -> list[str]:
    """Every way `result` falls short of `attack`, as sentences (none: it passed)."""
    problems = []
    messages = result.messages()
    text = result.stderr.decode("utf-8", "replace")
    if result.status != attack.status:
        problems.append(f"exit status {result.status}, expected {attack.status}")
    if len(messages) != attack.lines or (
        attack.message and not all(re.search(attack.message, m) for m in messages)
    ):
        problems.append(f"stderr lines {messages!r}, expected {attack.lines} matching {attack.message!r}")
    if "Traceback" in text or "Exception ignored" in text:
        problems.append("a traceback on stderr")
    if result.seconds > SECONDS or result.peak_mb > PEAK_MB:
        problems.append(
            f"{result.seconds:.1f} s and {result.peak_mb:.0f} MB, over {SECONDS} s or {PEAK_MB} MB"
        )
    allowed = {str(p) for p in attack.outputs}
    after = snapshot(tmp)
    changed = [p for p, digest in before.items() if after.get(p) != digest and p not in allowed]
    if changed:
        problems.append(f"inputs changed: {changed}")
    marked = [p for p in [*after, "stdout", "stderr"] if _has_markup(p, result)]
    if marked:
        problems.append(f"hostile markup or control characters in {marked}")
    if attack.check is not None and not problems:
        try:
            attack.check(tmp, result)
        except (AssertionError, OSError, ValueError) as exc:
            problems.append(f"check failed: {exc}")
    return problems


def _has_markup(name: str, result: Run) -> bool:
    if name in ("stdout", "stderr"):
        return bool(MARKUP.search(result.stdout if name == "stdout" else result.stderr))
    path = Path(name)
    return path.suffix in (".md", ".html") and "out" in path.parts and bool(MARKUP.search(path.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    """Run every case (or those matching --only) and print the table of status, time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory", type=int, default=4096, help="address-space limit of each run, in MB")
    parser.add_argument("--only", default="")
    args = parser.parse_args(argv)
    os.environ["PYTHONPATH"] = str(
        args.src
    )  # the inputs a case makes with reportdiff come from the same code
    print("| case | status | s | peak MB | stderr lines | problems |\n|---|---|---|---|---|---|")
    for name, make in CASES.items():
        if args.only not in name:
            continue
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            attack = make(tmp)
            before = snapshot(tmp)
            result = run(attack, tmp, args.src, args.timeout, args.memory * 1024 * 1024)
            problems = verify(attack, tmp, before, result)
            status = "killed" if result.status is None else result.status
            print(
                f"| {name} | {status} | {result.seconds:.1f} | {result.peak_mb:.0f} | "
                f"{len(result.messages())} | {'; '.join(problems)[:160] or 'ok'} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
