"""Stage render: lay the context out as HTML (page or fragment), Markdown or PDF with jinja2 templates; JSON
is the contract (`contract.py`) as written."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from .errors import OutputError
from .sanitize import balance_bidi, breakable, has_bidi, isolate_bidi

FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".pdf": "pdf",
}
# The template that lays out each view of the context in each templated format; JSON is the report's contract
# (or a selection's context as it stands), and PDF is a view's HTML (for_pdf) through weasyprint. `report` is
# the whole report, `summary` its compact Markdown; `diff` and `inspect` are selections of the same context
# (`context.select_diff`, `context.select_inspection`).
TEMPLATES = {
    ("report", "html"): "report.html.j2",
    ("report", "fragment"): "fragment.html.j2",
    ("report", "markdown"): "report.md.j2",
    ("summary", "markdown"): "summary.md.j2",
    ("diff", "html"): "diff.html.j2",
    ("diff", "fragment"): "diff.html.j2",
    ("diff", "markdown"): "diff.md.j2",
    ("inspect", "text"): "inspect.txt.j2",
}
# Markdown escaping, only where GitHub-flavoured Markdown would read markup: characters that open emphasis,
# code, links, raw HTML, table cells or strike-through anywhere in a line; an entity; and a block marker
# (heading, quote, list item) at the start of a value. Brackets are escaped, so parentheses and "!" after them
# stay plain text.
_MD_INLINE = re.compile(r"([\\`*_\[\]<|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_BLOCK_START = re.compile(r"^(\d*)([#>+=.)-])")
# How an HTML output sits in its page: the colour schemes, an id prefix, a stylesheet link a host page can
# reach.
SCHEMES = ("light", "dark", "auto")
ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")
CSS_HREF = re.compile(r"(https?://[^\s\"'<>\\]+|/(?!/)[^\s\"'<>\\]*)")
ELSEWHERE = "the HTML and JSON reports"  # when a build writes neither beside the PDF
FONT_FILES = (("DejaVu Sans", "normal", "DejaVuSans.ttf"), ("DejaVu Sans", "bold", "DejaVuSans-Bold.ttf"))


def templates_dir() -> Path:
    """The templates folder: the copy packaged in the wheel if present, else the checkout's top-level one."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def escape_markdown(value: Any) -> str:
    """Document text made inert in Markdown: line breaks folded, a backslash before each character that would
    start markup there, and none elsewhere (so "(HMICFRS, 2025)" stays as written)."""
    text = _MD_INLINE.sub(r"\\\1", " ".join(str(value).split()))
    return _MD_BLOCK_START.sub(_escape_marker, _MD_ENTITY.sub("\\\\&", text))


def _escape_marker(match: re.Match[str]) -> str:
    """A backslash before a leading block marker: "\\# 5", "2019\\. It"; a number alone marks nothing."""
    number, marker = match.groups()
    if bool(number) != (marker in ".)"):  # "2019 #5" and ".net" start no block
        return match.group()
    return f"{number}\\{marker}"


@jinja2.pass_eval_context
def isolate_value(eval_ctx: jinja2.nodes.EvalContext, value: Any) -> Any:
    """Every value a template shows, with its bidi controls kept to itself: in HTML a <bdi> element, in
    Markdown a Unicode isolate, so a right-to-left override in a document cannot run on into the tool's own
    words."""
    if type(value) is str and value.isascii():  # most values; no bidi control is ASCII
        return value
    if not isinstance(value, str) or isinstance(value, markupsafe.Markup) or not has_bidi(value):
        return value
    if eval_ctx.autoescape:
        return markupsafe.Markup("<bdi>%s</bdi>") % balance_bidi(value)
    return isolate_bidi(value)


def _autoescape(name: str | None) -> bool:
    # select_autoescape() would miss names ending ".html.j2"; every HTML template here is escaped.
    return name is not None and name.endswith((".html.j2", ".svg.j2"))


