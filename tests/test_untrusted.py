"""Untrusted input end to end: each bad file is skipped with one line, the good ones still build;
properties."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.context import build_context
from reportdiff.errors import ReportdiffError
from reportdiff.ingest import display_path, read_document
from reportdiff.pipeline import Settings, run
from reportdiff.render import render_html, render_json
from reportdiff.segment import segment_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "000_8195b7b72e696d93.txt"
GOOD_NAME = "a_good.txt"
GOOD_FINDING = "the force was not yet effectively managing risk"
UNDATED = "Inspectors found that missing children were not always safeguarded.\n"
DATED = (
    "Inspection of Northamptonshire Police\n\nPublished on: 12 May 2022\n\n"
    "In April 2022 we inspected Northamptonshire Police. Inspectors found that the force\u2019s "
    "\u201cmissing children\u201d work, which cost \u00a35,000, was still inadequate.\n"
)
DATED_FINDING = (
    "Inspectors found that the force\u2019s \u201cmissing children\u201d work, which cost \u00a35,000, "
    "was still inadequate."
)


def _symlink_out(folder: Path, name: str) -> None:
    outside = folder.parent / "outside-secret.txt"
    outside.write_text("Published on: 1 May 2020. Inspectors found the private key was inadequate.\n")
    (folder / name).symlink_to(outside)


RENAME = "the file name has control or invisible characters, or is not UTF-8; rename the file"


def _write(data: bytes):
    return lambda folder, name: (folder / name).write_bytes(data)


# (file name, how to make it, the reason printed, extra options)
BAD_FILES = {
    "binary": (
        "image.txt",
        _write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        "binary file (contains NUL bytes)",
        (),
    ),
    "NUL bytes": ("nul.md", _write(b"Some words\x00and more"), "binary file (contains NUL bytes)", ()),
    "control characters": (
        "controls.txt",
        _write(bytes(range(1, 9)) * 50),
        "binary file (mostly control characters)",
        (),
    ),
    "empty": ("empty.md", _write(b""), "empty document", ()),
    "whitespace only": ("blank.txt", _write(b"  \r\n\n\t  \n"), "empty document", ()),
    "html with no text": (
        "chrome.html",
        _write(b"<script>alert(1)</script><nav>menu</nav><!-- c -->"),
        "no text in the document",
        (),
    ),
    "over the size limit": (
        "large.txt",
        _write(b"word " * 2000),
        "file is 10,000 bytes, over the 9,000-byte limit",
        ("--max-bytes", "9000"),
    ),
    "symlink out of the folder": ("link.txt", _symlink_out, "symbolic link to ", ()),
    "duplicate": (
        "z_copy.txt",
        lambda folder, name: shutil.copy(SAMPLE, folder / name),
        "same content as ",
        (),
    ),
    "file name not UTF-8": (os.fsdecode(b"r\xe9sum\xe9.txt"), _write(DATED.encode()), RENAME, ()),
    "file name with a line break": ("two\nlines.txt", _write(DATED.encode()), RENAME, ()),
    "excluded by the manifest": ("notes.txt", _write(DATED.encode()), "excluded by the manifest", ()),
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """An input folder holding one good document (a sample) and a manifest excluding notes.txt."""
    target = tmp_path / "docs"
    target.mkdir()
    shutil.copy(SAMPLE, target / GOOD_NAME)
    (target / "reportdiff.toml").write_text('[documents."notes.txt"]\nexclude = true\n')
    return target


def _report(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_skipped_with_one_line_and_the_good_one_still_builds(folder, cli, case):
    name, make, reason, options = BAD_FILES[case]
    make(folder, name)
    out = folder.parent / "report.json"
    result = cli("build", folder, "--out", out, *options)
    assert result.status == 0, result.stderr
    shown = display_path(folder / name)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and warnings[0].startswith(f"warning: {shown}: skipped: {reason}"), (
        result.stderr
    )
    report = _report(out)
    assert [d["name"] for d in report["documents"]] == [GOOD_NAME]
    assert any(GOOD_FINDING in f["text"] for f in report["findings"])
    assert [s["path"] for s in report["skipped"]] == [shown]


@pytest.mark.parametrize("case", ["binary", "duplicate"])
def test_strict_fails_the_run_with_status_4_when_a_file_is_skipped(folder, cli, case):
    name, make, reason, options = BAD_FILES[case]
    make(folder, name)
    out = folder.parent / "report.json"
    result = cli("build", folder, "--out", out, "--strict", *options)
    assert result.status == 4
    assert "skipped: " + reason in result.stderr and "--strict" in result.stderr
    assert out.exists()  # every output is still written


def test_an_undated_document_is_kept_not_skipped_and_its_missing_date_is_said(folder, cli):
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    out = folder.parent / "report.json"
    result = cli("build", folder, "--out", out, "--strict")
    assert result.status == 0, result.stderr
    undated = next(d for d in _report(out)["documents"] if d["name"] == "undated.txt")
    assert (undated["published"] is None or undated["date_inferred"]) and not _report(out)["skipped"]


def test_strict_passes_when_nothing_is_skipped(tmp_path, cli):
    shutil.copy(SAMPLE, tmp_path / GOOD_NAME)
    assert cli("build", tmp_path, "--out", tmp_path / "r.json", "--strict").status == 0


@pytest.mark.parametrize(
    "files, message",
    [
        ({}, "no readable document (no "),
        ({"empty.txt": b"", "image.html": b"\x00\x01"}, "no readable document ("),
    ],
)
def test_a_folder_with_no_readable_document_is_an_error(tmp_path, cli, files, message):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = cli("build", tmp_path, "--out", tmp_path / "r.json")
    assert result.status == 1
    error = [line for line in result.stderr.splitlines() if line.startswith("reportdiff: error: ")]
    assert len(error) == 1 and error[0].startswith(f"reportdiff: error: {tmp_path}: ") and message in error[0]
    assert "Traceback" not in result.stderr and not (tmp_path / "r.json").exists()


ENCODED = {
    "utf-8": DATED.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + DATED.encode("utf-8"),
    "utf-16 with BOM": DATED.encode("utf-16"),
    "utf-16 BE with BOM": codecs.BOM_UTF16_BE + DATED.encode("utf-16-be"),
    "windows-1252": DATED.encode("cp1252"),
    "CRLF line ends": DATED.replace("\n", "\r\n").encode("utf-8"),
    "CR line ends": DATED.replace("\n", "\r").encode("cp1252"),
    "invisible characters": DATED.replace("missing", "miss\u00adi\u200bng")
    .replace("was still", "was\u00a0still")
    .encode("utf-8"),
}


@pytest.mark.parametrize("case", ENCODED, ids=list(ENCODED))
def test_every_encoding_gives_the_same_finding_on_the_same_line(tmp_path, cli, case):
    (tmp_path / "doc.txt").write_bytes(ENCODED[case])
    result = cli("build", tmp_path, "--out", tmp_path / "r.json", "--strict")
    assert result.status == 0, result.stderr
    findings = [(f["text"], f["sources"][0]["line_start"]) for f in _report(tmp_path / "r.json")["findings"]]
    assert (DATED_FINDING, 5) in findings


def test_latin1_text_keeps_its_accents_and_pound_sign(tmp_path, cli):
    text = (
        DATED.replace("\u2019", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("force", "forc\u00e9")
    )
    (tmp_path / "doc.txt").write_bytes(text.encode("latin-1"))
    assert cli("build", tmp_path, "--out", tmp_path / "r.json").status == 0
    assert any(
        'forc\u00e9\'s "missing children" work, which cost \u00a35,000' in f["text"]
        for f in _report(tmp_path / "r.json")["findings"]
    )


def test_documents_of_the_same_date_are_ordered_by_name_then_content(tmp_path, cli):
    first, second = tmp_path / "one", tmp_path / "two"
    for folder, extra in ((first, "Inspectors found backlogs."), (second, "Inspectors found delays.")):
        folder.mkdir()
        (folder / "report.txt").write_text(DATED + extra + "\n")
        (folder / "b.txt").write_text(DATED.replace("cost", "had cost") + extra + "\n")
    outputs = []
    for order in ((first, second), (second, first)):
        assert cli("build", *order, "--out", tmp_path / "r.json").status == 0
        outputs.append((tmp_path / "r.json").read_bytes())
    assert outputs[0] == outputs[1]
    documents = _report(tmp_path / "r.json")["documents"]
    names = [d["name"] for d in documents]
    assert names == ["b.txt", "b.txt", "report.txt", "report.txt"]
    pairs = [(d["name"], d["sha256"]) for d in documents]
    assert pairs == sorted(pairs)


def test_the_same_document_twice_counts_once(tmp_path, cli):
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    shutil.copy(SAMPLE, tmp_path / "b.txt")
    result = cli("build", tmp_path, tmp_path / "a.txt", "--out", tmp_path / "r.json")
    assert result.status == 0
    assert result.stderr.count("warning: ") == 1
    assert (
        f"warning: {tmp_path / 'b.txt'}: skipped: same content as {tmp_path / 'a.txt'} (counted once)"
        in result.stderr
    )
    assert [d["name"] for d in _report(tmp_path / "r.json")["documents"]] == ["a.txt"]


# Property tests. Text is built from pieces that exercise sentence ends, quotes, lists, headings and markup,
# mixed with arbitrary Unicode.
PIECES = st.one_of(
    st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyz ABCIMNPSTX0123456789.,;:!?'\"()[]<>/&#*-_`{}%\\\n\t")
        + [
            "\u201c",
            "\u201d",
            "\u2019",
            "\u2022",
            "\u00a3",
            "\u00a0",
            "\u00ad",
            "\u200b",
            "\r",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "{{ 7*7 }}",
            "{% x %}",
            "javascript:",
            " said: ",
            "Inspectors found ",
            " Police",
            "# ",
            "\n- ",
            "Mr. ",
            "&lt;",
            "<!--",
        ]
    ),
    st.text(max_size=3),
)
TEXTS = st.lists(PIECES, max_size=80).map("".join)
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(text=TEXTS, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_text_goes_through_ingest_and_segment_raising_only_project_errors(
    tmp_path_factory, taxonomy, text, suffix
):
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        document = read_document(path, taxonomy)
    except ReportdiffError:
        return
    segmentation = segment_document(document, taxonomy, document.subject)
    lines = {line.number for line in document.lines}
    assert all(s.line_start in lines and s.line_end >= s.line_start for s in segmentation.segments)


@FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_go_through_ingest_and_segment_raising_only_project_errors(
    tmp_path_factory, taxonomy, data, suffix
):
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(data)
    try:
        document = read_document(path, taxonomy)
    except ReportdiffError:
        return
    segment_document(document, taxonomy, document.subject)


def _build(folder: Path, phrases: list[str], taxonomy) -> dict:
    """The report context of one document whose findings carry `phrases`; an input refused as a whole (say, as
    binary) gives the empty context, which has nothing to check."""
    lines = [f"Inspectors found that missing children {phrase} remained a concern." for phrase in phrases]
    (folder / "doc.txt").write_text(
        "Published on: 12 May 2022\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8"
    )
    try:
        return build_context(run([folder], Settings(taxonomy)))
    except ReportdiffError:
        return {}


PHRASES = st.lists(st.lists(PIECES, min_size=1, max_size=12).map("".join), min_size=1, max_size=4)


@FUZZ
@given(phrases=PHRASES)
def test_the_json_output_keeps_every_finding_text_exactly(tmp_path_factory, taxonomy, phrases):
    folder = tmp_path_factory.mktemp("json")
    context = _build(folder, phrases, taxonomy)
    if not context:
        return
    loaded = json.loads(render_json(context).decode("utf-8"))
    assert [f["text"] for f in loaded["findings"]] == [f["text"] for f in context["findings"]]
    assert loaded == json.loads(json.dumps(context))


class _Structure(HTMLParser):
    """The element and attribute names of a page, in order: what the markup is, apart from its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        self.shape.append((tag, tuple(name for name, _ in attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def _shape(html: bytes) -> list[tuple[str, tuple[str, ...]]]:
    parser = _Structure()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser.shape


@FUZZ
@given(phrases=PHRASES)
def test_rendered_html_has_no_markup_from_the_input(tmp_path_factory, taxonomy, phrases):
    # The same report with every '<' in the text swapped for a harmless character must have the same markup:
    # if any '<' from the input reached the page unescaped, it would have made an element here and not there.
    hostile = _build(tmp_path_factory.mktemp("html"), phrases, taxonomy)
    inert = _build(tmp_path_factory.mktemp("html"), [p.replace("<", "\u2039") for p in phrases], taxonomy)
    if not hostile or not inert:
        return
    for fragment in (False, True):
        page = render_html(hostile, fragment=fragment, id_prefix="rd-")
        assert _shape(page) == _shape(render_html(inert, fragment=fragment, id_prefix="rd-"))
        text = page.decode("utf-8")
        for finding in hostile["findings"]:
            assert "<" not in finding["text"] or finding["text"] not in text


def _long_lines(n: int) -> list[str]:
    """Lines of about `n` characters, each of a shape that made some pattern or comparison take quadratic
    time."""
    return [
        "A. " * (n // 3),
        "# a" + "#" * n + "b",
        "published" + " " * n + "x 12 March 2020",
        "release" + " " * n + "x",
        "#" + " " * n + "x",
        "x" * n,
        "A-" * (n // 2),
        "[" * n,
        "[a](" * (n // 4),
        "." * n,
        "a, " * (n // 3),
        "Aa " * (n // 3),
        "the force was " * (n // 14),
    ]


def test_very_long_hostile_lines_do_not_hang_the_build(tmp_path):
    # A guard against quadratic patterns (it once took minutes), not a timing: the limit is generous.
    lines = [
        "Published on: 3 March 2020",
        "In April 2019 inspectors found that missing children were not safe.",
    ]
    (tmp_path / "long.txt").write_text("\n\n".join(lines + _long_lines(30_000)) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "reportdiff", "build", str(tmp_path), "--out", str(tmp_path / "r.json")]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("a 30,000-character hostile line took more than two minutes: something is quadratic")
    assert result.returncode == 0, result.stderr
