"""Rendering: the page, the fragment, the CSP-safe form and Markdown, checked for structure rather than
wording."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportdiff.context import build_context, short_label
from reportdiff.model import PartialDate
from reportdiff.render import default_prefix, render_html, render_markdown, stylesheet, templates_dir

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "<script>alert(1)</script> *stars* _under_ [link](http://x) | pipe <b>bold</b>"
BASELINE = {
    "path": "old/report.json",
    "documents_added": [],
    "documents_removed": ["gone_doc"],
    "verdict_changes": [
        {
            "theme": "no-such-theme",
            "label": "Vanished theme",
            "from": "persisting",
            "to": None,
            "from_label": "persisting",
            "to_label": "not assessed",
        }
    ],
    "findings_added": [],
    "findings_removed": ["f-old1", "f-old2"],
}


@pytest.fixture(scope="module")
def context(samples_report):
    return build_context(samples_report)


@pytest.fixture(scope="module")
def page(context) -> str:
    return render_html(context).decode("utf-8")


@pytest.fixture(scope="module")
def fragment(context) -> str:
    return render_html(context, fragment=True).decode("utf-8")


class Outline(HTMLParser):
    """What the structure tests look at: tags in order, ids, links, headings, attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.refs: list[str] = []
        self.headings: list[int] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.elements.append((tag, attributes))
        self.svg_depth += tag == "svg"
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if attributes.get("href", "").startswith("#"):
            self.refs.append(attributes["href"][1:])
        for key in ("aria-labelledby", "aria-describedby"):
            self.refs.extend(attributes.get(key, "").split())
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        self.svg_depth -= tag == "svg"


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def css_rules(css: str) -> list[tuple[str, str]]:
    """(at-rule context, selector) for every style rule, nested @media blocks included."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: list[tuple[str, str]] = []
    stack: list[str] = []
    position = 0
    for match in re.finditer(r"[{}]", css):
        prelude = css[position : match.start()].strip()
        position = match.end()
        if match.group() == "{":
            if not prelude.startswith("@") and not (stack and stack[-1] == "declarations"):
                rules.extend(
                    (" ".join(s for s in stack if s != "declarations"), sel.strip())
                    for sel in prelude.split(",")
                )
            stack.append(prelude if prelude.startswith("@") else "declarations")
        elif stack:
            stack.pop()
    return rules


def style_blocks(html: str) -> list[str]:
    return re.findall(r"<style>(.*?)</style>", html, flags=re.S)


def headings_in_order(levels: list[int], first: int) -> bool:
    """The first heading is at `first`; no later heading goes more than one level deeper than the one
    before."""
    return (
        bool(levels)
        and levels[0] == first
        and min(levels) == first
        and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    )


def hostile(context: dict) -> dict:
    changed = copy.deepcopy(context)
    changed["findings"][0]["text"] = HOSTILE
    changed["themes"][0]["label"] = HOSTILE
    changed["themes"][0]["evidence"].insert(0, changed["findings"][0]["id"])
    changed["findings"][0]["theme_polarity"][changed["themes"][0]["id"]] = "concern"
    return changed


# The page


def test_page_is_one_self_contained_file(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "@import" not in page and "url(" not in "".join(style_blocks(page))


def test_page_has_landmarks_and_headings_in_order(page):
    tags = outline(page)
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.tags.count(landmark) == 1, landmark
    assert tags.headings.count(1) == 1
    assert headings_in_order(tags.headings, 1)


def test_page_follows_the_dark_scheme_and_phone_width(page):
    assert 'class="rd-report rd-page rd-scheme-auto"' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    css = stylesheet()
    assert "prefers-color-scheme: dark" in css and "max-width: 40rem" in css


def test_stylesheet_reaches_style_element_unescaped(page):
    """Autoescaping the CSS would turn its quotes into &#34;, which CSS does not decode."""
    (css,) = style_blocks(page)
    assert "&#34;" not in css and "&quot;" not in css
    assert css.strip() == stylesheet().strip()