# What `x.name` finds on a dict before its item of that name (`x.items` is the method): looked up as before.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """jinja2's Environment, with `x.name` on the context's dicts looked up as an item first. The default
    tries the attribute first, and a failed attribute lookup costs an exception each time (a third of an HTML
    render). The answer is the same: a dict has no attribute of any other name."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The single jinja2 Environment: HTML autoescaped, undefined names an error, whitespace tidy."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=isolate_value,
    )
    env.filters["md"] = escape_markdown
    return env


def format_for(path: Path) -> str:
    """The output format a file name asks for."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise OutputError(
            f"unknown output format {path.suffix or '(none)'!r} (use .html, .md, .json or .pdf)", str(path)
        )
    return fmt


def render_json(context: dict[str, Any]) -> bytes:
    """Data as JSON, one top-level key a line and one list item a line: readable and diffable. Each piece goes
    through json's C encoder and straight to UTF-8 bytes, so a large report is held once as bytes, not as
    several copies of a wide string."""
    chunks = [b"{\n"]
    for number, (key, value) in enumerate(context.items()):
        head = (",\n" if number else "") + f"  {json.dumps(key)}: "
        if isinstance(value, list) and value:
            chunks.append(f"{head}[\n    ".encode())
            chunks.extend(
                (",\n    " if n else "").encode("utf-8") + utf8(_compact(item))
                for n, item in enumerate(value)
            )
            chunks.append(b"\n  ]")
        else:
            chunks.append(utf8(head + _compact(value)))
    chunks.append(b"\n}\n")
    return b"".join(chunks)


def utf8(text: str) -> bytes:
    """Text as UTF-8. A file path the locale could not decode is held as surrogates, which UTF-8 cannot
    encode: such text is shown as its bytes read as UTF-8, with U+FFFD for bytes that are not (as file names
    are shown)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8")
    except UnicodeEncodeError:  # a surrogate that stands for no byte: no text anywhere should hold one
        return text.encode("utf-8", "replace")


# Built once: json.dumps with any option builds a new encoder on every call, once per item of a large report.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _compact(value: Any) -> str:
    return _COMPACT.encode(value)


def render_markdown(context: dict[str, Any], view: str = "report") -> bytes:
    """The view as Markdown, document text escaped."""
    return utf8(_template(view, "markdown").render(ctx=context, **_lookups(context)))


def render_text(context: dict[str, Any], view: str = "inspect") -> bytes:
    """The view as plain text for a terminal."""
    return utf8(_template(view, "text").render(ctx=context))


def _template(view: str, fmt: str) -> jinja2.Template:
    name = TEMPLATES.get((view, fmt))
    if name is None:
        raise OutputError(f"the {view} view has no {fmt} format")
    return environment().get_template(name)


def stylesheet(for_pdf: bool = False) -> str:
    """The report's CSS, every selector under `.rd-report`; for the PDF, also the shipped fonts and page
    rules."""
    css = (templates_dir() / "style.css").read_text(encoding="utf-8")
    if for_pdf:
        css = _font_faces() + css + (templates_dir() / "print.css").read_text(encoding="utf-8")
    return css


def inline_css(for_pdf: bool = False) -> markupsafe.Markup:
    """The stylesheet for a <style> element. It is the project's own file, never document text, so it is
    marked safe: autoescaping would turn its quotes into entities, which CSS does not decode."""
    return markupsafe.Markup(stylesheet(for_pdf))


def render_html(
    context: dict[str, Any],
    fragment: bool = False,
    css_href: str | None = None,
    id_prefix: str | None = None,
    for_pdf: bool = False,
    view: str = "report",
    scheme: str | None = None,
    more_in: str = "",
) -> bytes:
    """The standalone page or the embeddable fragment; with `css_href`, no inline style at all. `scheme` is
    light, dark or auto (the reader's preference); by default a page follows the reader and a fragment,
    sitting in a host page of its own colours, is light. `more_in` names the outputs a printed report points
    to."""
    template = _template(view, "fragment" if fragment else "html")
    prefix = id_prefix if id_prefix is not None else default_prefix(context)
    html = template.render(
        ctx=context,
        css=None if css_href else inline_css(for_pdf),
        css_href=css_href,
        p=prefix,
        for_pdf=for_pdf,
        fragment=fragment,
        scheme=color_scheme(scheme, fragment, for_pdf),
        more_in=more_in or ELSEWHERE,
        **_lookups(context),
    )
    return utf8(html)


