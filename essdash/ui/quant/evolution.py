"""Evolution since 2010 (Sirene history, URSSAF headcounts): charts and average yearly change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from essdash.db import read_session
from essdash.formatting import fmt_decimal, fmt_int, fmt_share
from essdash.indicators import history, series
from essdash.indicators.compute import Report
from essdash.indicators.perimeter import load_perimeter
from essdash.indicators.territories import parse_key, resolve
from essdash.labels import ESS_FAMILY_COLORS
from essdash.ui.quant import data
from essdash.ui.quant.charts import _readable

# Axis numbers in French: thin space between thousands, decimal comma.
FRENCH = alt.Axis(
    labelExpr="replace(replace(format(datum.value, ',.0f'), /,/g, '\u202f'), '.', ',')"
)


def _fr(values: pd.Series, digits: int = 0) -> list[str]:
    """Tooltip texts in French ('12 345', '104,5')."""
    return [fmt_decimal(float(v), digits) if pd.notna(v) else "–" for v in values]


NO_HISTORY = (
    "Évolution : importez l'historique Sirene (« Import des données », ou "
    "`python -m essdash import-sirene-historique`) pour suivre le stock d'établissements depuis "
    "2010, et le fichier URSSAF commune × APE pour les effectifs salariés."
)


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def yearly(key: str, choice: str, version: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(headline figures per year, ESS establishments per year and family, and per sector) of a
    territory."""
    del version
    p = load_perimeter()
    with read_session() as session:
        ref = resolve(session, *parse_key(key))
        return series.both(session, ref, choice, p)


def _version() -> str:
    return data.data_version() + "|" + ("h" if history.has_history() else "-")


def change_text(values: pd.Series, with_years: bool = True) -> str:
    """'+1,2 % par an (2010–2024)' (or without the years) or '–'."""
    clean = values.dropna()
    clean = clean[clean > 0]
    change = series.average_change(clean)
    if change is None:
        return "–"
    sign = "+" if change >= 0 else ""
    years = f" ({clean.index.min()}–{clean.index.max()})" if with_years else ""
    return f"{sign}{fmt_share(change)} par an{years}"


def _line(frame: pd.DataFrame, column: str, title: str, y_title: str) -> Any:
    shown = frame.reset_index()[["year", column]]
    shown["texte"] = _fr(shown[column])
    return (
        alt.Chart(shown, title=title)
        .mark_line(point=True, color="#B5123E", strokeWidth=3)
        .encode(
            x=alt.X("year:O", title="Année"),
            y=alt.Y(f"{column}:Q", title=y_title, axis=FRENCH, scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip("year:O", title="Année"),
                     alt.Tooltip("texte:N", title=y_title)],
        )
    )  # fmt: skip


def _flows(frame: pd.DataFrame) -> Any:
    long = frame.reset_index().melt(
        id_vars="year", value_vars=["creations", "closures"], var_name="flux", value_name="n"
    )
    long["flux"] = long["flux"].map({"creations": "Créations", "closures": "Fermetures"})
    long["texte"] = _fr(long["n"])
    return (
        alt.Chart(long, title="Créations et fermetures d'établissements de l'ESS")
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Année"),
            xOffset="flux:N",
            y=alt.Y("n:Q", title="Établissements", axis=FRENCH),
            color=alt.Color("flux:N", title=None,
                            scale=alt.Scale(range=["#0072B2", "#D55E00"])),
            tooltip=[alt.Tooltip("year:O", title="Année"), alt.Tooltip("flux:N", title="Flux"),
                     alt.Tooltip("texte:N", title="Établissements")],
        )
    )  # fmt: skip


def _families(table: pd.DataFrame) -> Any:
    labels = load_perimeter().families
    long = table.reset_index().melt(id_vars="year", var_name="family", value_name="n")
    long["label"] = long["family"].map(lambda f: labels.get(f, f))
    long["texte"] = _fr(long["n"])
    present = [f for f in ESS_FAMILY_COLORS if f in table.columns]
    domain = [labels.get(f, f) for f in present]
    colours = [ESS_FAMILY_COLORS[f] for f in present]
    return (
        alt.Chart(long, title="Établissements de l'ESS actifs au 31 décembre, par famille")
        .mark_area(opacity=0.85)
        .encode(
            x=alt.X("year:O", title="Année"),
            y=alt.Y("n:Q", title="Établissements", axis=FRENCH, stack=True),
            color=alt.Color("label:N", title="Famille",
                            scale=alt.Scale(domain=domain, range=colours)),
            tooltip=[alt.Tooltip("year:O", title="Année"), alt.Tooltip("label:N", title="Famille"),
                     alt.Tooltip("texte:N", title="Établissements")],
        )
    )  # fmt: skip


SECTOR_COLOURS = ["#B5123E", "#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#6E6E6E"]


def _sectors(table: pd.DataFrame) -> Any:
    labels = load_perimeter().sectors
    long = table.reset_index().melt(id_vars="year", var_name="sector", value_name="n")
    long["label"] = long["sector"].map(lambda k: labels.get(k, k))
    long["texte"] = _fr(long["n"])
    domain = [labels.get(k, k) for k in table.columns]
    return (
        alt.Chart(long, title="Établissements de l'ESS actifs au 31 décembre, par secteur")
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X("year:O", title="Année"),
            y=alt.Y("n:Q", title="Établissements", axis=FRENCH),
            color=alt.Color("label:N", title="Secteur", sort=domain,
                            scale=alt.Scale(domain=domain, range=SECTOR_COLOURS[: len(domain)])),
            tooltip=[alt.Tooltip("year:O", title="Année"), alt.Tooltip("label:N", title="Secteur"),
                     alt.Tooltip("texte:N", title="Établissements")],
        )
    )  # fmt: skip


