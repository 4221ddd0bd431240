"""Ingest on untrusted files: encodings, normalisation, what is refused and why, HTML text, and linear
time."""

from __future__ import annotations

import codecs
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.errors import InputError, ReportdiffError
from reportdiff.htmltext import extract_html, tokenize
from reportdiff.ingest import (
    TEXT_SUFFIXES,
    check_path,
    collect_files,
    decode_text,
    display_path,
    ingest,
    read_bytes,
    read_document,
)
from reportdiff.text import clean_text, markdown_heading, organisation_names, organisation_pattern

TEXT = "Inspectors said the force\u2019s \u201cwork\u201d cost \u00a35 and was na\u00efve.\nSecond line.\n"
EXPECTED = (
    "Inspectors said the force\u2019s \u201cwork\u201d cost \u00a35 and was na\u00efve.\nSecond line.\n"
)
LATIN1_TEXT = "The caf\u00e9 cost \u00a35, said the r\u00e9sum\u00e9.\n"

ENCODINGS = [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf-32 with BOM", TEXT.encode("utf-32")),
    ("windows-1252", TEXT.encode("cp1252")),
]


@pytest.mark.parametrize("label, data", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_each_encoding_decodes_to_the_same_text(label, data):
    assert decode_text(data, "doc.txt") == EXPECTED


def test_latin1_decodes_accents_and_pound():
    assert decode_text(LATIN1_TEXT.encode("latin-1"), "doc.txt") == LATIN1_TEXT


@pytest.mark.parametrize(
    "raw", ["one\r\ntwo\r\nthree", "one\rtwo\rthree", "one\r\ntwo\nthree", "one\ntwo\rthree"]
)
def test_mixed_line_endings_become_line_feeds_keeping_line_count(raw):
    assert decode_text(raw.encode(), "doc.txt") == "one\ntwo\nthree"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("missing\u00a0children", "missing children"),
        ("inade\u00adquate", "inadequate"),
        ("risk\u200b assess\u200cment\u200d", "risk assessment"),
        ("\ufeffword\u2060s", "words"),
        ("narrow\u202fspace and\u3000ideographic", "narrow space and ideographic"),
        ("tab\there\fform\vfeed", "tab here form feed"),
        ("line\u2028separator\u2029para\x85nel", "line separator para nel"),
        ("bell\x07 and escape\x1b[31m", "bell and escape[31m"),
        ("cafe\u0301", "caf\u00e9"),
    ],
)
def test_clean_text_normalises_spaces_and_drops_invisible_characters(raw, clean):
    assert clean_text(raw) == clean


NOT_DOCUMENTS = [
    ("empty", b"", "empty document"),
    ("whitespace only", b" \n\t\r\n  ", "empty document"),
    ("whitespace only after a BOM", codecs.BOM_UTF8 + b"  \n", "empty document (whitespace only)"),
    ("utf-16 whitespace only", " \n ".encode("utf-16"), "empty document (whitespace only)"),
    ("NUL bytes", b"Some text\x00with a NUL", "binary file (contains NUL bytes)"),
    ("PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    ("control characters", bytes(range(1, 9)) * 40 + b"text", "binary file (mostly control characters)"),
    (
        "truncated utf-16",
        codecs.BOM_UTF16_LE + b"a\x00b",
        "not valid UTF-16 text at byte 4, though it starts with a UTF-16 byte-order mark",
    ),
    (
        "bad utf-8 after a BOM",
        codecs.BOM_UTF8 + "caf\u00e9".encode("cp1252"),
        "not valid UTF-8 text at byte 6, though it starts with a UTF-8 byte-order mark",
    ),
]


@pytest.mark.parametrize("label, data, problem", NOT_DOCUMENTS, ids=[c[0] for c in NOT_DOCUMENTS])
def test_what_is_not_a_document_is_refused_with_the_reason(label, data, problem):
    with pytest.raises(InputError) as caught:
        decode_text(data, "bad.txt")
    assert caught.value.problem.startswith(problem)
    assert str(caught.value).startswith("bad.txt: ")


def test_a_file_over_the_limit_is_refused_naming_both_sizes(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match=r"file is 101 bytes, over the 100-byte limit \(see --max-bytes\)"):
        read_bytes(big, 100)
    assert read_bytes(big, 101) == b"x" * 101


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_bytes(fifo, 1000)


def test_an_unsupported_suffix_is_refused_before_reading(tmp_path, taxonomy):
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="unsupported file type '.docx'"):
        read_document(other, taxonomy)


def test_folders_skip_hidden_files_and_list_each_file_once(tmp_path):
    for name in ("b.txt", "a.md", "._a.md", ".hidden.txt", "image.png"):
        (tmp_path / name).write_text("text")
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    found = collect_files([tmp_path, tmp_path / "b.txt"])
    assert [p.name for p in found] == ["a.md", "b.txt"]