def color_scheme(asked: str | None, fragment: bool, for_pdf: bool) -> str:
    """The colour scheme an HTML output wears: paper is light; else as asked, or the default for its place."""
    if for_pdf:
        return "light"
    return asked or ("light" if fragment else "auto")


def elsewhere(outs: Sequence[Path]) -> str:
    """Where a printed report's reader finds what it leaves out: the build's HTML and JSON outputs by name."""
    names = [out.name for out in outs if FORMATS.get(out.suffix.lower()) in ("html", "json")]
    return " and ".join(names) if names else ELSEWHERE


def pdf_document(context: dict[str, Any], view: str = "report", more_in: str = "") -> Any:
    """The view's standalone page laid out by weasyprint as a `weasyprint.Document`: pages, bookmarks,
    metadata, and the structure tree of a tagged PDF (headings, lists, tables with their header cells,
    figures)."""
    import weasyprint  # type: ignore[import-untyped]  # imported here: loading Pango is slow; only PDFs need it

    # Long unbroken tokens get break opportunities: weasyprint breaks one itself in quadratic time.
    html = render_html(breakable(context), for_pdf=True, view=view, more_in=more_in).decode("utf-8")
    return weasyprint.HTML(string=html, base_url=str(templates_dir())).render(pdf_tags=True)


def render_pdf(context: dict[str, Any], view: str = "report", more_in: str = "") -> bytes:
    """The standalone HTML through weasyprint, tagged for screen readers (PDF/UA-minded: title shown,
    language, structure); dates come from the page's dcterms meta tags, not the clock."""
    return bytes(pdf_document(context, view, more_in).write_pdf(pdf_tags=True))


def default_prefix(context: dict[str, Any]) -> str:
    """An id prefix unique to the report's documents, so two reports can share a page."""
    digest = hashlib.sha256("".join(d["sha256"] for d in context.get("documents", [])).encode()).hexdigest()
    return f"rd{digest[:6]}-"


def _lookups(context: dict[str, Any]) -> dict[str, Any]:
    """Records by id for the templates; a selection without some list gets an empty lookup."""
    return {
        f"{name}_by_id": {item["id"]: item for item in context.get(key, [])}
        for name, key in (
            ("finding", "findings"),
            ("document", "documents"),
            ("inspection", "inspections"),
            ("theme", "themes"),
        )
    }


def _font_faces() -> str:
    # Fonts by relative URL (weasyprint resolves them against templates_dir()): a base64 data URI would
    # cost seconds of CSS tokenizing on every PDF.
    return "".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
        f"src: url('fonts/{name}') format('truetype'); }}\n"
        for family, weight, name in FONT_FILES
    )


def render(
    context: dict[str, Any], fmt: str, view: str = "report", data: dict[str, Any] | None = None, **html: Any
) -> bytes:
    """Bytes of one view in one output format: the one render path for each format. JSON is `data` (the
    report's JSON contract, `contract.build_contract`) where given, else the view's context; `html` places an
    HTML output in its page (`render_html`'s fragment, css_href, id_prefix, scheme) and names, for a PDF, the
    outputs it points to (more_in)."""
    if fmt == "json":
        return render_json(context if data is None else data)
    if fmt == "markdown":
        return render_markdown(context, view)
    if fmt == "text":
        return render_text(context, view)
    if fmt == "pdf":
        return render_pdf(context, view, html.get("more_in", ""))
    return render_html(context, view=view, **html)