def section(report: Report, choice: str) -> None:
    """The "Évolution" block of "Chiffres clés": stock, flows, families, URSSAF headcounts."""
    st.subheader("Évolution depuis 2010")
    main, by_family, by_sector = yearly(report.main.territory.key, choice, _version())
    if main.empty:
        st.caption(NO_HISTORY)
        return
    refs = [(r.territory.name, yearly(r.territory.key, choice, _version())[0])
            for r in report.references]  # fmt: skip
    _changes(report.main.territory.name, main, refs)
    stock = main.dropna(subset=["ess_establishments"])
    left, right = st.columns(2)
    if not stock.empty:
        left.altair_chart(_readable(_line(stock, "ess_establishments",
                          "Établissements de l'ESS actifs au 31 décembre", "Établissements")),
                          width="stretch")  # fmt: skip
        right.altair_chart(_readable(_flows(stock)), width="stretch")
    if not by_family.empty:
        left.altair_chart(_readable(_families(by_family)), width="stretch")
    if not by_sector.empty:
        right.altair_chart(_readable(_sectors(series.top_sectors(by_sector))), width="stretch")
    if "private_employees_urssaf" in main and main["private_employees_urssaf"].notna().any():
        headcount = main.dropna(subset=["private_employees_urssaf"])
        chart = _line(headcount, "private_employees_urssaf", "Salariés du secteur privé (URSSAF)",
                      "Salariés")  # fmt: skip
        right.altair_chart(_readable(chart), width="stretch")
    urssaf = " Salariés du privé : effectifs URSSAF au 31 décembre." if report.main.urssaf else ""
    st.caption(
        "Stock : établissements actifs au 31 décembre (historique Sirene, commune actuelle de "
        f"l'établissement).{urssaf} " + history.LAG_NOTE
    )


def _changes(name: str, main: pd.DataFrame, refs: list[tuple[str, pd.DataFrame]]) -> None:
    """Tiles: average yearly change of the ESS stock (and of private headcounts)."""
    columns = st.columns(2)
    for column, key, label in zip(
        columns,
        ("ess_establishments", "private_employees_urssaf"),
        ("Établissements de l'ESS : évolution annuelle moyenne (période ci-dessous)",
         "Salariés du privé (URSSAF) : évolution annuelle moyenne (période ci-dessous)"),
        strict=True,
    ):  # fmt: skip
        if key not in main:
            continue
        with column.container(border=True):
            st.metric(label, change_text(main[key], with_years=False))
            lines = [f"{name} : {change_text(main[key])}"]
            lines += [f"{n} : {change_text(t[key])}" for n, t in refs if key in t]
            st.caption("  \n".join(lines))


def comparison(reports: list[Report], choice: str) -> None:
    """Evolution of the compared territories: ESS stock in base 100 and average yearly change."""
    st.subheader("Évolution depuis 2010")
    frames = []
    rows = []
    for r in reports:
        table, _, _ = yearly(r.main.territory.key, choice, _version())
        stock = table["ess_establishments"].dropna() if "ess_establishments" in table else None
        if stock is None or stock.empty or stock.iloc[0] <= 0:
            continue
        frames.append(pd.DataFrame({"year": stock.index, "territory": r.main.territory.name,
                                    "index": 100 * stock.to_numpy() / stock.iloc[0],
                                    "n": stock.to_numpy()}))  # fmt: skip
        rows.append({"Territoire": r.main.territory.name,
                     f"Établissements de l'ESS en {stock.index.min()}": fmt_int(stock.iloc[0]),
                     f"en {stock.index.max()}": fmt_int(stock.iloc[-1]),
                     "Évolution annuelle moyenne": change_text(stock)})  # fmt: skip
    if not frames:
        st.caption(NO_HISTORY)
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    long = pd.concat(frames, ignore_index=True)
    first = int(long["year"].min())
    long["texte"], long["indice"] = _fr(long["n"]), _fr(long["index"], 1)
    chart = (
        alt.Chart(long, title=f"Établissements de l'ESS, base 100 en {first}")
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=alt.X("year:O", title="Année"),
            y=alt.Y("index:Q", title=f"Indice (100 en {first})", scale=alt.Scale(zero=False),
                    axis=FRENCH),
            color=alt.Color("territory:N", title="Territoire"),
            tooltip=[alt.Tooltip("territory:N", title="Territoire"),
                     alt.Tooltip("year:O", title="Année"),
                     alt.Tooltip("texte:N", title="Établissements"),
                     alt.Tooltip("indice:N", title="Indice")],
        )
    )  # fmt: skip
    st.altair_chart(_readable(chart), width="stretch")
    st.caption(history.LAG_NOTE)


def import_history_file(path: Path) -> str:
    """The import page's history kind (legal units' history: command line)."""
    from essdash.importers.sirene_history import import_history

    r = import_history(path)
    return (
        f"{fmt_int(r.periods)} périodes de {fmt_int(r.establishments)} établissements importées "
        "(évolution depuis 2010)."
    )
