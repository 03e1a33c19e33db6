"""The "Panorama" block of "Chiffres clés": density per inhabitants, size classes per family,
the territory's main NA88 activities (secret cells shown as "s", never charted)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy import func, select

from essdash.db import read_session
from essdash.formatting import SECRET_MARK, fmt_decimal, fmt_int
from essdash.indicators.compute import Figures, Report
from essdash.indicators.panorama import SIZE_CLASSES, per_inhabitants
from essdash.models import Commune
from essdash.ui.quant import data
from essdash.ui.quant.charts import _readable

TOP = 10
THOUSANDS = "replace(format(datum.value, ',.0f'), /,/g, '\u202f')"


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def population(codes: tuple[str, ...] | None, version: str) -> int | None:
    """Legal population (COG) of the communes (all when None); None when unknown."""
    del version
    with read_session() as session:
        query = select(func.sum(Commune.population))
        if codes is not None:
            query = query.where(Commune.code.in_(codes))
        total = session.scalar(query)
    return int(total) if total else None


def density(figures: Figures, version: str) -> float | None:
    return per_inhabitants(
        figures.ess_establishments, population(figures.territory.communes, version)
    )


def section(report: Report) -> None:
    main = report.main
    if not main.panorama:
        return
    st.subheader("Panorama")
    version = data.data_version()
    left, right = st.columns([1, 2])
    with left.container(border=True):
        st.metric("Établissements de l'ESS pour 10 000 habitants",
                  fmt_decimal(density(main, version), 1))  # fmt: skip
        lines = [f"{r.territory.name} : {fmt_decimal(density(r, version), 1)}"
                 for r in report.references]  # fmt: skip
        st.caption("  \n".join(lines) + "  \nPopulation légale du COG.")
    with right:
        _sizes(main)
    _top_divisions(main)


def _sizes(figures: Figures) -> None:
    table = figures.panorama["size_by_family"]
    if table.empty:
        st.caption("Établissements de l'ESS par taille : aucun établissement de l'ESS.")
        return
    hidden = {c.key for c in figures.panorama_secret if c.table == "size_by_family"}
    shown = pd.DataFrame({"Famille": table["label"]})
    for key, title in SIZE_CLASSES.items():
        shown[title] = [
            SECRET_MARK if f"{family}|{key}" in hidden else fmt_int(v)
            for family, v in table[key].items()
        ]
    st.markdown("**Établissements de l'ESS par taille (salariés) et par famille**")
    st.dataframe(shown, hide_index=True, width="stretch")


def _top_divisions(figures: Figures) -> None:
    table = figures.panorama["by_division"]
    hidden = {c.key for c in figures.panorama_secret if c.table == "by_division"}
    shown = table[~table.index.isin(hidden) & (table["establishments"] > 0)].head(TOP)
    if shown.empty:
        st.caption("Principales activités : aucune case publiable.")
        return
    frame = shown.reset_index()
    frame["texte"] = [fmt_int(v) for v in frame["establishments"]]
    chart = (
        alt.Chart(frame, height=alt.Step(30),
                  title=f"Les {len(frame)} premières activités de l'ESS (divisions NAF, NA88)")
        .mark_bar(color="#B5123E")
        .encode(
            x=alt.X("establishments:Q", title="Établissements de l'ESS",
                    axis=alt.Axis(labelExpr=THOUSANDS)),
            y=alt.Y("label:N", sort=None, title=None),
            tooltip=[alt.Tooltip("label:N", title="Activité"),
                     alt.Tooltip("texte:N", title="Établissements")],
        )
    )  # fmt: skip
    st.altair_chart(_readable(chart), width="stretch")
