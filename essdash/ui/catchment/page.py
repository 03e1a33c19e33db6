"""« Couverture des zones »: a choropleth of what the zones de chalandise cover, the zones
blanches, the overlaps of one sector and the table per commune, for one workshop."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from essdash.catchment import DEFAULT_MIN_SHARE
from essdash.catchment.coverage import Coverage
from essdash.catchment.export import rows_frame
from essdash.catchment.report import CommuneRow, commune_rows, overlaps, sectors, summary
from essdash.catchment.service import coverage_of, threshold_note
from essdash.catchment.sources import NO_SECTOR_KEY, NO_SECTOR_LABEL
from essdash.db import read_session
from essdash.formatting import fmt_count, fmt_int, fmt_share
from essdash.indicators.perimeter import load_perimeter
from essdash.ui.catchment import coverage_map
from essdash.ui.workshop import live
from essdash.ui.workshop.picker import pick_workshop

MAP_HEIGHT = 560
ALL = "__all__"
MANY_BLANK = 24  # more zones blanches than this: their list is folded


@st.cache_data(max_entries=32, show_spinner=False)
def _coverage(
    diagnostic_id: int, workshop_id: int, min_share: float, stamp: tuple[int, ...]
) -> Coverage:
    # `stamp` (versions of the map and of the people) keys the entry: a write recomputes it.
    with read_session() as s:
        return coverage_of(
            s, diagnostic_id=diagnostic_id, workshop_ids=[workshop_id], min_share=min_share
        )


@st.cache_data(max_entries=32, show_spinner=False)
def _map_html(key: tuple[object, ...], _coverage: Coverage, sector: str | None) -> str:
    return coverage_map.map_document(_coverage, commune_rows(_coverage, sector))


def _sector_names(keys: list[str]) -> dict[str, str]:
    """Option labels: a typed sector shows as its key in words (labels are read as markdown)."""
    known = {ALL: "Tous les secteurs", NO_SECTOR_KEY: NO_SECTOR_LABEL, **load_perimeter().sectors}
    return {key: known.get(key) or key.replace("_", " ").capitalize() for key in keys}


def render() -> None:
    info = pick_workshop(key="coverage_workshop")
    if info is None:
        return
    left, right = st.columns([3, 2])
    share_pct = right.number_input(
        "Part minimale de la surface d'une commune (%)",
        min_value=1, max_value=100, value=round(DEFAULT_MIN_SHARE * 100), step=5,
        key="coverage_share",
    )  # fmt: skip
    stamp = live.stamp(info.id, "mapping", "people")
    coverage = _coverage(info.diagnostic_id, info.id, share_pct / 100, stamp)
    keys = [ALL, *sectors(coverage)]
    names = _sector_names(keys)
    chosen = left.selectbox(
        "Secteur", keys, format_func=names.__getitem__, key=f"coverage_sector_{info.id}"
    )
    sector = None if chosen in (ALL, None) else chosen
    rows = commune_rows(coverage, sector)
    if not rows:
        st.info("Aucune commune : le diagnostic de cet atelier n'a pas de territoire.")
        return
    _figures(coverage, rows)
    key = (info.id, stamp, share_pct, sector)
    st.iframe(_map_html(key, coverage, sector), height=MAP_HEIGHT)
    st.html(coverage_map.legend_html())
    _details(coverage, rows, sector)


def _figures(coverage: Coverage, rows: list[CommuneRow]) -> None:
    total = summary(rows)
    a, b, c, d = st.columns(4)
    a.metric("Communes couvertes", f"{fmt_int(total.covered)} / {fmt_int(total.communes)}")
    b.metric("Population couverte", fmt_share(total.population_share))
    c.metric("Zones blanches", fmt_int(len(total.uncovered)))
    d.metric("Zones de chalandise", fmt_int(len(coverage.zones)))
    st.caption(
        f"{threshold_note(coverage)} Population couverte : {fmt_int(total.population_covered)} "
        f"habitant·es sur {fmt_int(total.population)} (populations du COG)."
    )
    if total.no_contour:
        st.warning(
            f"{fmt_count(len(total.no_contour), 'commune')} sans contour : importez les contours "
            "des communes (page « Import des données ») pour les compter."
        )


def _details(coverage: Coverage, rows: list[CommuneRow], sector: str | None) -> None:
    blank = [r.name for r in rows if not r.covered and r.has_contour]
    st.subheader("Zones blanches")
    if len(blank) > MANY_BLANK:
        with st.expander(f"Les {fmt_int(len(blank))} communes qu'aucune zone ne couvre"):
            st.text(" · ".join(blank))
    else:
        st.text(" · ".join(blank) if blank else "Aucune : chaque commune est couverte.")
    found = overlaps(rows)
    st.subheader("Chevauchements d'un même secteur")
    if found:  # a few lines, as plain HTML text (sector names are participant text)
        st.table(
            pd.DataFrame(
                [(o.name, o.sector_label, fmt_int(o.owners)) for o in found],
                columns=["Commune", "Secteur", "Structures"],
            ).set_index("Commune")
        )
    else:
        st.text("Aucune commune où plusieurs structures offrent le même secteur.")
    st.subheader("Par commune")
    st.dataframe(_on_screen(rows_frame(coverage, sector)), hide_index=True)


def _on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """French formats: 12 345, 45,2 %."""
    out = frame.copy()
    out["Population"] = out["Population"].map(fmt_int)
    share = "Part de la surface couverte (max, %)"
    out[share] = out[share].map(lambda v: fmt_share(v / 100))
    return out.rename(columns={share: "Part max. couverte"})
