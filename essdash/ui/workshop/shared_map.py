"""Carte partagée (phone first): place sites, draw zones, edit only one's own features."""

from __future__ import annotations

import hashlib
import json

import streamlit as st
from folium import plugins

from essdash import labels
from essdash.db import write_session
from essdash.errors import UserError
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions, live, map_layers, my_features
from essdash.workshop.activities.mapping import service
from essdash.workshop.activities.mapping.service import Description

MAP_KEY = "shared_map"
_SAVED = "essdash_saved_drawings"


def render(who: Identity) -> None:
    assert who.workshop_id is not None and who.participant_id is not None
    info = live.workshop_info(who.workshop_id)
    writable = info is not None and (
        info.status == "open" or (info.status == "closed" and info.contributions_open)
    )
    if info is not None and info.status == "closed" and writable:
        st.info("L'atelier est terminé : vous pouvez encore compléter la carte à distance.")
    elif not writable:
        st.warning("Les contributions à cet atelier sont closes : la carte est en lecture seule.")
    st.caption(
        "Pour placer un site : touchez le repère (en haut à gauche de la carte), puis l'endroit. "
        "Pour tracer une zone : le pentagone, puis chaque sommet, et le premier pour fermer."
        if writable
        else "Carte des acteurs de l'atelier."
    )
    drawing = _map(who.workshop_id, writable)
    map_layers.legend()
    if st.button("Actualiser la carte", key="map_refresh", icon=":material/refresh:"):
        live.clear()
    if writable:
        _pending_drawing(who, drawing)
        _without_map(who)
    my_features.render(who, writable)


def _map(workshop_id: int, writable: bool) -> dict | None:
    from streamlit_folium import st_folium  # re-imported each run: AppTest can monkeypatch it

    fmap = map_layers.base_map(live.communes(workshop_id))
    if writable:
        plugins.Draw(
            export=False,
            position="topleft",
            draw_options={
                "polyline": False, "rectangle": False, "circle": False, "circlemarker": False,
                "marker": True, "polygon": {"allowIntersection": False},
            },
            edit_options={"edit": False, "remove": False},
        ).add_to(fmap)  # fmt: skip
    out = st_folium(
        fmap,
        key=MAP_KEY,
        height=420,
        use_container_width=True,
        feature_group_to_add=map_layers.features_group(live.features(workshop_id)),
        returned_objects=["last_active_drawing"],
    )
    drawing = (out or {}).get("last_active_drawing")
    return drawing if isinstance(drawing, dict) else None


def _is_new(drawing: dict) -> bool:
    return json.dumps(drawing.get("geometry"), sort_keys=True) not in st.session_state.get(
        _SAVED, set()
    )


def _remember(drawing: dict) -> None:
    saved = set(st.session_state.get(_SAVED, set()))
    saved.add(json.dumps(drawing.get("geometry"), sort_keys=True))
    st.session_state[_SAVED] = saved


def _description_fields(prefix: str, default_label: str) -> Description:
    label = st.text_input("Nom du lieu", value=default_label, key=f"{prefix}_label", max_chars=200)
    family = st.selectbox(
        "Famille de l'ESS (si concernée)",
        [None, *labels.ESS_FAMILIES],
        format_func=lambda k: "—" if k is None else labels.ESS_FAMILIES[k],
        key=f"{prefix}_family",
    )
    sector = st.text_input("Secteur d'activité", key=f"{prefix}_sector", max_chars=80)
    offer = st.text_area("Ce que vous proposez", key=f"{prefix}_offer", max_chars=2000, height=80)
    return Description(label, family, sector, offer)


def _pending_drawing(who: Identity, drawing: dict | None) -> None:
    if not drawing or not _is_new(drawing):
        return
    geometry = drawing.get("geometry") or {}
    kind = geometry.get("type")
    if kind not in ("Point", "Polygon"):
        return
    title = "Nouveau site" if kind == "Point" else "Nouvelle zone de chalandise"
    with st.form("new_drawing_form", border=True):
        st.markdown(f"**{title}**")
        description = _description_fields("new", "")
        saved = st.form_submit_button("Enregistrer", type="primary", width="stretch")
    if saved:
        assert who.participant_id is not None
        # The drawing itself is the idempotency key: the same shape sent twice is saved once.
        request_id = hashlib.sha256(json.dumps(geometry, sort_keys=True).encode()).hexdigest()
        try:
            with write_session() as s:
                if kind == "Point":
                    lon, lat = geometry["coordinates"][:2]
                    service.add_site(
                        s, participant_id=who.participant_id, lon=float(lon), lat=float(lat),
                        description=description, client_request_id=request_id,
                    )  # fmt: skip
                else:
                    service.add_zone(
                        s, participant_id=who.participant_id, geometry=geometry,
                        description=description, client_request_id=request_id,
                    )  # fmt: skip
        except UserError as error:
            st.error(str(error))
            return
        _remember(drawing)
        live.clear()
        st.toast("Enregistré sur la carte partagée.")
        st.rerun()


def _without_map(who: Identity) -> None:
    assert who.workshop_id is not None and who.participant_id is not None
    communes = live.communes(who.workshop_id)
    with (
        st.expander("Sans la carte : placer mon site dans une commune"),
        st.form("commune_site_form", border=False),
    ):
        code = st.selectbox(
            "Commune du territoire",
            [c.code for c in communes],
            format_func=lambda k: {c.code: c.name for c in communes}[k],
            key="map_commune",
        )
        label = st.text_input("Nom du lieu (facultatif)", key="map_commune_label")
        placed = st.form_submit_button("Placer mon site", type="primary", width="stretch")
    pid = who.participant_id
    if placed and code:
        request_id = actions.form_request_id("commune_site_form")
        actions.run(
            lambda s: service.add_site_in_commune(
                s, participant_id=pid, commune_code=code,
                description=Description(label), client_request_id=request_id,
            ),
            done_form="commune_site_form",
        )  # fmt: skip
