"""Render functions of the figures pages (page scripts stay thin)."""

from __future__ import annotations

import streamlit as st

from essdash.exports.xlsx import to_csv_bytes, to_xlsx
from essdash.indicators import store
from essdash.indicators.compute import Report
from essdash.indicators.output import long_frame
from essdash.ui.quant import (
    charts,
    data,
    ess_map,
    evolution,
    lists,
    panorama_view,
    tables,
    widgets,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(with_references: bool = True) -> Report | None:
    if not store.has_establishments():
        st.info(
            "Aucune donnée Sirene : chargez la démonstration ou utilisez « Import des données »."
        )
        return None
    lists.flash()
    lists.editor(widgets.TERRITORY_KEY)
    chosen = widgets.choose(with_references)
    if chosen is None:
        return None
    territory, references, choice = chosen
    try:
        return data.report(territory, references, choice, None, None, data.data_version())
    except Exception as error:  # a UserError or a broken store: say it in French
        st.error(f"Calcul impossible : {error}")
        return None


def key_figures() -> None:
    report = _report()
    if report is None:
        return
    st.subheader(report.main.territory.name)
    widgets.tiles(report)
    left, right = st.columns(2)
    with left:
        charts.bar(report.main, "by_family")
        charts.bar(report.main, "by_size")
    with right:
        charts.bar(report.main, "by_sector")
        charts.creations(report.main)
    panorama_view.section(report)
    evolution.section(report, report.main.perimeter)


def ess_map_page() -> None:
    report = _report(with_references=False)
    if report is None:
        return
    show_points = st.toggle("Afficher les établissements de l'ESS", value=True)
    ess_map.render(report.main, show_points, report.references)


def table_page() -> None:
    report = _report()
    if report is None:
        return
    for name, title in tables.TABLE_TITLES.items():
        st.subheader(title)
        frame = tables.on_screen(tables.shown(report.main, name))
        if name == "by_commune":
            frame.index = ["" if k == "total" else k for k in frame.index]
            frame.index.name = "Code commune"
        st.dataframe(frame, width="stretch", hide_index=name != "by_commune")
    st.caption(
        "« s » : secret statistique (moins de 3 établissements, ou un établissement "
        "détenant plus de 85 % des salariés). Les totaux sont les vrais totaux."
    )
    downloads(report, "tableaux")


def downloads(report: Report, stem: str) -> None:
    name = f"{stem}_{report.main.territory.kind}_{report.main.territory.code}"
    left, right = st.columns(2)
    left.download_button(
        "Télécharger tous les chiffres (.csv)",
        to_csv_bytes(long_frame(report, masked=True)),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
    )
    right.download_button(
        "Télécharger le classeur (.xlsx)",
        to_xlsx(tables.sheets(report)),
        file_name=f"{name}.xlsx",
        mime=XLSX,
        on_click="ignore",
    )
