"""Cached access to the figures: keyed on the data version and the territory choice."""

from __future__ import annotations

import unicodedata

import pandas as pd
import streamlit as st

from essdash.db import read_session
from essdash.indicators import store
from essdash.indicators.compute import Report, compute_report
from essdash.indicators.territories import (
    commune_centroids,
    commune_frame,
    geography_version,
    options,
)
from essdash.models.territory import TERRITORY_KINDS


def data_version() -> str:
    """Changes when Sirene, URSSAF or the reference geography is re-imported."""
    with read_session() as session:
        return f"{store.data_version()}|{geography_version(session)}"


@st.cache_data(ttl=3600, max_entries=128, show_spinner="Calcul des indicateurs…")
def report(
    territory: str,
    references: tuple[str, ...],
    choice: str,
    naf_prefixes: tuple[str, ...] | None,
    filiere: str | None,
    version: str,
) -> Report:
    del version  # part of the cache key only
    with read_session() as session:
        return compute_report(
            session,
            territory,
            list(references) or None,
            choice=choice,
            naf_prefixes=naf_prefixes,
            filiere=filiere,
        )


@st.cache_data(ttl=3600, max_entries=8)
def territory_options(version: str) -> dict[str, str]:
    """'kind:code' -> label of every territory but the communes (searched apart)."""
    del version
    with read_session() as session:
        return options(session, tuple(k for k in TERRITORY_KINDS if k != "commune"))


@st.cache_data(ttl=3600, max_entries=4)
def commune_index(version: str) -> list[tuple[str, str, str]]:
    """(key, label, folded label) of every commune, for the commune search."""
    del version
    with read_session() as session:
        found = options(session, ("commune",))
    return [(k, v, fold(v)) for k, v in found.items()]


def fold(text: str) -> str:
    """Lower case without accents or dashes: 'Saint-Étienne' -> 'saint etienne'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().replace("-", " ").replace("'", " ").split())


def search_communes(query: str, version: str, limit: int = 100) -> dict[str, str]:
    """Communes whose name or code contains the query (names starting with it first)."""
    wanted = fold(query)
    if len(wanted) < 2:
        return {}
    index = commune_index(version)
    starts = [(k, v) for k, v, f in index if f.startswith(wanted) or k.endswith(":" + wanted)]
    inside = [(k, v) for k, v, f in index if wanted in f and not f.startswith(wanted)]
    return dict((starts + inside)[:limit])


@st.cache_data(ttl=3600, max_entries=32)
def communes(codes: tuple[str, ...] | None, version: str) -> pd.DataFrame:
    del version
    with read_session() as session:
        return commune_frame(session, codes)


@st.cache_data(ttl=3600, max_entries=8)
def commune_places(codes: tuple[str, ...] | None, version: str) -> pd.DataFrame:
    """Code, département and centroid of communes (no geometry: light enough for France)."""
    del version
    with read_session() as session:
        return commune_centroids(session, codes)


@st.cache_data(ttl=3600, max_entries=32)
def establishment_points(
    codes: tuple[str, ...] | None, cj_codes: tuple[str, ...], version: str, limit: int = 5000
) -> pd.DataFrame:
    """Located ESS establishments of the territory (name, commune, NAF) for the map; rows in
    diffusion partielle are left out (their position is protected)."""
    del version
    import duckdb

    con = duckdb.connect()
    try:
        con.register("wanted", pd.DataFrame({"code": list(codes or [])}, dtype=object))
        con.register("families", pd.DataFrame({"cj": list(cj_codes)}, dtype=object))
        where = "" if codes is None else "AND commune IN (SELECT code FROM wanted)"
        path = store.sql_path(store.establishments_path())
        frame: pd.DataFrame = con.execute(
            f"SELECT coalesce(name, siret) AS name, siret, commune, naf, cj, lon, lat "
            f"FROM read_parquet('{path}') WHERE etat = 'A' AND lon IS NOT NULL "
            f"AND diffusion <> 'P' AND cj IN (SELECT cj FROM families) {where} "
            f"LIMIT {int(limit)}"
        ).df()
    finally:
        con.close()
    return frame
