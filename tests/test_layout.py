"""Layout where the report is read: a phone, an intranet column, a wide screen; light and dark.

The static checks run everywhere. The measured ones open the samples' page, and the fragment in a 600-pixel
host column, in headless Chromium (skipped where it is not installed) and measure what a reader sees: no
sideways scroll of the page, and for every theme its verdict and its latest status within sight without
scrolling.

Run as a script to keep screenshots to look at: `.venv/bin/python tests/test_layout.py OUT_DIR`."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportdiff.context import build_context
from reportdiff.render import render_html, stylesheet

CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None
)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
WIDTHS = (320, 390, 600, 1280)
HOST_COLUMN = 600  # an intranet page's content column, in CSS pixels
# A host page's common rules for bare elements: the fragment must not take them on.
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Intranet: safeguarding</title>
<style>
body {{ margin: 0; font: 18px Georgia, serif; background: #fafafa; }}
.intranet-content {{ box-sizing: border-box; width: {column}px; max-width: 100%; margin: 0 auto;
  padding: 0 12px; }}
h2 {{ color: #a00; text-transform: uppercase; }} table {{ width: 100%; }} td, th {{ padding: 12px; }}
li {{ margin-left: 3em; }} p {{ margin: 2em 0; }}
</style></head>
<body><main class="intranet-content"><h1>Safeguarding: inspection progress</h1>
{fragments}
</main>{probe}</body></html>
"""
# Measures what a reader sees, and writes it into the page for --dump-dom to carry out.
PROBE = """<script>
function seen(el) {
  const r = el.getBoundingClientRect();
  if (!el.getClientRects().length || r.width === 0) return false;
  if (r.left < -0.5 || r.right > innerWidth + 0.5) return false;
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (getComputedStyle(a).overflowX === 'visible') continue;
    const box = a.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5) return false;
  }
  return true;
}
function themes(report) {
  const rows = [...report.querySelectorAll('.rd-matrix tbody tr')].map(tr =>
    [...tr.querySelectorAll('td.rd-cell')].slice(-1).concat([tr.querySelector('.rd-verdict-cell')]));
  const items = [...report.querySelectorAll('.rd-mitem')].map(li =>
    [li.querySelector('.rd-mhead .rd-badge'), li.querySelector('.rd-mline .rd-chip')]);
  const table = rows.length > 0 && rows.every(r => r.every(seen));
  const list = items.length > 0 && items.every(r => r.every(e => e && seen(e)));
  return {rows: rows.length, table: table, list: list};
}
function chart(report) {
  const svg = report.querySelector('svg.rd-chart');
  if (!svg || !svg.getClientRects().length) return {shown: false, smallest: null};
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {shown: true, smallest: Math.min(...sizes)};
}
const measured = {
  page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,
  dark: matchMedia('(prefers-color-scheme: dark)').matches,
  reports: [...document.querySelectorAll('.rd-report')].map(r => ({themes: themes(r), chart: chart(r),
    background: getComputedStyle(r).backgroundColor}))
};
if (window.parent !== window) parent.postMessage(JSON.stringify(measured), '*');
else document.body.setAttribute('data-measured', JSON.stringify(measured));
</script>"""
# Headless Chromium's window is at least 500 pixels wide: narrower readers are a frame of their width in a
# wider window, which is what a phone's viewport is to the page inside it.
FRAME = """<!DOCTYPE html>
<html><head><style>body {{ margin: 0; }} iframe {{ border: 0; display: block; }}</style></head>
<body><iframe src="{src}" width="{width}" height="{height}"></iframe>
<script>addEventListener('message', e => document.body.setAttribute('data-measured', e.data));</script>
</body></html>
"""
WINDOW = 500


