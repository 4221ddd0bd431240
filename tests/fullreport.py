"""Realistic full inspection reports for tests, written here and rendered to PDF with weasyprint on demand."""

from __future__ import annotations

from pathlib import Path

PAGE_CSS = """
@page { size: A4; margin: 25mm 20mm;
  @top-center { content: "Southshire Police – National child protection inspection"; font-size: 9pt; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
body { font-family: 'DejaVu Sans'; font-size: 11pt; line-height: 1.5; }
h2 { break-before: page; }
"""

FILLER = (
    "<p>Inspectors reviewed {n} case files, spoke with officers and staff in the public protection unit, and "
    "observed meetings with partner agencies. The findings in this chapter are drawn from that evidence and "
    "from the force's own data, which inspectors tested against the case files they reviewed.</p>"
)


def report_2019() -> str:
    return f"""<html><head>\
<meta charset="utf-8"><title>Southshire Police: child protection inspection 2019</title>
<style>{PAGE_CSS}</style></head><body>
<h1>Southshire Police: National child protection inspection</h1>
<p>Published on: 14 May 2019</p>
<p>We inspected Southshire Police in February 2019.</p>
<h2>1 Summary</h2>
<p>The force was graded as 'requires improvement' at protecting children from harm.</p>
{FILLER.format(n=40)}{FILLER.format(n=12)}
<h2>2 Causes of concern</h2>
<p>The force does not consistently assess the risk to children who go missing from home.</p>
<h3>Recommendations</h3>
<p>1. Within three months, the force should ensure that every child reported missing from home is risk \
assessed by a supervisor.</p>
<p>2. The force should improve the supervision of child abuse investigations.</p>
{FILLER.format(n=25)}{FILLER.format(n=30)}{FILLER.format(n=18)}
<h2>3 Areas for improvement</h2>
<ul><li>The force should improve how officers record the views and wishes of children.</li></ul>
{FILLER.format(n=16)}{FILLER.format(n=22)}
<h2>4 Innovative practice</h2>
<p>The force's joint missing-children team with social care works well and finds missing children quickly.</p>
</body></html>"""


def report_2024() -> str:
    return f"""<html><head>\
<meta charset="utf-8"><title>Southshire Police: child protection inspection 2024</title>
<style>{PAGE_CSS}</style></head><body>
<h1>Southshire Police: National child protection inspection</h1>
<p>Published on: 3 June 2024</p>
<p>We inspected Southshire Police in January 2024.</p>
<h2>1 Summary</h2>
<p>The force was graded as 'good' at protecting children from harm, and as 'inadequate' at investigating \
child abuse.</p>
{FILLER.format(n=50)}{FILLER.format(n=14)}
<h2>2 Recommendations</h2>
<p>Recommendation 1: By December 2024, the force should improve how supervisors oversee child abuse \
investigations.</p>
{FILLER.format(n=21)}{FILLER.format(n=33)}
<h2>3 Our findings</h2>
<p>Every child reported missing from home is now risk assessed promptly by a supervisor.</p>
{FILLER.format(n=19)}{FILLER.format(n=27)}
</body></html>"""


def write_pdf(html: str, path: Path) -> Path:
    import weasyprint

    weasyprint.HTML(string=html).write_pdf(str(path))
    return path


def write_reports(folder: Path) -> list[Path]:
    """Both reports as PDFs in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_pdf(report_2019(), folder / "southshire-2019.pdf"),
        write_pdf(report_2024(), folder / "southshire-2024.pdf"),
    ]