def test_ids_are_unique_prefixed_and_every_reference_resolves(context, page, fragment):
    prefix = default_prefix(context)
    for html in (page, fragment):
        tags = outline(html)
        assert len(tags.ids) == len(set(tags.ids))
        assert all(i.startswith(prefix) for i in tags.ids)
        assert set(tags.refs) <= set(tags.ids)


def test_two_reports_on_one_page_share_no_id(context, fragment):
    other = copy.deepcopy(context)
    other["documents"][0]["sha256"] = "0" * 64
    second = render_html(other, fragment=True).decode("utf-8")
    assert default_prefix(other) != default_prefix(context)
    assert not set(outline(fragment).ids) & set(outline(second).ids)


def test_matrix_shows_each_assessment_by_symbol_and_words_not_colour_alone(context, page):
    cells = [a for tag, a in outline(page).elements if tag == "td" and "rd-cell" in a.get("class", "")]
    weighed = [i for i in context["inspections"] if i["weighed"]]
    assert len(cells) == len(context["themes"]) * len(weighed)
    assert all(len(theme["timeline"]) == len(weighed) for theme in context["themes"])
    for theme in context["themes"]:
        for cell in theme["timeline"]:
            assert (
                f'<span class="rd-sym" aria-hidden="true">{cell["symbol"]}</span>'
                f'<span class="rd-sr">{cell["assessment_label"]}</span>' in page
            )


def test_every_table_header_has_a_scope(page):
    headers = [a for tag, a in outline(page).elements if tag == "th"]
    assert headers and all(a.get("scope") in ("col", "row") for a in headers)