def test_a_symlink_out_of_its_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private key")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "real.txt")
    (folder / "real.txt").write_text("x")
    with pytest.raises(InputError, match="symbolic link to .*secret.txt, outside its folder"):
        check_path(folder / "report.txt")
    check_path(folder / "inside.txt")


@pytest.mark.parametrize(
    "name, shown",
    [
        ("line\nbreak.txt", "line\\nbreak.txt"),
        ("escape\x1b[31m.txt", "escape\\x1b[31m.txt"),
        ("right-to-left\u202egnp.txt", "right-to-left\\u202egnp.txt"),
        (os.fsdecode(b"r\xe9sum\xe9.txt"), "r\ufffdsum\ufffd.txt"),
    ],
)
def test_unprintable_file_names_are_refused_and_shown_escaped(tmp_path, name, shown):
    path = tmp_path / name
    path.write_text("text")
    assert display_path(name) == shown
    with pytest.raises(InputError, match="rename the file") as caught:
        check_path(path)
    assert caught.value.path.endswith(shown)


def test_a_duplicate_counts_once_and_names_the_first(tmp_path, taxonomy):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Inspectors found the force was good at protecting children.\n")
    result = ingest(collect_files([tmp_path]), taxonomy)
    assert [d.name for d in result.documents] == ["a.txt"]
    assert [(Path(s.path).name, s.reason) for s in result.skipped] == [
        ("b.txt", f"same content as {tmp_path / 'a.txt'} (counted once)")
    ]


# HTML: (source, title, lines). Nothing executable or hidden comes out; text and entities do.
HTML_CASES = {
    "script": ("<p>Good <script>alert(1)</script>text</p>", "", [(1, "Good text")]),
    "unclosed script": ("<p>Before</p><script>alert('x')", "", [(1, "Before")]),
    "script end tag variants": ("<script>a</script >b<script>c</SCRIPT/>d", "", [(1, "bd")]),
    "script with a fake end": ("<script>var s = '</scriptx>';</script><p>after</p>", "", [(1, "after")]),
    "style": ("<style>p { color: red }</style><p>Hi</p>", "", [(1, "Hi")]),
    "comment": ("<p>a<!-- <script>x</script> -->b</p>", "", [(1, "ab")]),
    "unclosed comment": ("<p>a</p><!-- never closed <p>b</p>", "", [(1, "a")]),
    "short comments": ("<p>a<!-->b<!--->c</p>", "", [(1, "abc")]),
    "iframe": (
        "<p>x</p><iframe src=javascript:alert(1)>in <b>it</b></iframe><p>y</p>",
        "",
        [(1, "x"), (1, "y")],
    ),
    "event handlers and javascript links": (
        '<p onclick="alert(1)" onmouseover=\'x\'>Click</p><a href="javascript:alert(1)">link</a>',
        "",
        [(1, "Click"), (1, "link")],
    ),
    "entities": (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &pound;5 &#8220;q&#x201d; a&nbsp;b</p>",
        "",
        [(1, "<script>alert(1)</script> & \u00a35 \u201cq\u201d a b")],
    ),
    "mis-nested": (
        "<p><b><i>bold italic</b> still</i></p><div><p>para<div>inner</p></div>",
        "",
        [(1, "bold italic still"), (1, "para"), (1, "inner")],
    ),
    "unclosed list items": ("<ul><li>one<li>two<li>three", "", [(1, "- one"), (1, "- two"), (1, "- three")]),
    "head never closed": (
        "<html><head><title>T</title><body><h1>Heading</h1><p>Body.</p>",
        "T",
        [(1, "# Heading"), (1, "Body.")],
    ),
    "text straight after an unclosed head": ("<head><title>T</title>Loose text", "T", [(1, "Loose text")]),
    "svg title is not the page title": (
        "<title>Page</title><svg><title>svg</title></svg><p>x</p>",
        "Page",
        [(1, "x")],
    ),
    "title with markup": (
        "<title>A <b>bold</b> &amp; title</title><p>x</p>",
        "A <b>bold</b> & title",
        [(1, "x")],
    ),
    "greater-than in an attribute": ('<p title="a>b">text</p>', "", [(1, "text")]),
    "cdata": ("<p>a<![CDATA[<script>x</script>]]>b</p>", "", [(1, "ab")]),
    "declarations and instructions": ("<!DOCTYPE html><?xml version='1.0'?><p>x</p>", "", [(1, "x")]),
    "file ends inside a tag": ("<p>visible</p><a href='x", "", [(1, "visible")]),
    "bare less-than": ("<p>a < b and 3<4 <</p>", "", [(1, "a < b and 3<4 <")]),
    "uppercase tags": ("<SCRIPT>alert(1)</SCRIPT><P>Up</P>", "", [(1, "Up")]),
    "template, noscript, form": (
        "<template><p>t</p></template><noscript>n</noscript><form>f</form><p>ok</p>",
        "",
        [(1, "ok")],
    ),
    "main content only": ("<nav>menu</nav><main><p>body</p></main><p>outside</p>", "", [(1, "body")]),
    "line numbers": (
        "<p>one</p>\n\n<p>\n  two</p>\n<p>three\nfour</p>",
        "",
        [(1, "one"), (4, "two"), (5, "three four")],
    ),
    "marked sections": ("<![<![<![", "", []),
}


