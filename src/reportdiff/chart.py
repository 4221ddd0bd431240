"""Geometry for the timeline drawing: inspections placed by date on a shared year axis, gaps of years marked."""
from __future__ import annotations

from typing import Any

from .model import Inspection, PartialDate

CHART_WIDTH = 760
CHART_MARGIN = 48
CHART_AXIS_Y = 24
CHART_ROW = 34
GAP_YEARS = 2  # gaps this long or longer are labelled on the chart


def timeline_chart(inspections: tuple[Inspection, ...], notes: dict[str, str] | None = None) -> dict[str, Any]:
    """Positions for the time-axis drawing: one row per inspection, each placed by its date on a shared year axis.

    `notes` maps an inspection id to its grades in a few words. Shape: ticks [{year, x}], marks [{id, label, kind,
    note, x, x_end, y, label_y, kind_y, text_x, anchor, row}], gaps [{x1, x2, mid, y, text}], plus a description.
    """
    notes = notes or {}
    if not inspections:
        return {"width": CHART_WIDTH, "height": 60, "marks": [], "ticks": [], "gaps": [], "gap_years": GAP_YEARS,
                "axis_y": 30,
                "grid_bottom": 30, "description": "No inspections."}
    start = inspections[0].date.year
    end = max((i.end or i.date).year for i in inspections) + 1
    end = max(end, start + 2)
    marks = [_mark(i, row, start, end, notes.get(i.id, "")) for row, i in enumerate(inspections)]
    bottom = CHART_AXIS_Y + 14 + len(marks) * CHART_ROW
    gaps = _gaps(inspections, marks, bottom + 16)
    return {"width": CHART_WIDTH, "height": bottom + (24 if gaps else 6), "marks": marks,
            "ticks": _ticks(start, end), "gaps": gaps, "gap_years": GAP_YEARS, "axis_y": CHART_AXIS_Y,
            "grid_bottom": bottom,
            "description": _chart_description(inspections, notes, gaps)}


def _chart_x(value: float, start: int, end: int) -> float:
    return round(CHART_MARGIN + (value - start) / (end - start) * (CHART_WIDTH - 2 * CHART_MARGIN), 1)


def _when(date: PartialDate) -> float:
    """A partial date as a fractional year; an unknown month counts as mid-year."""
    return date.year + ((date.month or 7) - 1) / 12


def _ticks(start: int, end: int) -> list[dict[str, Any]]:
    step = 1 if end - start <= 14 else 2 if end - start <= 28 else 5
    return [{"year": y, "x": _chart_x(y, start, end)} for y in range(start, end + 1) if (y - start) % step == 0]


def _mark(inspection: Inspection, row: int, start: int, end: int, note: str) -> dict[str, Any]:
    x = _chart_x(_when(inspection.date), start, end)
    x_end = _chart_x(_when(inspection.end), start, end) if inspection.end else x
    y = CHART_AXIS_Y + 30 + row * CHART_ROW
    rightwards = x_end <= CHART_WIDTH * 0.55
    return {"id": inspection.id, "label": inspection.label, "kind": inspection.kind, "row": row,
            "note": f"{inspection.kind}; {note}" if note else inspection.kind, "graded": bool(note),
            "x": x, "x_end": x_end, "y": y, "label_y": y + 4, "kind_y": y + 17,
            "text_x": x_end + 10 if rightwards else x - 10, "anchor": "start" if rightwards else "end"}


def _gaps(inspections: tuple[Inspection, ...], marks: list[dict[str, Any]], y: int) -> list[dict[str, Any]]:
    gaps = []
    for n in range(1, len(inspections)):
        before, after = inspections[n - 1], inspections[n]
        span = _when(after.date) - _when(before.end or before.date)
        years = round(span)
        if span >= GAP_YEARS:
            x1, x2 = marks[n - 1]["x_end"], marks[n]["x"]
            gaps.append({"x1": x1, "x2": x2, "mid": round((x1 + x2) / 2, 1), "y": y, "years": years,
                         "text": f"{years}-year gap", "from": before.label, "to": after.label})
    return gaps


def _chart_description(inspections: tuple[Inspection, ...], notes: dict[str, str],
                       gaps: list[dict[str, Any]]) -> str:
    """The chart in words, for its alt text."""
    items = "; ".join(f"{i.label}, {i.kind}" + (f", {notes[i.id]}" if notes.get(i.id) else "")
                      for i in inspections)
    text = f"{len(inspections)} {'inspection or visit' if len(inspections) == 1 else 'inspections and visits'}: {items}."
    if gaps:
        text += " Gaps: " + "; ".join(f"{g['years']} years between {g['from']} and {g['to']}" for g in gaps) + "."
    return text
