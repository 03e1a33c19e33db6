"""Result charts: bars for points and Borda, stacked merit profiles for majority judgment."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from essdash import labels
from essdash.formatting import fmt_share
from essdash.ui import count_axis, safe
from essdash.workshop.activities.voting.results import ItemResult

# Red (reject) to green (excellent), colour-blind-friendlier diverging scale.
GRADE_COLORS = labels.MAJORITY_GRADE_COLORS
NO_SCORES = "Aucun bulletin pour l'instant : les résultats s'afficheront au premier vote."


def _label(item: ItemResult) -> str:
    return f"{item.rank}. {item.title}"


def score_bars(items: Sequence[ItemResult], *, title: str, big: bool = False) -> None:
    frame = pd.DataFrame({"Priorité": [_label(i) for i in items], title: [i.score for i in items]})
    size = 26 if big else 14
    order = list(frame["Priorité"])
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#B5123E")
        .encode(
            x=alt.X(
                f"{title}:Q",
                axis=count_axis.count_axis(
                    labelFontSize=size, labelColor="#1E1E28", titleFontSize=size
                ),
                scale=count_axis.count_scale(i.score for i in items),
            ),
            y=alt.Y(
                "Priorité:N",
                sort=order,
                axis=alt.Axis(
                    labelFontSize=size, labelColor="#1E1E28", labelLimit=1000, title=None
                ),
            ),
        )
    )
    text = bars.mark_text(align="left", dx=6, fontSize=size, fontWeight="bold").encode(
        text=f"{title}:Q"
    )
    # The height is given to Streamlit too ("content" drew 3 bars in ~80 px on the projection,
    # and Vega dropped the middle priority's label as overlapping).
    height = len(items) * (70 if big else 36)
    chart = (bars + text).properties(height=height)
    st.altair_chart(chart, width="stretch", height=height + (90 if big else 60))


def merit_profile(items: Sequence[ItemResult], *, big: bool = False) -> None:
    """One stacked bar per priority: the share of each grade, with the median line at 50 %."""
    rows = []
    for item in items:
        total = sum(item.profile) or 1
        for grade, count in enumerate(item.profile):
            rows.append({
                "Priorité": _label(item), "Mention": labels.MAJORITY_GRADES[grade],
                "ordre": grade, "Part": count / total, "Part (texte)": fmt_share(count / total, 0),
            })  # fmt: skip
    if not rows:
        return
    frame = pd.DataFrame(rows)
    size = 24 if big else 13
    order = [_label(i) for i in items]
    y_axis = alt.Axis(labelFontSize=size, labelColor="#1E1E28", labelLimit=1000, title=None)
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("sum(Part):Q", axis=alt.Axis(format="%", labelFontSize=size, title=None)),
        y=alt.Y("Priorité:N", sort=order, axis=y_axis),
        color=alt.Color(
            "Mention:N",
            scale=alt.Scale(domain=list(labels.MAJORITY_GRADES), range=list(GRADE_COLORS)),
            legend=alt.Legend(orient="bottom", labelFontSize=size, titleFontSize=size, columns=7),
        ),
        order=alt.Order("ordre:Q"),
        tooltip=["Priorité", "Mention", "Part (texte)"],
    )  # fmt: skip
    median = (
        alt.Chart(pd.DataFrame({"x": [0.5]}))
        .mark_rule(color="#1E1E28", strokeWidth=3)
        .encode(x="x:Q")
    )
    height = len(items) * (80 if big else 40)
    st.altair_chart((bars + median).properties(height=height), width="stretch", height=height + 110)


def majority_table(items: Sequence[ItemResult]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Rang": [i.rank for i in items],
            "Priorité": [i.title for i in items],
            "Mention majoritaire": [
                labels.MAJORITY_GRADES[i.majority_grade] if i.majority_grade is not None else "–"
                for i in items
            ],
        }
    )


def results(method: str, items: Sequence[ItemResult], *, big: bool = False) -> None:
    if not items:
        st.caption("Aucune priorité.")
        return
    if method != "majority" and not count_axis.has_counts(i.score for i in items):
        count_axis.empty_state(NO_SCORES, big=big)  # no ballot yet: no chart of zeros
    elif method == "points":
        score_bars(items, title="Points", big=big)
    elif method == "ranking":
        score_bars(items, title="Score de Borda", big=big)
    else:
        merit_profile(items, big=big)
        table = majority_table(items)
        if big:
            lines = "".join(
                f"<div><b>{i.rank}.</b> {safe.escape(i.title)} — <b>{safe.escape(grade)}</b></div>"
                for i, grade in zip(items, table["Mention majoritaire"], strict=True)
            )
            st.html(f'<div style="font-size:1.6rem" data-testid="pj-mj">{lines}</div>')
        else:
            st.dataframe(table, hide_index=True)