def chromium(args: list[str]) -> str:
    """Run headless Chromium with `args`; its stdout."""
    assert CHROMIUM is not None
    base = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--hide-scrollbars",
        "--virtual-time-budget=3000",
    ]
    done = subprocess.run(base + args, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout


def framed(page: Path, width: int, height: int) -> Path:
    """`page` as a reader `width` pixels wide sees it: itself, or in a frame of that width where the window is
    wider."""
    if width >= WINDOW:
        return page
    frame = page.with_name(f"{page.stem}-frame-{width}.html")
    frame.write_text(FRAME.format(src=page.name, width=width, height=height), encoding="utf-8")
    return frame


def measure(page: Path, width: int, dark: bool = False) -> dict:
    """What a reader at `width` CSS pixels sees of `page` (which holds PROBE)."""
    dom = chromium(
        [
            f"--window-size={max(width, WINDOW)},1600",
            *(["--force-dark-mode"] if dark else []),
            "--dump-dom",
            framed(page, width, 1600).as_uri(),
        ]
    )
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found, dom[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def screenshot(page: Path, width: int, out: Path, dark: bool = False, height: int = 2400) -> None:
    """A PNG of the top of `page` at `width` (wider by the window's least width, where it is framed)."""
    chromium(
        [
            f"--window-size={max(width, WINDOW)},{height}",
            *(["--force-dark-mode"] if dark else []),
            f"--screenshot={out}",
            framed(page, width, height).as_uri(),
        ]
    )


def widened(context: dict, columns: int) -> dict:
    """The samples' context with `columns` weighed inspections: made-up earlier ones, then the real latest."""
    wide = copy.deepcopy(context)
    weighed = [i for i in wide["inspections"] if i["weighed"]]
    made = [
        {**weighed[0], "id": f"x{n}", "label": f"March {1990 + n}", "short_label": f"Mar {1990 + n}"}
        for n in range(columns - 1)
    ]
    wide["inspections"] = [*made, weighed[-1]]
    key = next(a for a in wide["legend"]["assessments"] if a["value"] == "absent")
    for theme in wide["themes"]:
        absent = {
            **theme["timeline"][-1],
            "assessment": "absent",
            "symbol": key["symbol"],
            "assessment_label": key["label"],
            "findings": [],
            "concern_weight": 0,
            "progress_weight": 0,
        }
        made_cells = [{**absent, "inspection": i["id"], "label": i["label"]} for i in made]
        theme["timeline"] = [*made_cells, theme["timeline"][-1]]
    return wide


def pages(context: dict, folder: Path) -> dict[str, Path]:
    """The samples' page, and a host page with the fragment in a 600-pixel column, each holding PROBE."""
    page = render_html(context).decode("utf-8").replace("</body>", PROBE + "</body>")
    fragment = render_html(context, fragment=True).decode("utf-8")
    host = HOST_PAGE.format(column=HOST_COLUMN, fragments=fragment, probe=PROBE)
    dark = HOST_PAGE.format(
        column=HOST_COLUMN,
        probe=PROBE,
        fragments=render_html(context, fragment=True, scheme="auto").decode("utf-8"),
    )
    written = {"page": page, "column": host, "column-auto": dark}
    for name, html in written.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    return {name: folder / f"{name}.html" for name in written}


@pytest.fixture(scope="module")
def context(samples_report):
    return build_context(samples_report)


@pytest.fixture(scope="module")
def built(context, tmp_path_factory) -> dict[str, Path]:
    return pages(context, tmp_path_factory.mktemp("layout"))


# Static: the rules the measured behaviour rests on


def test_the_report_is_a_size_container_and_queries_its_own_width():
    css = stylesheet()
    assert re.search(r"\.rd-report \{[^}]*container: rd-report / inline-size", css)
    assert "@container rd-report" in css
    assert not re.search(r"@media[^{]*max-width[^{]*\{[^@]*rd-matrix", css), (
        "the matrix must follow its column"
    )


def test_hidden_words_have_a_positioned_parent_inside_scroll_areas():
    """`.rd-sr` is absolutely placed: inside a scrolling table it must not be placed against the page."""
    css = stylesheet()
    positioned = re.search(r"([^{}]*)\{\s*position: relative;", css)
    assert positioned and ".rd-scroll" in positioned.group(1)


class _Regions(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.regions: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "rd-scroll" in found.get("class", "").split():
            self.regions.append(found)


def test_every_scroll_area_is_a_named_focusable_region(context):
    parser = _Regions()
    parser.feed(render_html(context).decode("utf-8"))
    assert len(parser.regions) >= 2
    for region in parser.regions:
        assert (
            region.get("tabindex") == "0" and region.get("role") == "region" and region.get("aria-labelledby")
        )


def test_the_matrix_list_gives_each_theme_its_verdict_and_latest_status_first(context):
    html = render_html(context).decode("utf-8")
    items = re.findall(r'<li class="rd-mitem">(.*?)</li>\n', html, flags=re.S)
    assert len(items) == len(context["themes"])
    for item, theme in zip(items, context["themes"], strict=True):
        latest = theme["timeline"][-1]
        head, first_line = item.split("</p>")[:2]
        assert f">{theme['verdict_label']}</span>" in head
        assert "Latest" in first_line and latest["assessment_label"] in first_line


def test_the_pdf_has_no_matrix_list(context):
    assert 'class="rd-mitem"' not in render_html(context, for_pdf=True).decode("utf-8")


# Measured in Chromium


@needs_chromium
@pytest.mark.parametrize("width", WIDTHS)
def test_no_sideways_page_scroll_and_every_verdict_and_latest_status_in_sight(built, width):
    for name in ("page", "column"):
        seen = measure(built[name], width)
        assert seen["page"] <= seen["window"], (name, width, seen)
        for report in seen["reports"]:
            assert report["themes"]["table"] or report["themes"]["list"], (name, width, report)


@needs_chromium
@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_labels_are_legible_or_the_list_stands_in(built, width):
    for name in ("page", "column"):
        for report in measure(built[name], width)["reports"]:
            chart = report["chart"]
            assert not chart["shown"] or chart["smallest"] >= 10, (name, width, chart)


@needs_chromium
def test_dark_scheme_follows_the_reader_only_where_asked(built):
    page = measure(built["page"], 1280, dark=True)
    light_fragment = measure(built["column"], 1280, dark=True)
    dark_fragment = measure(built["column-auto"], 1280, dark=True)
    assert page["dark"]
    assert (
        page["reports"][0]["background"] == dark_fragment["reports"][0]["background"] != "rgb(255, 255, 255)"
    )
    assert light_fragment["reports"][0]["background"] == "rgb(255, 255, 255)"


@needs_chromium
@pytest.mark.parametrize("columns", [3, 6, 9, 14])
def test_any_number_of_inspections_keeps_verdict_and_latest_status_in_sight(context, tmp_path, columns):
    """Just above each size's switch to the table, and wide, the table shows them; below it, the list."""
    page = tmp_path / "wide.html"
    html = render_html(widened(context, columns)).decode("utf-8")
    page.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    for width in (390, 560, 830, 1090, 1280):
        seen = measure(page, width)
        assert seen["page"] <= seen["window"], (columns, width, seen)
        (report,) = seen["reports"]
        assert report["themes"]["table"] or report["themes"]["list"], (columns, width, report)


def main(out: Path) -> None:
    """Screenshots of the samples at every width, light and dark, for a person to look at."""
    from reportdiff.pipeline import Settings, run
    from reportdiff.taxonomy import load_taxonomy

    out.mkdir(parents=True, exist_ok=True)
    context = build_context(run([Path(__file__).resolve().parents[1] / "samples"], Settings(load_taxonomy())))
    with tempfile.TemporaryDirectory() as folder:
        for name, page in pages(context, Path(folder)).items():
            for width in WIDTHS:
                for dark in (False, True):
                    shot = out / f"{name}-{width}{'-dark' if dark else ''}.png"
                    screenshot(page, width, shot, dark)
                    print(shot, json.dumps(measure(page, width, dark)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
