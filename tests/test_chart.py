"""The timeline's geometry: no line, bar, band or dot crosses any text, no two texts overlap, everything stays
in the drawing, and only inspections that gave grades on a grading scale get a ring."""

from __future__ import annotations

from typing import Any

import pytest

from reportdiff.chart import text_width, timeline_chart
from reportdiff.context import build_context
from reportdiff.model import Inspection, PartialDate

Box = tuple[float, float, float, float]  # left, top, right, bottom


def inspection(
    n: int,
    year: int,
    month: int | None = None,
    label: str = "",
    kind: str = "inspection",
    end: PartialDate | None = None,
) -> Inspection:
    date = PartialDate(year, month)
    return Inspection(f"i{n}", date, end, label or date.label(), kind, ())


def text_box(
    x: float, baseline: float, text: str, size: float, anchor: str = "start", bold: bool = False
) -> Box:
    width = text_width(text, size, bold)
    left = x - width / 2 if anchor == "middle" else x
    return (left, baseline - size, left + width, baseline + size * 0.25)


def texts(chart: dict[str, Any]) -> list[Box]:
    """Every text the template draws, as a box."""
    boxes = [
        text_box(t["x"], chart["axis_y"] - 8, str(t["year"]), chart["tick_size"], "middle")
        for t in chart["ticks"]
    ]
    for m in chart["marks"]:
        boxes.append(text_box(chart["name_x"], m["label_y"], m["label"], chart["label_size"], bold=True))
        boxes.append(text_box(chart["name_x"], m["kind_y"], m["kind"], chart["note_size"]))
    boxes += [text_box(g["mid"], g["y"], g["text"], chart["gap_size"], "middle") for g in chart["gaps"]]
    return boxes


def shapes(chart: dict[str, Any]) -> list[Box]:
    """Every line, bar, band and dot the template draws, as a box (a line is a box of no width or height)."""
    top, bottom = chart["axis_y"], chart["grid_bottom"]
    boxes: list[Box] = [(chart["plot_x"], top, chart["width"], top)]
    boxes += [(t["x"], top, t["x"], bottom) for t in chart["ticks"]]
    boxes += [(g["x1"], top, g["x2"], bottom) for g in chart["gaps"]]
    for m in chart["marks"]:
        if m["x"] - 10 > chart["plot_x"]:
            boxes.append((chart["plot_x"], m["y"], m["x"] - 10, m["y"]))
        boxes.append((m["x"] - 6, m["y"] - 6, max(m["x"], m["x_end"]) + 6, m["y"] + 6))
    return boxes


def overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def check_layout(chart: dict[str, Any]) -> None:
    words, drawn = texts(chart), shapes(chart)
    crossing = [(w, s) for w in words for s in drawn if overlap(w, s)]
    assert not crossing, crossing[:3]
    touching = [(a, b) for n, a in enumerate(words) for b in words[n + 1 :] if overlap(a, b)]
    assert not touching, touching[:3]
    for left, top, right, bottom in words + drawn:
        assert left >= 0 and right <= chart["width"] and top >= 0 and bottom <= chart["height"]


CASES = {
    "one": (inspection(0, 2020, 5),),
    "a year's cluster": tuple(inspection(n, 2013, m) for n, m in enumerate((1, 3, 6, 10))),
    "spans and gaps": (
        inspection(0, 2001, 2),
        inspection(1, 2004, 11, end=PartialDate(2005, 1)),
        inspection(2, 2012),
        inspection(3, 2014, 3),
        inspection(4, 2020, 11, end=PartialDate(2020, 12)),
    ),
    "forty years": tuple(inspection(n, 1985 + 2 * n, 6) for n in range(20)),
    "long names": (
        inspection(
            0,
            2010,
            1,
            "The joint targeted area inspection of the multi-agency response",
            "joint targeted area inspection with four inspectorates",
        ),
        inspection(1, 2019, 7, kind="post-inspection review"),
    ),
    "gaps side by side": (inspection(0, 2000), inspection(1, 2003), inspection(2, 2006), inspection(3, 2009)),
}


@pytest.mark.parametrize("name", CASES)
def test_no_line_crosses_text_and_nothing_leaves_the_drawing(name):
    check_layout(timeline_chart(CASES[name]))


def test_the_samples_timeline_is_drawn_clear(samples_report):
    check_layout(build_context(samples_report)["timeline_chart"])


def test_a_name_too_long_for_its_column_is_cut_at_the_end():
    chart = timeline_chart(CASES["long names"])
    assert chart["marks"][0]["label"].endswith("\u2026")
    assert chart["marks"][1]["label"] == "July 2019"


def test_only_inspections_with_grades_on_a_grading_scale_are_ringed(samples_report):
    chart = build_context(samples_report)["timeline_chart"]
    graded = {g.inspection for g in samples_report.grades if g.graded}
    assert graded and {m["id"] for m in chart["marks"] if m["graded"]} == graded
    described = {g.inspection for g in samples_report.grades if g.grades}
    assert described - graded, "the samples' 2013 judgement is in words, not a grade: no ring"


def test_by_default_a_ring_marks_an_inspection_with_a_grade_note():
    chart = timeline_chart(CASES["a year's cluster"], {"i0": "", "i1": "graded good"})
    assert [m["graded"] for m in chart["marks"]] == [False, True, False, False]


def test_year_labels_leave_room_between_them():
    ticks = timeline_chart(CASES["forty years"])["ticks"]
    assert len(ticks) >= 4
    assert all(b["x"] - a["x"] >= 46 for a, b in zip(ticks, ticks[1:], strict=False))


def test_the_scale_of_grades_is_named_once_per_inspection(samples_report):
    from reportdiff.render import render_html

    html = render_html(build_context(samples_report)).decode("utf-8")
    timeline = html[html.index('class="rd-inspections"') :]
    timeline = timeline[: timeline.index("</ol>")]
    for scale in {g.scale_label for grades in samples_report.grades for g in grades.grades}:
        assert timeline.count(scale[1:]) == len(
            [g for g in samples_report.grades if any(a.scale_label == scale for a in g.grades)]
        )
