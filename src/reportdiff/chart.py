"""Geometry for the timeline drawing: one row per inspection, its name in a column on the left and its mark
placed by date on a shared year axis on the right, gaps of years shaded. No line crosses text: grid lines,
bars and bands stay in the plot, names in their column, year labels above the plot and gap labels below it."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .model import Inspection, PartialDate

CHART_WIDTH = 720
ROW = 36  # the height of one inspection's row
AXIS_Y = 26  # the year axis; year labels sit above it
PLOT_PAD = 18  # room for half a year label beyond the first and last years
LABEL_SIZE, NOTE_SIZE, TICK_SIZE, GAP_SIZE = 14, 12, 12, 12  # font sizes in the drawing's pixels
# Generous average character widths, in em, of the sans fonts the chart is drawn in (DejaVu Sans, the widest).
EM_WIDTH, BOLD_EM_WIDTH = 0.62, 0.7
NAME_COLUMN = (150, 280)  # the name column's narrowest and widest widths; longer names are cut with "…"
MIN_TICK_SPACE = 46  # the least room between two year labels
GAP_YEARS = 2  # gaps this long or longer are shaded and labelled


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is drawn at `size`, generously: to fit names and to check that nothing overlaps."""
    return round(len(text) * size * (BOLD_EM_WIDTH if bold else EM_WIDTH), 1)


def timeline_chart(
    inspections: tuple[Inspection, ...],
    notes: dict[str, str] | None = None,
    graded: Collection[str] | None = None,
) -> dict[str, Any]:
    """Positions for the timeline drawing, in pixels of a `width` x `height` view box.

    `notes` maps an inspection id to its grades in a few words (for the description); `graded` lists the ids
    that gave grades and so get a ring (by default, those with a note). Shape: ticks [{year, x}], marks [{id,
    label, kind, x, x_end, y, label_y, kind_y, graded, row}], gaps [{x1, x2, mid, y, text, years, from, to}],
    plot_x, name_x, axis_y, grid_bottom, label_size, note_size, tick_size, gap_size, description."""
    notes = notes or {}
    rings = {i for i, note in notes.items() if note} if graded is None else set(graded)
    column = _name_column(inspections)
    plot = (column + 2 * PLOT_PAD, CHART_WIDTH - PLOT_PAD)
    start, end = _years(inspections)
    marks = [
        _mark(i, row, _scale(plot, start, end), i.id in rings, column) for row, i in enumerate(inspections)
    ]
    bottom = AXIS_Y + 8 + len(marks) * ROW
    gaps = _gaps(inspections, marks, bottom + 8 + GAP_SIZE)
    lanes = max((g["lane"] + 1 for g in gaps), default=0)
    return {
        "width": CHART_WIDTH,
        "height": bottom + 8 + lanes * (GAP_SIZE + 6),
        "marks": marks,
        "ticks": _ticks(start, end, _scale(plot, start, end)),
        "gaps": gaps,
        "gap_years": GAP_YEARS,
        "plot_x": plot[0],
        "name_x": 0,
        "axis_y": AXIS_Y,
        "grid_bottom": bottom,
        "label_size": LABEL_SIZE,
        "note_size": NOTE_SIZE,
        "tick_size": TICK_SIZE,
        "gap_size": GAP_SIZE,
        "description": _chart_description(inspections, notes, gaps),
    }


def _name_column(inspections: tuple[Inspection, ...]) -> float:
    """The width of the name column: the widest name or kind, within NAME_COLUMN."""
    widest = max(
        (max(text_width(i.label, LABEL_SIZE, True), text_width(i.kind, NOTE_SIZE)) for i in inspections),
        default=0.0,
    )
    return min(max(widest, NAME_COLUMN[0]), NAME_COLUMN[1])


def _years(inspections: tuple[Inspection, ...]) -> tuple[int, int]:
    """The axis's first and last year: the first inspection's year, and the year after the last one ends."""
    if not inspections:
        return 0, 2
    start = min(i.date.year for i in inspections)
    end = max((i.end or i.date).year for i in inspections) + 1
    return start, max(end, start + 2)


def _scale(plot: tuple[float, float], start: int, end: int) -> tuple[float, float, int, int]:
    return (*plot, start, end)


