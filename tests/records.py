"""Tiny typed records for the judgement tests: the one place that builds a finding or an inspection."""

from __future__ import annotations

from reportdiff.model import (
    Finding,
    Grade,
    Inspection,
    PartialDate,
    Polarity,
    Segment,
    Source,
    Speaker,
    ThemeHit,
)

C, P, N = Polarity.CONCERN, Polarity.PROGRESS, Polarity.NEUTRAL


def finding(
    fid: str,
    inspection: str,
    *hits: tuple[str, Polarity],
    text: str = "",
    weight: float = 1.0,
    speaker: Speaker = Speaker.INSPECTORATE,
    reported: bool = False,
    kind: str = "observation",
    number: str = "",
    grades: tuple[Grade, ...] = (),
) -> Finding:
    """A classified finding of `inspection` leaning on each (theme, polarity) of `hits`."""
    themed = tuple(
        ThemeHit(theme, polarity, weight if polarity is not N else 0.0, ()) for theme, polarity in hits
    )
    overall = next((h.polarity for h in themed if h.polarity is not N), N)
    return Finding(
        id=fid,
        text=text or f"finding {fid}",
        inspection=inspection,
        sources=(Source("d", 1, 1),),
        speaker=speaker,
        context="",
        list_item=False,
        quoted=False,
        reported=reported,
        hits=themed,
        polarity=overall,
        kind=kind,
        number=number,
        grades=grades,
    )


def inspection(iid: str, estimated: bool = False) -> Inspection:
    """An inspection whose id is its date ("2019" or "2019-03") and whose label is the id."""
    return Inspection(
        id=iid,
        date=PartialDate.parse(iid),
        end=None,
        label=iid,
        kind="inspection",
        documents=("d",),
        estimated=estimated,
    )


def segment(number: int, text: str, document: str = "d", paragraph: int | None = None) -> Segment:
    """A sentence of `document` on line `number`, in `paragraph` (one of its own by default), said by the
    inspectorate."""
    return Segment(
        document=document,
        text=text,
        line_start=number,
        line_end=number,
        paragraph=number if paragraph is None else paragraph,
        list_item=False,
        context="",
        speaker=Speaker.INSPECTORATE,
        quoted=False,
    )