@pytest.mark.parametrize("case", HTML_CASES, ids=list(HTML_CASES))
def test_html_text_is_extracted_and_nothing_executable_survives(case):
    source, title, lines = HTML_CASES[case]
    assert extract_html(source) == (title, lines)


@pytest.mark.parametrize(
    "heading, parsed",
    [
        ("# Title", (1, "Title")),
        ("## Title ##", (2, "Title")),
        ("# C#", (1, "C#")),
        ("   ### x", (3, "x")),
        ("#NoSpace", None),
        ("    # indented code", None),
        ("####### seven", None),
        ("# ###", (1, "")),
    ],
)
def test_markdown_headings_lose_only_a_closing_hash_run(heading, parsed):
    assert markdown_heading(heading) == parsed


# Each builds a line of about `n` characters that made a backtracking pattern slow.
LONG_LINES = {
    "spaces after a heading": lambda n: "# a" + " " * n + "b",
    "hashes after a heading": lambda n: "# a" + "#" * n + "b",
    "open brackets": lambda n: "[" * n,
    "unclosed links": lambda n: "[a](" * (n // 4),
    "hyphenated capitals": lambda n: "A-" * (n // 2),
    "dotted capitals": lambda n: "A." * (n // 2),
    "capitalised words": lambda n: "Aa " * (n // 3),
    "unspaced letters": lambda n: "x" * n,
}
HTML_LONG = {
    "unclosed start tags": lambda n: "<a " * (n // 3),
    "unclosed quotes": lambda n: "<a b='" * (n // 6),
    "unclosed comments": lambda n: "<!--" * (n // 4),
    "nested list items": lambda n: "<li>x" * (n // 5),
    "bare less-thans": lambda n: "<" * n,
    "marked sections": lambda n: "<![" * (n // 3),
}


def _seconds(action, argument) -> float:
    start = time.perf_counter()
    action(argument)
    return time.perf_counter() - start


def _ingest_line(line: str) -> None:
    markdown_heading(line)
    organisation_names(line, organisation_pattern(("Police", "Constabulary")))
    from reportdiff.ingest import _plain_markdown

    _plain_markdown(line)
    clean_text(line)


@pytest.mark.parametrize("case", LONG_LINES, ids=list(LONG_LINES))
def test_long_hostile_lines_take_linear_time_in_ingest(case):
    small, large = (_seconds(_ingest_line, LONG_LINES[case](n)) for n in (20_000, 200_000))
    assert large < 1.0 and large < 40 * small + 0.05


@pytest.mark.parametrize("case", HTML_LONG, ids=list(HTML_LONG))
def test_hostile_html_takes_linear_time(case):
    small, large = (_seconds(extract_html, HTML_LONG[case](n)) for n in (20_000, 200_000))
    assert large < 2.0 and large < 40 * small + 0.05


# Property tests: whatever the bytes, only the project's own error comes out.
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PREFIXES = st.sampled_from(
    [
        b"",
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
        codecs.BOM_UTF32_LE,
        b"<html><body><p>",
        b"# Heading\n",
    ]
)


@FUZZ
@given(prefix=PREFIXES, data=st.binary(max_size=400))
def test_decode_text_raises_only_input_errors(prefix, data):
    try:
        text = decode_text(prefix + data, "fuzz.txt")
    except InputError:
        return
    assert "\x00" not in text and "\r" not in text


@FUZZ
@given(suffix=st.sampled_from(sorted(TEXT_SUFFIXES)), prefix=PREFIXES, data=st.binary(max_size=400))
def test_read_document_raises_only_project_errors(tmp_path_factory, taxonomy, suffix, prefix, data):
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(prefix + data)
    try:
        document = read_document(path, taxonomy)
    except ReportdiffError:
        return
    assert document.lines and any(line.text.strip() for line in document.lines)


@FUZZ
@given(source=st.text(alphabet=st.sampled_from("<>/!?-=\"' &#;abp\nscriptlyeitmhd[]CDATA"), max_size=300))
def test_extract_html_never_raises_and_keeps_lines_in_order(source):
    title, lines = extract_html(source)
    numbers = [number for number, _ in lines]
    assert numbers == sorted(numbers) and all(1 <= n <= source.count("\n") + 1 for n in numbers)
    assert all(text == " ".join(text.split()) and text for _, text in lines)
    assert all(
        source.startswith(value, offset)
        for kind, offset, value in tokenize(source)
        if kind in ("text", "raw")
    )
