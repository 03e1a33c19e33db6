"""Altair charts of a report: families, sectors, sizes, creations, comparisons."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from essdash.indicators.compute import Figures
from essdash.indicators.secret import primary_mask
from essdash.labels import ESS_FAMILY_COLORS

TITLES = {
    "by_family": "Établissements de l'ESS par famille",
    "by_sector": "Établissements de l'ESS par secteur",
    "by_size": "Établissements de l'ESS par tranche d'effectifs",
}


def _readable(chart: alt.Chart) -> alt.Chart:
    """Fonts and label room that read on a projector (labels are not cut)."""
    configured: alt.Chart = (
        chart.configure_axis(labelFontSize=14, titleFontSize=14, labelLimit=320)
        .configure_title(fontSize=18, anchor="start")
        .configure_legend(labelFontSize=14, titleFontSize=14, labelLimit=320)
    )
    return configured


def _published(figures: Figures, table: str) -> pd.DataFrame:
    """Rows of a breakdown with masked cells dropped (charts never show a secret cell)."""
    frame = figures.tables[table].reset_index()
    hidden = {c.key for c in figures.secret if c.table == table}
    frame = frame[~frame["key"].astype(str).isin(hidden) & (frame["establishments"] > 0)]
    return frame


def bar(figures: Figures, table: str) -> None:
    frame = _published(figures, table)
    if frame.empty:
        st.caption(f"{TITLES[table]} : aucune case publiable.")
        return
    color = (
        alt.Color(
            "key:N",
            scale=alt.Scale(domain=list(ESS_FAMILY_COLORS), range=list(ESS_FAMILY_COLORS.values())),
            legend=None,
        )
        if table == "by_family"
        else alt.value("#B5123E")
    )
    chart = (
        alt.Chart(frame, title=TITLES[table], height=alt.Step(30))
        .mark_bar()
        .encode(
            x=alt.X("establishments:Q", title="Établissements"),
            y=alt.Y("label:N", sort=None, title=None),
            color=color,
            tooltip=[
                alt.Tooltip("label:N", title="Catégorie"),
                alt.Tooltip("establishments:Q", title="Établissements", format=",d"),
                alt.Tooltip("employees_estimate:Q", title="Salariés (estimation)", format=",.0f"),
            ],
        )
    )
    st.altair_chart(_readable(chart), width="stretch")


def creations(figures: Figures) -> None:
    frame = figures.tables["creations"].reset_index()
    hidden = {c.key for c in figures.secret if c.table == "creations"}
    frame = frame[~frame["key"].isin(hidden)]
    if frame.empty:
        st.caption("Créations : aucune année publiable.")
        return
    frame["year"] = frame["key"].astype(int)
    chart = (
        alt.Chart(
            frame, title="Établissements de l'ESS créés par année (toujours présents au stock)"
        )
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X("year:O", title="Année"),
            y=alt.Y("establishments:Q", title="Créations"),
            tooltip=[
                alt.Tooltip("year:O", title="Année"),
                alt.Tooltip("establishments:Q", title="Créations"),
            ],
        )
    )
    st.altair_chart(_readable(chart), width="stretch")


def comparison(rows: pd.DataFrame, measure: str, title: str) -> None:
    """Grouped bars: one bar per territory for each category (rows: territory, label, value)."""
    chart = (
        alt.Chart(rows, title=title, height=alt.Step(22))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None),
            x=alt.X(
                f"{measure}:Q", title="Part des établissements de l'ESS", axis=alt.Axis(format="%")
            ),
            color=alt.Color("territory:N", title="Territoire"),
            yOffset="territory:N",
            tooltip=[
                alt.Tooltip("territory:N", title="Territoire"),
                alt.Tooltip("label:N", title="Famille"),
                alt.Tooltip(f"{measure}:Q", title="Part", format=".1%"),
            ],
        )
    )
    st.altair_chart(_readable(chart), width="stretch")


__all__ = ["bar", "comparison", "creations", "primary_mask"]
