"""The PDF of the samples, laid out once per session: its text, pages, bookmarks, metadata and size."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest

from reportdiff.context import build_context
from reportdiff.render import pdf_document

A4_PX = (793.7, 1122.5)  # 210 x 297 mm at CSS's 96 px per inch
SECTIONS = [
    "Main points",
    "Contents",
    "Status by theme and inspection",
    "Timeline",
    "Changelog",
    "Themes",
    "Other findings",
    "Sources",
]


@pytest.fixture(scope="module")
def context(samples_report) -> dict[str, Any]:
    return build_context(samples_report)


@pytest.fixture(scope="module")
def rendered(context) -> dict[str, Any]:
    started = time.perf_counter()
    document = pdf_document(context)
    data = bytes(document.write_pdf())
    return {"document": document, "pdf": data, "seconds": time.perf_counter() - started}


@pytest.fixture(scope="module")
def pages_text(rendered, tmp_path_factory) -> list[str]:
    """The text of each page as pdftotext reads it."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed; the weasyprint checks below still run")
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(rendered["pdf"])
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[: len(rendered["document"].pages)]]


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _pages_with(document: Any, tag: str, css_class: str) -> list[int]:
    """Numbers of the pages holding any part of an element with this tag and class."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if (
                element is not None
                and box.element_tag == tag
                and css_class in (element.get("class") or "").split()
            ):
                found.append(number)
                break
    return found


def test_pdf_is_a4_summary_first_and_small(rendered):
    document = rendered["document"]
    assert rendered["pdf"].startswith(b"%PDF-")
    assert all((round(p.width, 1), round(p.height, 1)) == A4_PX for p in document.pages)
    assert len(document.pages) <= 20
    assert len(rendered["pdf"]) < 400_000
    assert rendered["seconds"] < 20  # about 3 s on an idle machine; generous for loaded CI runners


def test_status_matrix_sits_on_one_page_after_the_headline(rendered):
    assert _pages_with(rendered["document"], "table", "rd-matrix") == [2]


def test_bookmarks_cover_sections_and_every_theme(rendered, context):
    tree = rendered["document"].make_bookmark_tree()
    assert [label for label, *_ in tree] == SECTIONS
    themes = dict((label, children) for label, _, children, _ in tree)["Themes"]
    assert [label for label, *_ in themes] == [
        f"{t['label']} ({t['verdict_label']})" for t in context["themes"]
    ]


def test_metadata_names_title_subject_and_keywords(rendered, context):
    metadata = rendered["document"].metadata
    organisation = context["summary"]["organisation"]
    assert organisation in metadata.title and "progress report" in metadata.title
    assert metadata.description == context["summary"]["headline"]
    assert organisation in metadata.keywords and context["themes"][0]["label"] in metadata.keywords
    assert metadata.lang == "en"


def test_first_page_has_headline_counts_and_contents_with_page_numbers(pages_text, context):
    summary, first = context["summary"], pages_text[0]
    assert summary["organisation"] in first and "Main points" in first
    assert f"{summary['open']} open concerns" in first
    for section in SECTIONS[2:]:
        assert re.search(re.escape(section) + r"[ .]+\d+\b", first), section
    assert f"page 1 of {len(pages_text)}" in first


def test_matrix_page_lists_every_theme_with_its_verdict(pages_text, context):
    matrix = pages_text[1]
    assert "Status by theme and inspection" in matrix
    for theme in context["themes"]:
        assert theme["label"] in matrix and theme["verdict_label"] in matrix
    squeezed = matrix.replace(" ", "")  # column headings wrap wherever the column is narrow
    for inspection in context["inspections"]:  # a column for each weighed inspection
        assert (inspection["short_label"].replace(" ", "") in squeezed) is inspection["weighed"]


def test_changelog_lists_each_pair_of_inspections_newest_first(pages_text, context):
    text = " ".join(pages_text)
    start = text.index("Changelog", text.index("page 2 of"))
    positions = [text.index(f"{c['to_label']} {c['to_kind']}", start) for c in context["changelog"]]
    assert positions == sorted(positions)


def test_running_header_and_page_numbers_on_later_pages(pages_text, context):
    for number, text in enumerate(pages_text[1:], start=2):
        assert f"{context['summary']['organisation']} \u2014 inspection progress report" in text
        assert f"page {number} of {len(pages_text)}" in text


def test_evidence_is_capped_with_a_pointer_to_the_full_reports(pages_text, context):
    text = " ".join(pages_text)
    for theme in context["themes"]:
        more = len(theme["evidence"]) - len(theme["brief"])  # the neutral mentions are never printed
        if more > 0:
            assert f"{more} more finding{'s' if more != 1 else ''} in the HTML and JSON reports" in text


def _widened(context: dict[str, Any], extra: int) -> dict[str, Any]:
    """The samples' context with `extra` more inspections, every theme absent from them, and no evidence
    (fast)."""
    wide = copy.deepcopy(context)
    template = wide["inspections"][-1]
    added = [
        dict(template, id=f"extra-{n}", label=f"Visit {n}", short_label=f"Visit {n}") for n in range(extra)
    ]
    wide["inspections"] += added
    for theme in wide["themes"]:
        theme["timeline"] += [
            dict(
                theme["timeline"][-1],
                inspection=i["id"],
                label=i["label"],
                assessment="absent",
                symbol="\u2013",
                assessment_label="not assessed",
            )
            for i in added
        ]
        theme["evidence"], theme["brief"] = [], []
    wide["layout"]["matrix_wide"] = True
    return wide


def test_a_wide_matrix_gets_one_landscape_page(context):
    document = pdf_document(_widened(context, 10))
    (page,) = _pages_with(document, "table", "rd-matrix")
    landscape = document.pages[page - 1]
    assert (round(landscape.width, 1), round(landscape.height, 1)) == A4_PX[::-1]
    assert (round(document.pages[0].width, 1), round(document.pages[0].height, 1)) == A4_PX
