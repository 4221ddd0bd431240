"""Stage 8, render: lay the context out as HTML (page or fragment), Markdown, JSON or PDF with jinja2 templates."""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from .errors import OutputError
from .sanitize import balance_bidi, breakable, has_bidi, isolate_bidi

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json",
           ".pdf": "pdf"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
FONT_FILES = (("DejaVu Sans", "normal", "DejaVuSans.ttf"), ("DejaVu Sans", "bold", "DejaVuSans-Bold.ttf"))


def templates_dir() -> Path:
    """The templates folder: the copy packaged in the wheel if present, else the checkout's top-level one."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def escape_markdown(value: Any) -> str:
    """Document text made inert in Markdown: special characters backslashed, line breaks folded."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


@jinja2.pass_eval_context
def isolate_value(eval_ctx: jinja2.nodes.EvalContext, value: Any) -> Any:
    """Every value a template shows, with its bidi controls kept to itself: in HTML a <bdi> element, in Markdown a
    Unicode isolate, so a right-to-left override in a document cannot run on into the tool's own words."""
    if not isinstance(value, str) or isinstance(value, markupsafe.Markup) or not has_bidi(value):
        return value
    if eval_ctx.autoescape:
        return markupsafe.Markup("<bdi>%s</bdi>") % balance_bidi(value)
    return isolate_bidi(value)


def _autoescape(name: str | None) -> bool:
    # select_autoescape() would miss names ending ".html.j2"; every HTML template here is escaped.
    return name is not None and name.endswith((".html.j2", ".svg.j2"))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The single jinja2 Environment: HTML autoescaped, undefined names an error, whitespace tidy."""
    env = jinja2.Environment(
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
        raise OutputError(f"unknown output format {path.suffix or '(none)'!r} (use .html, .md, .json or .pdf)",
                          str(path))
    return fmt


def render_json(context: dict[str, Any]) -> bytes:
    """The context as JSON, one top-level key a line and one list item a line: readable and diffable. Each piece goes
    through json's C encoder and straight to UTF-8 bytes, so a large report is held once as bytes, not as several
    copies of a wide string."""
    chunks = [b"{\n"]
    for number, (key, value) in enumerate(context.items()):
        head = (",\n" if number else "") + f"  {json.dumps(key)}: "
        if isinstance(value, list) and value:
            chunks.append(f"{head}[\n    ".encode("utf-8"))
            chunks.extend((",\n    " if n else "").encode("utf-8") + utf8(_compact(item))
                          for n, item in enumerate(value))
            chunks.append(b"\n  ]")
        else:
            chunks.append(utf8(head + _compact(value)))
    chunks.append(b"\n}\n")
    return b"".join(chunks)


def utf8(text: str) -> bytes:
    """Text as UTF-8. A file path the locale could not decode is held as surrogates, which UTF-8 cannot encode:
    such text is shown as its bytes read as UTF-8, with U+FFFD for bytes that are not (as file names are shown)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8")
    except UnicodeEncodeError:  # a surrogate that stands for no byte: no text anywhere should hold one
        return text.encode("utf-8", "replace")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render_markdown(context: dict[str, Any]) -> bytes:
    return utf8(environment().get_template("report.md.j2").render(ctx=context, **_lookups(context)))


def stylesheet(for_pdf: bool = False) -> str:
    """The report's CSS, every selector under `.rd-report`; for the PDF, also the shipped fonts and paged rules."""
    css = (templates_dir() / "style.css").read_text(encoding="utf-8")
    if for_pdf:
        css = _font_faces() + css + (templates_dir() / "print.css").read_text(encoding="utf-8")
    return css


def inline_css(for_pdf: bool = False) -> markupsafe.Markup:
    """The stylesheet for a <style> element. It is the project's own file, never document text, so it is marked
    safe: autoescaping would turn its quotes into entities, which CSS does not decode."""
    return markupsafe.Markup(stylesheet(for_pdf))


def render_html(context: dict[str, Any], fragment: bool = False, css_href: str | None = None,
                id_prefix: str | None = None, for_pdf: bool = False) -> bytes:
    """The standalone page or the embeddable fragment; with `css_href`, no inline style at all."""
    template = "fragment.html.j2" if fragment else "report.html.j2"
    prefix = id_prefix if id_prefix is not None else default_prefix(context)
    html = environment().get_template(template).render(
        ctx=context, css=None if css_href else inline_css(for_pdf), css_href=css_href, p=prefix,
        for_pdf=for_pdf, fragment=fragment, **_lookups(context))
    return utf8(html)


def pdf_document(context: dict[str, Any]) -> Any:
    """The standalone page laid out by weasyprint as a `weasyprint.Document`: pages, bookmarks and metadata."""
    import weasyprint  # type: ignore[import-untyped]  # imported here: loading Pango is slow; only PDFs need it

    # Long unbroken tokens get break opportunities: weasyprint breaks one itself in quadratic time.
    html = render_html(breakable(context), for_pdf=True).decode("utf-8")
    return weasyprint.HTML(string=html, base_url=str(templates_dir())).render()


def render_pdf(context: dict[str, Any]) -> bytes:
    """The standalone HTML through weasyprint; dates come from the page's dcterms meta tags, not the clock."""
    return bytes(pdf_document(context).write_pdf())


def default_prefix(context: dict[str, Any]) -> str:
    """An id prefix unique to the report's documents, so two reports can share a page."""
    digest = hashlib.sha256("".join(d["sha256"] for d in context["documents"]).encode()).hexdigest()
    return f"rd{digest[:6]}-"


def _lookups(context: dict[str, Any]) -> dict[str, Any]:
    return {
        "finding_by_id": {f["id"]: f for f in context["findings"]},
        "document_by_id": {d["id"]: d for d in context["documents"]},
        "inspection_by_id": {i["id"]: i for i in context["inspections"]},
        "theme_by_id": {t["id"]: t for t in context["themes"]},
    }


def _font_faces() -> str:
    # Fonts by relative URL (weasyprint resolves them against templates_dir()): a base64 data URI would
    # cost seconds of CSS tokenizing on every PDF.
    return "".join(f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
                   f"src: url('fonts/{name}') format('truetype'); }}\n" for family, weight, name in FONT_FILES)


def render(context: dict[str, Any], fmt: str, fragment: bool = False, css_href: str | None = None) -> bytes:
    """Bytes of one output format."""
    if fmt == "json":
        return render_json(context)
    if fmt == "markdown":
        return render_markdown(context)
    if fmt == "pdf":
        return render_pdf(context)
    return render_html(context, fragment=fragment, css_href=css_href)


def render_diff(changes: dict[str, Any], fmt: str) -> bytes:
    """A changelog between two builds or two documents, in any output format."""
    if fmt == "json":
        return render_json(changes)
    if fmt == "markdown":
        return utf8(environment().get_template("diff.md.j2").render(d=changes))
    changes = breakable(changes) if fmt == "pdf" else changes
    html = environment().get_template("diff.html.j2").render(d=changes, css=inline_css(fmt == "pdf"))
    if fmt == "pdf":
        import weasyprint

        return bytes(weasyprint.HTML(string=html, base_url=str(templates_dir())).write_pdf())
    return utf8(html)