def test_timeline_chart_is_an_image_with_a_text_alternative(context, page):
    svg = next(a for tag, a in outline(page).elements if tag == "svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert f'<desc id="{desc_id}">' in page and f'<title id="{title_id}">' in page
    assert context["timeline_chart"]["description"] in page.replace("&amp;", "&")


def test_screen_svg_is_styled_by_class_only(page):
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert not re.search(r"\s(fill|stroke|style|font-size)=", svg)


def test_document_text_is_escaped_in_html(context):
    html = render_html(hostile(context)).decode("utf-8")
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_document_text_is_escaped_in_markdown(context):
    markdown = render_markdown(hostile(context)).decode("utf-8")
    assert HOSTILE not in markdown
    assert r"\*stars\* \_under\_ \[link\](http://x) \| pipe \<b>bold\</b>" in markdown


# The fragment


def test_fragment_has_no_document_level_tags_and_no_script(fragment):
    tags = set(outline(fragment).tags)
    assert not tags & {"html", "head", "body", "script", "main", "meta", "header", "footer"}
    assert "<!DOCTYPE" not in fragment
    assert fragment.lstrip().startswith('<section class="rd-report rd-fragment ')


def test_fragment_headings_start_below_the_host_page_title(fragment):
    assert headings_in_order(outline(fragment).headings, 2)


def test_fragment_css_has_only_scoped_selectors(fragment):
    (css,) = style_blocks(fragment)
    rules = css_rules(css)
    assert len(rules) > 50
    assert all(selector.startswith(".rd-report") for _, selector in rules), [
        s for _, s in rules if not s.startswith(".rd-report")
    ]
    at_rules = set(re.findall(r"@[a-z-]+", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    assert at_rules == {"@media", "@container"}


def test_fragment_does_not_force_the_dark_scheme_on_its_host(fragment):
    assert "rd-scheme-auto" not in fragment.split("<style>")[0]


def test_page_and_fragment_css_hold_no_paged_media_rules():
    assert "@page" not in stylesheet() and "@font-face" not in stylesheet()
    pdf = stylesheet(for_pdf=True)
    assert "@page" in pdf and "@font-face" in pdf


# CSP-safe output


@pytest.mark.parametrize("fragment_form", [False, True])
def test_css_href_leaves_no_inline_style_anywhere(context, fragment_form):
    html = render_html(context, fragment=fragment_form, css_href="../report.css").decode("utf-8")
    assert '<link rel="stylesheet" href="../report.css">' in html
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)


def test_build_with_css_writes_the_stylesheet_and_links_it(cli, tmp_path):
    out = tmp_path / "site" / "report.html"
    out.parent.mkdir()
    css = tmp_path / "report.css"
    result = cli(
        "build", str(ROOT / "samples"), "--out", str(out), "--fragment", "--css", str(css), "--quiet"
    )
    assert result.status == 0, result.stderr
    assert css.read_text(encoding="utf-8") == stylesheet()
    html = out.read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../report.css">' in html and "<style" not in html


# The PDF's own HTML


def test_pdf_html_caps_evidence_and_says_how_many_more(context):
    html = render_html(context, for_pdf=True).decode("utf-8")
    limit = context["layout"]["print_evidence"]
    for theme in context["themes"]:
        leaning = sum(len(g["leaning"]) for g in theme["groups"])
        assert len(theme["brief"]) == min(limit, leaning)
    assert html.count('<li class="rd-finding') == sum(len(t["brief"]) for t in context["themes"])
    capped = [t for t in context["themes"] if len(t["evidence"]) > len(t["brief"])]
    assert html.count("in the HTML and JSON reports.</p>") >= len(capped)


def test_pdf_html_paints_the_chart_and_names_its_bookmarks(context):
    html = render_html(context, for_pdf=True).decode("utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'fill="#' in svg and 'font-family="DejaVu Sans"' in svg
    for theme in context["themes"]:
        assert f'data-bookmark="{theme["label"]} ({theme["verdict_label"]})"'.replace("'", "&#39;") in html


# Baseline, echoes and the Markdown


def test_baseline_block_opens_the_changelog_when_there_is_one(context):
    with_baseline = dict(context, baseline=BASELINE)
    html = render_html(with_baseline).decode("utf-8")
    markdown = render_markdown(with_baseline).decode("utf-8")
    first_change = context["changelog"][0]
    assert "Vanished theme" in html and "<code>gone_doc</code>" in html and "2 removed" in html
    assert html.index("Since the last build") < html.index(
        f'id="{default_prefix(context)}change-{first_change["to"]}"'
    )
    assert "Vanished theme" in markdown and r"gone\_doc" in markdown and "2 removed" in markdown
    assert markdown.index("### Since the last build") < markdown.index(f"### {first_change['to_label']} (")


@pytest.mark.parametrize("baseline", ["missing", None])
def test_no_baseline_block_without_a_baseline(context, baseline):
    without = {k: v for k, v in context.items() if k != "baseline"}
    if baseline is None:
        without["baseline"] = None
    assert "Since the last build" not in render_html(without).decode("utf-8")
    assert "Since the last build" not in render_markdown(without).decode("utf-8")


def test_echoes_are_side_by_side_with_changed_words_marked(context):
    changed = copy.deepcopy(context)
    theme = changed["themes"][0]
    first, second = changed["inspections"][0]["id"], changed["inspections"][-1]["id"]
    theme["echoes"] = [
        {
            "earlier": "a",
            "later": "b",
            "themes": [theme["id"]],
            "ratio": 0.8,
            "earlier_inspection": first,
            "later_inspection": second,
            "earlier_parts": [{"text": "the force", "changed": False}, {"text": "lacked", "changed": True}],
            "later_parts": [{"text": "the force", "changed": False}, {"text": "now has", "changed": True}],
        }
    ]
    html = render_html(changed).decode("utf-8")
    assert "<del>lacked</del>" in html and "<ins>now has</ins>" in html and "80% alike" in html
    markdown = render_markdown(changed).decode("utf-8")
    assert "~~lacked~~" in markdown and "**now has**" in markdown


def test_markdown_sections_come_in_reading_order(context):
    markdown = render_markdown(context).decode("utf-8")
    headings = re.findall(r"^## (.+)$", markdown, flags=re.M)
    assert headings == [
        "Main points",
        "Status by theme and inspection",
        "Timeline",
        "Changelog",
        "Themes",
        "Other findings",
        "Sources",
    ]
    assert markdown.index(context["summary"]["headline"].split(":")[0]) < markdown.index("## Status")
    assert "\n\n\n" not in markdown.replace("\n\n\n|", "")


# Display values in the context


def test_short_labels_fit_a_narrow_column():
    assert short_label(PartialDate(2020, 11), PartialDate(2020, 12)) == "Nov\u2013Dec 2020"
    assert short_label(PartialDate(2013, 1, 14), None) == "Jan 2013"
    assert short_label(PartialDate(2018), None) == "2018"
    assert short_label(PartialDate(2019, 12), PartialDate(2020, 1)) == "Dec 2019 \u2013 Jan 2020"


def test_timeline_chart_has_a_row_per_inspection_and_marks_long_gaps(context):
    chart = context["timeline_chart"]
    assert [m["id"] for m in chart["marks"]] == [i["id"] for i in context["inspections"]]
    assert all(0 < m["x"] < chart["width"] and m["y"] < chart["grid_bottom"] for m in chart["marks"])
    assert all(g["years"] >= chart["gap_years"] and g["x1"] < g["x2"] for g in chart["gaps"])


# Colour contrast (WCAG AA, 4.5:1 for text) in both schemes

TEXT_PAIRS = [
    ("fg", "bg"),
    ("fg", "panel"),
    ("fg", "absent-bg"),
    ("muted", "bg"),
    ("muted", "panel"),
    ("link", "bg"),
    ("link", "panel"),
    ("concern-fg", "concern-bg"),
    ("progress-fg", "progress-bg"),
    ("mixed-fg", "mixed-bg"),
    ("absent-fg", "absent-bg"),
    ("concern-fg", "bg"),
    ("progress-fg", "bg"),
    ("mixed-fg", "bg"),
    ("concern-fg", "panel"),
    ("progress-fg", "panel"),
    ("mixed-fg", "panel"),
]


def _palette(css: str, rule: str) -> dict[str, str]:
    block = css[css.index(rule) :]
    return dict(re.findall(r"--rd-([\w-]+):\s*(#[0-9a-f]{6})", block[: block.index("}")]))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(
    "rule", [".rd-report {", ".rd-report.rd-scheme-auto {", ".rd-report.rd-scheme-dark {"]
)
def test_text_colours_meet_wcag_aa_contrast(rule):
    palette = _palette((templates_dir() / "style.css").read_text(encoding="utf-8"), rule)
    for fg, bg in TEXT_PAIRS:
        high, low = sorted((_luminance(palette[fg]), _luminance(palette[bg])), reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 4.5, (rule, fg, bg)


def test_an_inspection_listed_but_not_weighed_has_no_matrix_column(context):
    changed = copy.deepcopy(context)
    first = next(i for i in changed["inspections"] if i["weighed"])
    first.update(weighed=False, not_weighed="a national thematic report")
    for theme in changed["themes"]:
        theme["timeline"] = [c for c in theme["timeline"] if c["inspection"] != first["id"]]
    columns = sum(1 for i in changed["inspections"] if i["weighed"])
    page = render_html(changed).decode("utf-8")
    matrix = page[page.index('<table class="rd-matrix">') : page.index("</table>")]
    assert matrix.count('class="rd-insp"') == columns
    assert "listed, not weighed: a national thematic report" in page
    markdown = render_markdown(changed).decode("utf-8")
    header = next(line for line in markdown.splitlines() if line.startswith("| theme |"))
    assert header.count("|") - 3 == columns


def test_dict_names_in_templates_are_items_unless_dict_has_the_attribute():
    # `x.name` on a dict is looked up as an item first for speed; a dict's own attributes still win.
    from reportdiff.render import environment

    template = environment().from_string("{{ d.text }}|{{ d.items is callable }}|{{ d.missing is defined }}")
    assert template.render(d={"text": "t", "items": 1}) == "t|True|False"