def _x(value: float, scale: tuple[float, float, int, int]) -> float:
    left, right, start, end = scale
    return round(left + (value - start) / (end - start) * (right - left), 1)


def _when(date: PartialDate) -> float:
    """A partial date as a fractional year; an unknown month counts as mid-year."""
    return date.year + ((date.month or 7) - 1) / 12


def _ticks(start: int, end: int, scale: tuple[float, float, int, int]) -> list[dict[str, Any]]:
    """A year label every one, two, five or ten years: the least step that leaves room between labels."""
    per_year = (scale[1] - scale[0]) / (end - start)
    step = next((s for s in (1, 2, 5, 10) if s * per_year >= MIN_TICK_SPACE), 20)
    return [{"year": y, "x": _x(y, scale)} for y in range(start, end + 1) if (y - start) % step == 0]


def _mark(
    inspection: Inspection, row: int, scale: tuple[float, float, int, int], graded: bool, column: float
) -> dict[str, Any]:
    x = _x(_when(inspection.date), scale)
    x_end = _x(_when(inspection.end), scale) if inspection.end else x
    y = AXIS_Y + 8 + row * ROW + ROW // 2
    return {
        "id": inspection.id,
        "label": _fit(inspection.label, LABEL_SIZE, column, True),
        "kind": _fit(inspection.kind, NOTE_SIZE, column),
        "row": row,
        "graded": graded,
        "x": x,
        "x_end": x_end,
        "y": y,
        "label_y": y - 3,
        "kind_y": y + NOTE_SIZE + 2,
    }


def _fit(text: str, size: float, room: float, bold: bool = False) -> str:
    """`text` cut with "…" to fit `room` at `size` (the list below the chart gives it whole)."""
    if text_width(text, size, bold) <= room:
        return text
    keep = int(room / text_width("m", size, bold)) - 1
    return text[: max(keep, 1)].rstrip() + "\u2026"


def _gaps(inspections: tuple[Inspection, ...], marks: list[dict[str, Any]], y: int) -> list[dict[str, Any]]:
    """The gaps of GAP_YEARS or more between successive inspections, labelled in lanes that never overlap."""
    gaps: list[dict[str, Any]] = []
    for n in range(1, len(inspections)):
        before, after = inspections[n - 1], inspections[n]
        span = _when(after.date) - _when(before.end or before.date)
        if span < GAP_YEARS:
            continue
        x1, x2 = max(m["x_end"] for m in marks[:n]), marks[n]["x"]
        if x2 <= x1:
            continue
        text = f"{round(span)}-year gap"
        half = text_width(text, GAP_SIZE) / 2  # the label stays inside the drawing
        mid = round(min(max((x1 + x2) / 2, half), CHART_WIDTH - half), 1)
        lane = _free_lane(gaps, mid, 2 * half)
        gaps.append(
            {
                "x1": x1,
                "x2": x2,
                "mid": mid,
                "y": y + lane * (GAP_SIZE + 6),
                "lane": lane,
                "years": round(span),
                "text": text,
                "from": before.label,
                "to": after.label,
            }
        )
    return gaps


def _free_lane(gaps: list[dict[str, Any]], mid: float, width: float) -> int:
    """The first lane where a label centred on `mid` touches no earlier gap label."""
    lane = 0
    while any(
        g["lane"] == lane and abs(g["mid"] - mid) < (width + text_width(g["text"], GAP_SIZE)) / 2 + 8
        for g in gaps
    ):
        lane += 1
    return lane


def _chart_description(
    inspections: tuple[Inspection, ...], notes: dict[str, str], gaps: list[dict[str, Any]]
) -> str:
    """The chart in words, for its alt text."""
    items = "; ".join(
        f"{i.label}, {i.kind}" + (f", {notes[i.id]}" if notes.get(i.id) else "") for i in inspections
    )
    many = "inspection or visit" if len(inspections) == 1 else "inspections and visits"
    text = f"{len(inspections)} {many}: {items}." if inspections else "No inspections."
    if gaps:
        text += (
            " Gaps: " + "; ".join(f"{g['years']} years between {g['from']} and {g['to']}" for g in gaps) + "."
        )
    return text
