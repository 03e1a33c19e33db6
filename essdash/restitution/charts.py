"""Altair charts and maps of the slides: shown live by Streamlit, rendered to PNG for the document.

Maps are drawn from the communes' own contours (no tiles, works offline); sites and zones take
the colours of their type of actor, the ESS map is a choropleth of the ESS share.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from essdash import labels
from essdash.formatting import fmt_count
from essdash.readmodel.slides import BarsSlide, FiguresSlide, MapSlide, PlanSlide, PrioritiesSlide

FONT = "DejaVu Sans"
INK = "#1F2937"
ESS_RED = "#B5123E"
LABEL_LIMIT = 520
# French number format in every chart: "23,1 %", "12 345".
FRENCH = {
    "number": {
        "decimal": ",",
        "thousands": "\u202f",
        "grouping": [3],
        "currency": ["", "\u00a0€"],
        "percent": "\u202f%",
    }
}


def _configure(chart: Any, *, font_size: int = 16) -> Any:
    return (
        chart.configure(font=FONT, locale=FRENCH)
        .configure_axis(labelFontSize=font_size, titleFontSize=font_size, labelColor=INK)
        .configure_legend(
            labelFontSize=font_size, titleFontSize=font_size, orient="bottom", labelLimit=400
        )
        .configure_view(stroke=None)
    )


def shares_chart(slide: FiguresSlide, width: int = 640, height: int = 320) -> Any | None:
    """ESS shares of the territory beside its reference territories; None when every share is
    nil (no ESS establishment in the data imported: bars of 0 % would say nothing)."""
    if not any(part for _, _, part in slide.shares):
        return None
    frame = pd.DataFrame(slide.shares, columns=["territoire", "indicateur", "part"])
    order = list(dict.fromkeys(frame["territoire"]))
    base = alt.Chart(frame).encode(
        # labelLimit 0: a territory's full name, however long (no « (ficti… »).
        y=alt.Y("territoire:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X(
            "part:Q",
            title=None,
            axis=alt.Axis(format="%", grid=False, tickCount=5, labelOverlap=True),
        ),
        yOffset=alt.YOffset("indicateur:N"),
    )
    bars = base.mark_bar(cornerRadiusEnd=4).encode(
        color=alt.Color(
            "indicateur:N",
            title=None,
            scale=alt.Scale(range=[ESS_RED, "#0072B2"]),
        ),
        tooltip=["territoire", "indicateur", alt.Tooltip("part:Q", format=".1%")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=14, color=INK).encode(
        text=alt.Text("part:Q", format=".1%")
    )
    return _configure((bars + text).properties(width=width, height=height))


def map_chart(slide: MapSlide, width: int = 900, height: int = 620) -> Any | None:
    """The map of a map slide (see restitution/map_chart.py)."""
    from essdash.restitution import map_chart as drawing

    return drawing.draw(slide, width, height)


def themes_chart(
    themes: tuple[tuple[str, int], ...], width: int = 560, font_size: int = 16
) -> Any | None:
    if not themes:
        return None
    frame = pd.DataFrame(themes, columns=["thème", "contributions"])
    top = int(frame["contributions"].max())
    step = max(1, -(-top // 4))  # at most five whole-number ticks (0, 1, 2 — never 0.5)
    ticks = alt.Axis(values=list(range(0, top + step, step)), format="d")
    base = alt.Chart(frame).encode(
        y=alt.Y("thème:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("contributions:Q", title="Contributions", axis=ticks),
    )
    bars = base.mark_bar(color=ESS_RED, cornerRadiusEnd=4)
    text = base.mark_text(align="left", dx=4, fontSize=font_size).encode(text="contributions:Q")
    chart = (bars + text).properties(width=width, height=int(font_size * 2.6) * len(frame))
    return _configure(chart, font_size=font_size)


def themes_alt(themes: tuple[tuple[str, int], ...]) -> str:
    """The theme chart's text alternative: its data, for screen readers and text search."""
    listed = " ; ".join(f"{name} : {fmt_count(n, 'contribution')}" for name, n in themes)
    return f"Graphique : contributions par thème — {listed}"


def priorities_alt(slide: PrioritiesSlide) -> str:
    """The vote chart's text alternative: each priority, its rank and its result."""
    listed = " ; ".join(f"{_priority_label(r)} : {r.result}" for r in slide.rows)
    return f"Graphique : résultats du vote, {slide.title} — {listed}"


SLIDE_FONT = 26  # vote slides are read from the back of the room
SLIDE_ROW_PX = 76


