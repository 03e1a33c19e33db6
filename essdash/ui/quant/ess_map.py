"""Map of a territory without internet tiles (pydeck, map_provider=None): choropleth of the ESS
share by commune, proportional circles of ESS establishments, and located ESS establishments."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st

from essdash.formatting import fmt_int, fmt_share
from essdash.indicators.compute import Figures
from essdash.indicators.perimeter import load_perimeter
from essdash.ui.quant import data

GREY = [200, 200, 200, 140]
MAX_COMMUNES = 2000  # above this (France, large régions) the map groups communes by département
MIN_PUBLISHED = 3


def _colour(share: float | None) -> list[int]:
    """Light to dark red by ESS share (0 to 30 % and more)."""
    if share is None or math.isnan(share):
        return GREY
    t = max(0.0, min(1.0, share / 0.3))
    return [int(254 - 73 * t), int(229 - 211 * t), int(217 - 155 * t), 200]


def _communes_layer(
    communes: pd.DataFrame, table: pd.DataFrame, hidden: set[str]
) -> tuple[pdk.Layer | None, list[dict[str, Any]]]:
    features, circles = [], []
    for row in communes.itertuples(index=False):
        in_table = row.code in table.index
        masked = row.code in hidden
        share = (
            None
            if masked or not in_table
            else float(table.loc[row.code, "ess_share_establishments"])
        )
        count = 0 if not in_table else int(table.loc[row.code, "establishments"])
        detail = (
            "secret statistique (s)"
            if masked
            else f"ESS : {fmt_int(count)} établissements, {fmt_share(share)}"
        )
        if row.geometry:
            features.append(
                {
                    "type": "Feature",
                    "geometry": json.loads(row.geometry),
                    "properties": {"titre": row.name, "detail": detail, "fill": _colour(share)},
                }
            )
        if not masked and count and row.lon is not None:
            circles.append(
                {
                    "lon": row.lon,
                    "lat": row.lat,
                    "radius": 300 * math.sqrt(count),
                    "titre": row.name,
                    "detail": detail,
                }
            )
    layer = None
    if features:
        layer = pdk.Layer(
            "GeoJsonLayer",
            {"type": "FeatureCollection", "features": features},
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[90, 90, 90, 255],
            line_width_min_pixels=1,
        )
    return layer, circles


def reference_shares(figures: Figures, references: Sequence[Figures]) -> str:
    """The legend's benchmarks: the ESS share of the territory and of each reference."""
    parts = [f"{f.territory.name} : {fmt_share(f.ess_share_establishments)}"
             for f in (figures, *references)]  # fmt: skip
    return (
        "Part de l'ESS dans les établissements actifs – " + " · ".join(parts)
        + ". Couleur des communes : du plus clair (0 %) au plus foncé (30 % et plus)."
    )  # fmt: skip


def render(figures: Figures, show_points: bool = True, references: Sequence[Figures] = ()) -> None:
    version = data.data_version()
    codes = figures.territory.communes
    st.caption(reference_shares(figures, references))
    if codes is None or len(codes) > MAX_COMMUNES:
        _render_departements(figures, version)
        return
    communes = data.communes(codes, version)
    table = figures.tables["by_commune"]
    hidden = {c.key for c in figures.secret if c.table == "by_commune"}
    choropleth, circles = _communes_layer(communes, table, hidden)
    layers = [choropleth] if choropleth is not None else []
    if circles:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                circles,
                get_position=["lon", "lat"],
                get_radius="radius",
                get_fill_color=[0, 114, 178, 120],
                stroked=True,
                get_line_color=[0, 114, 178, 255],
                pickable=True,
            )
        )
    points = pd.DataFrame()
    if show_points:
        cj = tuple(load_perimeter().cj_family)
        points = data.establishment_points(codes, cj, version)
        if not points.empty:
            points = points.assign(titre=points["name"], detail="NAF " + points["naf"].fillna("?"))
            layers.append(
                pdk.Layer(
                    "ScatterplotLayer",
                    points,
                    get_position=["lon", "lat"],
                    get_radius=60,
                    radius_min_pixels=2,
                    get_fill_color=[213, 94, 0, 220],
                    pickable=True,
                )
            )
    located = communes.dropna(subset=["lon"])
    if located.empty and points.empty:
        st.info("Aucun contour ni coordonnée pour ce territoire : importez des contours (GeoJSON).")
        return
    ref = located if not located.empty else points
    view = pdk.ViewState(
        longitude=float(ref["lon"].mean()),
        latitude=float(ref["lat"].mean()),
        zoom=_zoom(ref),
        pitch=0,
    )
    deck = pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        map_style=None,
        tooltip={"html": "<b>{titre}</b><br/>{detail}"},
    )
    st.pydeck_chart(deck, height=620)
    st.caption(
        "Couleur : part de l'ESS dans les établissements actifs de la commune (gris : secret ou "
        "sans donnée). Cercles bleus : nombre d'établissements de l'ESS. Points orange : "
        f"établissements de l'ESS géolocalisés ({fmt_int(len(points))} affichés)."
    )


