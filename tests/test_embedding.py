"""The report in a host page: the same report twice with unique ids, a stylesheet link the host can reach, and
the colour scheme chosen on the command line."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import SAMPLES


class Ids(HTMLParser):
    """The ids and the id references of a page, and the classes of each `.rd-report`."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.refs: list[str] = []
        self.reports: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.append(found["id"])
        if found.get("href", "").startswith("#"):
            self.refs.append(found["href"][1:])
        for key in ("aria-labelledby", "aria-describedby"):
            self.refs.extend(found.get(key, "").split())
        if "rd-report" in found.get("class", "").split():
            self.reports.append(found["class"])


def parsed(html: str) -> Ids:
    parser = Ids()
    parser.feed(html)
    return parser


def build(cli, tmp_path, name: str, *options: str) -> str:
    out = tmp_path / name
    result = cli("build", SAMPLES, "--fragment", "--out", out, "--quiet", *options)
    assert result.status == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_the_same_report_twice_on_one_page_has_unique_ids(cli, tmp_path):
    first = build(cli, tmp_path, "a.html", "--id-prefix", "progress-")
    second = build(cli, tmp_path, "b.html", "--id-prefix", "again-")
    page = parsed(f"<main><h1>Host</h1>{first}{second}</main>")
    assert len(page.ids) == len(set(page.ids)) > 40
    assert set(page.refs) <= set(page.ids)
    for html, prefix in ((first, "progress-"), (second, "again-")):
        own = parsed(html)
        assert all(i.startswith(prefix) for i in own.ids) and set(own.refs) <= set(own.ids)


def test_without_a_prefix_the_same_report_twice_repeats_its_ids(cli, tmp_path):
    """Why --id-prefix exists: the default prefix comes from the documents, the same in both copies."""
    html = build(cli, tmp_path, "a.html")
    page = parsed(html + html)
    assert len(page.ids) > len(set(page.ids))


@pytest.mark.parametrize("prefix", ["1abc", "a b", 'x"y', "a" * 41, "é"])
def test_an_id_prefix_that_would_make_bad_ids_is_refused(cli, prefix):
    result = cli("build", SAMPLES, "--id-prefix", prefix)
    assert result.status == 2 and "--id-prefix" in result.stderr


def test_css_href_links_the_stylesheet_where_the_host_serves_it(cli, tmp_path):
    css = tmp_path / "assets" / "reportdiff.css"
    css.parent.mkdir()
    html = build(cli, tmp_path, "a.html", "--css", str(css), "--css-href", "/assets/reportdiff.css")
    assert '<link rel="stylesheet" href="/assets/reportdiff.css">' in html and "<style" not in html
    assert css.read_text(encoding="utf-8").startswith("/*")
    absolute = build(cli, tmp_path, "b.html", "--css-href", "https://intranet.example/assets/rd.css")
    assert 'href="https://intranet.example/assets/rd.css"' in absolute and "<style" not in absolute


@pytest.mark.parametrize(
    "href",
    ["assets/rd.css", "../rd.css", "//evil.example/rd.css", "javascript:alert(1)", '/a"b.css', "/a b.css"],
)
def test_a_relative_or_unsafe_css_href_is_refused(cli, href):
    result = cli("build", SAMPLES, "--css-href", href)
    assert result.status == 2 and "--css-href" in result.stderr


@pytest.mark.parametrize(
    ("options", "scheme"), [((), "light"), (("--scheme", "auto"), "auto"), (("--scheme", "dark"), "dark")]
)
def test_the_fragment_wears_the_scheme_asked_for(cli, tmp_path, options, scheme):
    (classes,) = parsed(build(cli, tmp_path, "a.html", *options)).reports
    assert f"rd-scheme-{scheme}" in classes.split() and len(re.findall(r"rd-scheme-", classes)) == 1


def test_a_page_follows_the_reader_unless_told(cli, tmp_path):
    auto, light = tmp_path / "auto.html", tmp_path / "light.html"
    assert cli("build", SAMPLES, "--out", auto, "--quiet").status == 0
    assert cli("build", SAMPLES, "--out", light, "--scheme", "light", "--quiet").status == 0
    assert '<meta name="color-scheme" content="light dark">' in auto.read_text(encoding="utf-8")
    page = light.read_text(encoding="utf-8")
    assert '<meta name="color-scheme" content="light">' in page and "rd-scheme-light" in page
