"""The network of relations (altair, force layout) and the actors with their ties on a map."""

from __future__ import annotations

import html

import altair as alt
import folium
import pandas as pd
import streamlit as st

from essdash import formatting, labels
from essdash.actor_tables import network
from essdash.ui import maps

NODE_SCALE = alt.Scale(
    domain=list(labels.ACTOR_TYPES.values()),
    range=[labels.ACTOR_TYPE_COLORS[k] for k in labels.ACTOR_TYPES],
)


def chart(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart | None:
    """Nodes coloured by kind of actor, sized by headcount; edges as grey lines."""
    if nodes.empty:
        return None
    ids = nodes["id"].tolist()
    pos = network.force_layout(ids, list(zip(edges["source"], edges["target"], strict=True)))
    placed = nodes.assign(x=pos[:, 0], y=pos[:, 1], size=40 + nodes["headcount"].clip(0, 500) * 2)
    where = {i: (x, y) for i, x, y in zip(placed["id"], placed["x"], placed["y"], strict=True)}
    lines = pd.DataFrame(
        [
            {"edge": n, "x": where[end][0], "y": where[end][1], "kind": kind}
            for n, (s, t, kind) in enumerate(
                zip(edges["source"], edges["target"], edges["kind"], strict=True)
            )
            for end in (s, t)
            if s in where and t in where
        ],
        columns=["edge", "x", "y", "kind"],
    )  # fmt: skip
    axis = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    edge_layer = (
        alt.Chart(lines)
        .mark_line(color="#9A9A9A", strokeWidth=1.5)
        .encode(x=alt.X("x:Q", axis=axis), y=alt.Y("y:Q", axis=axis), detail="edge:N",
                tooltip=[alt.Tooltip("kind:N", title="Relation")])
    )  # fmt: skip
    node_layer = (
        # plain field names: an apostrophe in a field name breaks Vega's expressions
        alt.Chart(placed[["x", "y", "size", "name", "type_label"]])
        .mark_circle(opacity=0.9, stroke="#1E1E28", strokeWidth=0.8)
        .encode(
            x=alt.X("x:Q", axis=axis), y=alt.Y("y:Q", axis=axis),
            color=alt.Color("type_label:N", scale=NODE_SCALE, title="Type d'acteur"),
            size=alt.Size("size:Q", legend=None),
            tooltip=[alt.Tooltip("name:N", title="Structure"),
                     alt.Tooltip("type_label:N", title="Type d'acteur")],
        )
    )  # fmt: skip
    names = (
        alt.Chart(placed[["x", "y", "name"]])
        .mark_text(dy=-12, fontSize=11, color="#1E1E28")
        .encode(x="x:Q", y="y:Q", text="name:N")
    )
    # a fixed width: drawn in a tab that is hidden at first, a stretched chart measures 0 px
    layered: alt.LayerChart = (edge_layer + node_layer + names).properties(width=1000, height=460)
    return layered


def figures_block(figs: network.NetworkFigures) -> None:
    a, b, c = st.columns(3)
    a.metric("Structures sans relation", formatting.fmt_int(len(figs.isolated)))
    b.metric("Relations", formatting.fmt_int(figs.relations))
    c.metric("Liens ESS ↔ hors ESS", formatting.fmt_int(figs.ess_to_non_ess))
    if figs.most_connected:
        st.caption("Les plus reliées")
        st.dataframe(
            pd.DataFrame(figs.most_connected, columns=["Structure", "Relations"]),
            hide_index=True,
        )


def actors_map(nodes: pd.DataFrame, edges: pd.DataFrame, outlines: list[tuple[str, str]]) -> None:
    """Actors at their Sirene address, relations as lines between them."""
    from streamlit_folium import st_folium

    located = nodes.dropna(subset=["lon", "lat"])
    if located.empty:
        st.info("Aucune structure géolocalisée : rattachez-les au répertoire Sirene.")
        return
    lon, lat, pad = located["lon"].astype(float), located["lat"].astype(float), 0.02
    bounds = (float(lon.min()) - pad, float(lat.min()) - pad,
              float(lon.max()) + pad, float(lat.max()) + pad)  # fmt: skip
    fmap = maps.offline_map(outlines, bounds=bounds)
    where = {i: (y, x) for i, x, y in zip(located["id"], lon, lat, strict=True)}
    for s, t, kind in zip(edges["source"], edges["target"], edges["kind"], strict=True):
        if s in where and t in where:
            folium.PolyLine([where[s], where[t]], color="#555555", weight=2,
                            tooltip=html.escape(kind)).add_to(fmap)  # fmt: skip
    for row in located.itertuples():
        folium.CircleMarker(
            [row.lat, row.lon], radius=7, fill=True, fill_opacity=0.9, weight=1, color="#1E1E28",
            fill_color=labels.ACTOR_TYPE_COLORS.get(str(row.actor_type), "#666666"),
            tooltip=html.escape(f"{row.name} — {row.type_label}"),
        ).add_to(fmap)  # fmt: skip
    st_folium(fmap, key="annuaire_map", height=460, use_container_width=True, returned_objects=[])