def _render_departements(figures: Figures, version: str) -> None:
    """One circle per département: size = ESS establishments, colour = ESS share."""
    places = data.commune_places(figures.territory.communes, version)
    table = figures.tables["by_commune"][["establishments_active", "establishments"]]
    joined = places.join(table, on="code", how="inner")
    if joined.empty:
        st.info("Aucune coordonnée de commune : importez des contours (GeoJSON).")
        return
    deps = joined.groupby("departement").agg(
        lon=("lon", "mean"),
        lat=("lat", "mean"),
        active=("establishments_active", "sum"),
        ess=("establishments", "sum"),
    )
    deps = deps[deps["ess"] >= MIN_PUBLISHED].reset_index()
    deps["share"] = deps["ess"] / deps["active"]
    deps["fill"] = [_colour(v) for v in deps["share"]]
    deps["radius"] = 2500 * deps["ess"].pow(0.5)
    deps["titre"] = "Département " + deps["departement"]
    deps["detail"] = [
        f"ESS : {fmt_int(e)} établissements, {fmt_share(v)}"
        for e, v in zip(deps["ess"], deps["share"], strict=True)
    ]
    layer = pdk.Layer(
        "ScatterplotLayer", deps, get_position=["lon", "lat"], get_radius="radius",
        get_fill_color="fill", stroked=True, get_line_color=[90, 90, 90, 255],
        line_width_min_pixels=1, pickable=True,
    )  # fmt: skip
    view = pdk.ViewState(
        longitude=float(deps["lon"].mean()) if len(deps) else 2.5,
        latitude=float(deps["lat"].mean()) if len(deps) else 46.5,
        zoom=_zoom(deps) if len(deps) > 1 else 5.0,
    )
    deck = pdk.Deck(
        layers=[layer], initial_view_state=view, map_provider=None, map_style=None,
        tooltip={"html": "<b>{titre}</b><br/>{detail}"},
    )  # fmt: skip
    st.pydeck_chart(deck, height=620)
    st.caption(
        f"Territoire de plus de {fmt_int(MAX_COMMUNES)} communes : la carte regroupe les communes "
        "par département (cercle : nombre d'établissements de l'ESS ; couleur : part de l'ESS). "
        f"Départements de moins de {MIN_PUBLISHED} établissements de l'ESS non affichés (secret). "
        "Choisissez un département ou un EPCI pour voir les communes."
    )


def _zoom(frame: pd.DataFrame, width: int = 1200, height: int = 560) -> float:
    """Web-Mercator zoom that fits the points in a map of about width × height pixels."""
    lon_span = max(float(frame["lon"].max() - frame["lon"].min()), 0.01)
    lat_span = max(float(frame["lat"].max() - frame["lat"].min()), 0.01)
    stretch = 1 / max(math.cos(math.radians(float(frame["lat"].mean()))), 0.2)
    fit_lon = math.log2(width * 360 / (512 * lon_span))
    fit_lat = math.log2(height * 360 / (512 * lat_span * stretch))
    return max(4.0, min(12.0, min(fit_lon, fit_lat)))
