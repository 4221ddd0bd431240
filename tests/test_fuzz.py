"""A bounded fuzz run across every reader of untrusted input (text, Markdown, HTML, PDF, manifest, taxonomy,
baseline): a few thousand inputs made by mutating good ones, each either read or refused with a
ReportdiffError, never anything else, and the whole run within a time limit. Plus properties of the manifest
reader."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import craft
from reportdiff.baseline import load_build
from reportdiff.budgets import MAX_TITLE_CHARS
from reportdiff.errors import ReportdiffError
from reportdiff.ingest import read_document
from reportdiff.manifest import load_manifest
from reportdiff.taxonomy import load_taxonomy

INPUTS_PER_READER = 450  # seven readers: 3,150 inputs
SECONDS_PER_INPUT = 2.0
SECONDS_IN_ALL = 120.0
# Pieces spliced into inputs: markup, controls, bidi, quotes, brackets, numbers, TOML and JSON syntax.
TOKENS = [
    b"<",
    b">",
    b"</title>",
    b"<script>",
    b"<!--",
    b"&#27;",
    b"\x00",
    b"\x1b]0;x\x07",
    b"\xe2\x80\xae",
    b"\xed\xa0\x80",
    b"\xff",
    b"\r\n",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b'"',
    b"'",
    b"\\",
    b"= ",
    b"NaN",
    b"1e999",
    b"-1",
    b"9" * 30,
    b"(a+)+$",
    b"obj",
    b"endobj",
    b"stream",
    b"/Kids [",
    b" 0 R",
    b"\n" * 3,
    b" " * 200,
]
TAXONOMY = b'[[themes]]\nid = "x"\nlabel = "X"\npatterns = [\'\\bmissing\\b\', "(?:\\\\w+ ){0,3}children"]\n'
MANIFEST = (
    b'[documents."good.txt"]\ndate = "2021-03-04"\ntitle = "A title"\n\n'
    b'[documents."gone.txt"]\nexclude = true\n'
)


def mutate(seed: bytes, rng: random.Random) -> bytes:
    """`seed` changed a few times: bytes flipped, cut, doubled, or a hostile token put in."""
    data = bytearray(seed)
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(data) + 1)
        action = rng.randrange(4)
        if action == 0 and data:
            data[min(where, len(data) - 1)] = rng.randrange(256)
        elif action == 1:
            del data[where : where + rng.randint(1, 40)]
        elif action == 2:
            data[where:where] = data[where : where + rng.randint(1, 200)]
        else:
            data[where:where] = rng.choice(TOKENS)
    return bytes(data)


READERS: dict[str, tuple[str, bytes, Callable[[Path, object], object]]] = {
    "text": (".txt", craft.DATED.encode(), lambda path, taxonomy: read_document(path, taxonomy)),
    "markdown": (
        ".md",
        ("# Title\n\n" + craft.DATED + "\n- **a** [link](x)\n").encode(),
        lambda path, taxonomy: read_document(path, taxonomy),
    ),
    "html": (
        ".html",
        f"<html><head><title>T</title></head><body><main><h1>T</h1><p>{craft.DATED}</p>"
        "<ul><li>a</li></ul></main></body></html>".encode(),
        lambda path, taxonomy: read_document(path, taxonomy),
    ),
    "pdf": (
        ".pdf",
        craft.text_pdf([craft.DATED.split("\n")] * 2),
        lambda path, taxonomy: read_document(path, taxonomy),
    ),
    "manifest": (".toml", MANIFEST, lambda path, taxonomy: load_manifest(path)),
    "taxonomy": (".toml", TAXONOMY, lambda path, taxonomy: load_taxonomy(path)),
    "baseline": (".json", b"", lambda path, taxonomy: load_build(path)),
}


def test_a_few_thousand_mutated_inputs_are_read_or_refused_with_one_error_each(
    tmp_path, taxonomy, samples_report
):
    from reportdiff.context import build_context
    from reportdiff.render import render_json

    seeds = {
        name: seed or render_json(build_context(samples_report)) for name, (_, seed, _) in READERS.items()
    }
    (tmp_path / "good.txt").write_text(craft.DATED, encoding="utf-8")  # the manifest's document
    rng, started, slowest = random.Random(16), time.perf_counter(), (0.0, "")
    for name, (suffix, _, read) in READERS.items():
        path = tmp_path / ("reportdiff.toml" if name == "manifest" else f"input{suffix}")
        for number in range(INPUTS_PER_READER):
            path.write_bytes(mutate(seeds[name], rng))
            began = time.perf_counter()
            try:
                read(path, taxonomy)
            except ReportdiffError as exc:
                assert "\n" not in str(exc), (name, number, str(exc))
            slowest = max(slowest, (time.perf_counter() - began, f"{name} #{number}"))
    assert slowest[0] < SECONDS_PER_INPUT, f"{slowest[1]} took {slowest[0]:.1f} s"
    assert time.perf_counter() - started < SECONDS_IN_ALL


# The manifest reader, on manifests made of entries with values of any TOML type and names of any text.
VALUES = st.one_of(
    st.text(max_size=40).map(
        lambda t: '"' + t.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    ),
    st.sampled_from(
        [
            "true",
            "false",
            "12",
            "1.5",
            "2021-03-04",
            "[1, 2]",
            "{ a = 1 }",
            '"2021-02-30"',
            '"2021-03"',
            '"yesterday"',
            "[[[]]]",
            '"\\u0000\\u001b]0;x\\u0007\\u202e"',
        ]
    ),
)
ENTRIES = st.lists(
    st.tuples(
        st.sampled_from(["good.txt", "gone.txt", "../x.txt", "/etc/passwd", "a\\b.txt", "."]),
        st.dictionaries(
            st.sampled_from(["date", "title", "inspection", "exclude", "colour"]), VALUES, max_size=3
        ),
    ),
    max_size=3,
)
PROPERTY = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


@PROPERTY
@given(entries=ENTRIES)
def test_any_manifest_is_loaded_clean_or_refused_with_one_line(tmp_path, entries):
    (tmp_path / "good.txt").write_text(craft.DATED, encoding="utf-8")
    text = "".join(
        f'[documents."{name}"]\n' + "".join(f"{k} = {v}\n" for k, v in fields.items()) + "\n"
        for name, fields in dict(entries).items()
    )
    (tmp_path / "reportdiff.toml").write_text(text, encoding="utf-8")
    try:
        manifest = load_manifest(tmp_path / "reportdiff.toml")
    except ReportdiffError as exc:
        assert "\n" not in str(exc)
        return
    for override in manifest.documents:
        assert override.title is None or (
            len(override.title) <= MAX_TITLE_CHARS and not UNCLEAN.search(override.title)
        )
        assert Path(override.path).parent == tmp_path.resolve()


@PROPERTY
@given(data=st.binary(max_size=400))
def test_any_bytes_as_a_manifest_are_loaded_or_refused_with_one_line(tmp_path, data):
    (tmp_path / "reportdiff.toml").write_bytes(data)
    try:
        load_manifest(tmp_path / "reportdiff.toml")
    except ReportdiffError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize(
    "depth, message",
    [(31, "unknown key 'x'"), (32, "nested more than 32 deep"), (100_000, "nested more than 32 deep")],
)
def test_toml_nesting_is_bounded_before_it_can_exhaust_the_stack(tmp_path, depth, message):
    # The top-level table is the first level: an array nested 31 deep inside it makes 32.
    (tmp_path / "reportdiff.toml").write_text(craft.nested_toml(depth), encoding="utf-8")
    with pytest.raises(ReportdiffError, match=re.escape(message)):
        load_manifest(tmp_path / "reportdiff.toml")
