"""Hostile document text and file names come out as inert text in every format: no element, attribute or
template code from the input survives in the HTML page or fragment, Markdown escapes it, and the PDF shows it
as text."""

from __future__ import annotations

import json
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportdiff.context import build_context
from reportdiff.pipeline import Settings, run
from reportdiff.render import render

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "000_8195b7b72e696d93.txt"
MARK = "rdXSS"
LONG_WORD = "A" * 3000
HOSTILE_NAME = f"<img src=x onerror=alert('{MARK}-name')>.txt"
HOSTILE_TEXT = "\n".join(
    [
        f'<script>alert("{MARK}-title")</script> Inspection of Northamptonshire Police',
        "",
        "Published on: 12 May 2022",
        "",
        "In April 2022 we inspected Northamptonshire Police and found that its response to missing children "
        f'<script>alert("{MARK}1")</script> was still inadequate.',
        f'Inspectors found that risk assessment </style><img src=x onerror=alert("{MARK}2")> '
        "remained poor and "
        f'[click](javascript:alert("{MARK}3")) was a concern.',
        'The force had not improved its investigation quality {{ 7*7 }} {% include "x" %} '
        "and inspectors were "
        f"concerned about {MARK}4 backlogs.",
        f"Inspectors found that the quality of child protection investigations {LONG_WORD} was poor.",
        f"Inspectors found that supervision of cases {'!' * 2000} was inadequate and "
        f"{'<' * 500}{MARK}5 a concern.",
        f"Inspectors found that the force's <!-- {MARK}6 --> handling of "
        f'<a href="javascript:alert(1)" onclick="{MARK}7">referrals</a> was inadequate.',
        "",
    ]
)
HOSTILE_HTML = "\n".join(
    [
        f'<html><head><title>{MARK}8 &lt;script&gt; page</title><script>alert("{MARK}9")</script>',
        f"""<style>body {{ background: url("javascript:alert('{MARK}10')") }}</style></head>""",
        f"<body onload=\"alert('{MARK}11')\"><main>",
        "<p>Published on: 14 June 2023</p>",
        f"<p onmouseover=\"alert('{MARK}12')\">In May 2023 inspectors found that "
        "the force's response to missing children "
        f'&lt;script&gt;alert("{MARK}13")&lt;/script&gt; was still inadequate.</p>',
        f"<iframe src=\"javascript:alert('{MARK}14')\"></iframe><p>Inspectors found that risk assessment "
        "<b>remained <i>poor</b></i> and was a concern",
        "</main></body></html>",
        "",
    ]
)


# Attributes that hold ids, which may be made from file names.
REFERENCES = ("id", "href", "aria-labelledby", "aria-describedby", "for", "headers")


class _Elements(HTMLParser):
    """Every element, attribute and comment of a page; and its text, which may hold the input."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """The hostile corpus (a good sample beside a hostile text file and a hostile HTML page) in every
    format."""
    folder = tmp_path_factory.mktemp("xss")
    shutil.copy(SAMPLE, folder / "a_good.txt")
    (folder / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    from reportdiff.taxonomy import load_taxonomy

    context = build_context(run([folder], Settings(load_taxonomy())))
    formats = {
        "page": ("html", False),
        "fragment": ("html", True),
        "markdown": ("markdown", False),
        "json": ("json", False),
    }
    return {
        name: render(context, fmt, fragment=fragment).decode("utf-8")
        for name, (fmt, fragment) in formats.items()
    }


@pytest.fixture(scope="module")
def template_tags(taxonomy) -> set[str]:
    """The elements the templates themselves make: those written in them, and those in the samples' page."""
    written = {
        tag.lower()
        for path in (ROOT / "templates").glob("*.j2")
        for tag in re.findall(r"<([A-Za-z][A-Za-z0-9]*)", path.read_text(encoding="utf-8"))
    }
    context = build_context(run([ROOT / "samples"], Settings(taxonomy)))
    headings = {f"h{level}" for level in range(1, 7)}  # some templates choose the heading level
    return written | headings | {tag for tag, _ in _parse(render(context, "html").decode("utf-8")).tags}


def test_the_hostile_corpus_reaches_the_report(outputs):
    report = json.loads(outputs["json"])
    assert {d["name"] for d in report["documents"]} == {"a_good.txt", HOSTILE_NAME, "page.html"}
    texts = " ".join(f["text"] for f in report["findings"])
    for marker in ("1", "2", "3", "4", "5", "13"):
        assert f"{MARK}{marker}" in texts
    assert "{{ 7*7 }}" in texts and '{% include "x" %}' in texts and LONG_WORD in texts
    assert f"<!-- {MARK}6 -->" in texts and "javascript:alert(1)" in texts
    assert f"{MARK}9" not in json.dumps(report) and f"{MARK}11" not in json.dumps(report)


@pytest.mark.parametrize("name", ["page", "fragment"])
def test_no_element_attribute_or_comment_comes_from_the_input(outputs, template_tags, name):
    page = _parse(outputs[name])
    assert {tag for tag, _ in page.tags} <= template_tags
    for tag, attrs in page.tags:
        assert (
            tag not in ("script", "iframe", "img", "object", "embed", "a")
            or tag == "a"
            and all(name != "href" or (value or "").startswith("#") for name, value in attrs)
        )
        for attr, value in attrs:
            assert (
                MARK not in attr and not attr.startswith("on") and "javascript:" not in (value or "").lower()
            )
            if attr in REFERENCES:  # ids made from file names: slugs, nothing more
                assert re.fullmatch(r"#?[\w .-]*", value or ""), (tag, attr, value)
            else:
                assert MARK not in (value or ""), (tag, attr, value)
    assert not any(MARK in comment for comment in page.comments)
    assert not any(MARK in style or "javascript" in style for style in page.styles)
    text = "".join(page.text)
    for marker in ("1", "2", "3", "4", "6", "7", "13", "-title", "-name"):
        assert f"{MARK}{marker}" in text  # it is there, as text
    assert f'<script>alert("{MARK}1")</script>' in text and "{{ 7*7 }}" in text


@pytest.mark.parametrize("name", ["page", "fragment"])
def test_template_syntax_in_the_input_is_never_evaluated(outputs, name):
    assert "{{ 7*7 }}" in outputs[name] and "{% include &#34;x&#34; %}" in outputs[name]


def test_markdown_escapes_every_opening_angle_bracket_from_the_input(outputs):
    """`<` opens raw HTML anywhere; `>` only quotes at the start of a line, where no document text starts."""
    markdown = outputs["markdown"]
    outside_code = re.sub(r"`[^`\n]*`", "", markdown)
    assert re.search(r"(?<!\\)<", outside_code) is None
    assert not [line for line in outside_code.splitlines() if line.startswith(">") and MARK in line]
    assert f'\\<script>alert("{MARK}1")\\</script>' in markdown
    assert "{{ 7\\*7 }}" in markdown
    assert f"`{HOSTILE_NAME}`" in markdown  # a file name is shown as code, which Markdown does not interpret


def test_the_pdf_shows_hostile_text_as_text(tmp_path, cli):
    pypdf = pytest.importorskip("pypdf")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    start = time.perf_counter()
    result = cli("build", docs, "--out", tmp_path / "report.pdf")
    assert result.status == 0, result.stderr
    assert time.perf_counter() - start < 60
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "report.pdf").pages)
    flat = "".join(text.split())
    assert f'<script>alert("{MARK}1")</script>' in flat and "{{7*7}}" in flat