def bars_chart(slide: BarsSlide, width: int = 1400) -> Any | None:
    """A generic slide's horizontal bars, largest first, each labelled with its formatted value.

    Sized like the vote slides (read from the back of the room): large labels, tall rows."""
    if not slide.bars:
        return None
    frame = pd.DataFrame(slide.bars, columns=["libellé", "valeur", "texte"])
    axis = alt.Axis(labelLimit=int(width * 0.4), labelFontSize=SLIDE_FONT)
    base = alt.Chart(frame).encode(
        y=alt.Y("libellé:N", sort="-x", title=None, axis=axis),
        x=alt.X("valeur:Q", title=None, axis=None),  # each bar carries its formatted value
    )
    bars = base.mark_bar(color=ESS_RED, cornerRadiusEnd=4)
    text = base.mark_text(align="left", dx=8, fontSize=SLIDE_FONT, color=INK).encode(text="texte:N")
    chart = (bars + text).properties(width=int(width * 0.6), height=SLIDE_ROW_PX * len(frame))
    return _configure(chart, font_size=SLIDE_FONT)


def _priority_label(row: Any, *, mention: bool = False) -> str:
    """'1. Title', or '1. Title — Bien': a majority judgment lists each priority's mention."""
    return f"{row.rank}. {row.title}" + (f" — {row.result}" if mention else "")


def priorities_chart(slide: PrioritiesSlide, width: int = 1700) -> Any | None:
    if not slide.rows:
        return None
    if slide.method_key == "majority":
        return _merit_profiles(slide, width)
    frame = pd.DataFrame(
        [
            {"priorité": _priority_label(r), "score": r.score, "résultat": r.result}
            for r in slide.rows
        ]
    )
    order = list(frame["priorité"])
    axis = alt.Axis(labelLimit=int(width * 0.5), labelFontSize=SLIDE_FONT)
    base = alt.Chart(frame).encode(
        y=alt.Y("priorité:N", sort=order, title=None, axis=axis),
        x=alt.X("score:Q", title=None, axis=alt.Axis(grid=False, labels=False, ticks=False)),
    )
    bars = base.mark_bar(color=ESS_RED, cornerRadiusEnd=4)
    text = base.mark_text(align="left", dx=8, fontSize=SLIDE_FONT, color=INK).encode(
        text="résultat:N"
    )
    chart = (bars + text).properties(width=int(width * 0.45), height=SLIDE_ROW_PX * len(frame))
    return _configure(chart, font_size=SLIDE_FONT)


def _merit_profiles(slide: PrioritiesSlide, width: int) -> Any:
    rows = []
    for r in slide.rows:
        total = sum(r.profile) or 1
        for grade_index, count in enumerate(r.profile):
            rows.append(
                {
                    "priorité": _priority_label(r, mention=True),
                    "mention": labels.MAJORITY_GRADES[grade_index],
                    "ordre": grade_index,
                    "part": count / total,
                }
            )
    frame = pd.DataFrame(rows)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "priorité:N",
                sort=[_priority_label(r, mention=True) for r in slide.rows],
                title=None,
                axis=alt.Axis(labelLimit=int(width * 0.5), labelFontSize=SLIDE_FONT),
            ),
            x=alt.X("part:Q", stack="normalize", title=None, axis=alt.Axis(format="%")),
            color=alt.Color(
                "mention:N",
                title="Mention",
                sort=list(labels.MAJORITY_GRADES),
                scale=alt.Scale(
                    domain=list(labels.MAJORITY_GRADES), range=list(labels.MAJORITY_GRADE_COLORS)
                ),
                legend=alt.Legend(columns=7, symbolSize=400),
            ),
            order=alt.Order("ordre:Q"),
            tooltip=["priorité", "mention", alt.Tooltip("part:Q", format=".0%")],
        )
        .properties(width=int(width * 0.45), height=SLIDE_ROW_PX * len(slide.rows))
    )
    median = (
        alt.Chart(pd.DataFrame({"x": [0.5]}))
        .mark_rule(color=INK, strokeDash=[6, 4], strokeWidth=3)
        .encode(x="x:Q")
    )
    return _configure(chart + median, font_size=SLIDE_FONT)


def plan_chart(slide: PlanSlide, width: int = 700) -> Any | None:
    if not slide.rows:
        return None
    frame = pd.DataFrame(
        [
            {"action": a.title, "avancement": a.progress / 100, "statut": a.status}
            for a in slide.rows
        ]
    )
    scale = alt.Scale(
        domain=list(labels.ACTION_STATUSES.values()),
        range=[labels.ACTION_STATUS_COLORS[k] for k in labels.ACTION_STATUSES],
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("action:N", sort=None, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X(
            "avancement:Q",
            title="Avancement",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
    )
    bars = base.mark_bar(cornerRadiusEnd=4).encode(color=alt.Color("statut:N", scale=scale))
    text = base.mark_text(align="left", dx=4, fontSize=15).encode(
        text=alt.Text("avancement:Q", format=".0%")
    )
    return _configure((bars + text).properties(width=width, height=44 * len(frame)))
