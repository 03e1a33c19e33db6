"""Carte partagée (phone first): place sites, draw zones, edit only one's own features."""

from __future__ import annotations

import hashlib
import json

import streamlit as st
from folium import plugins
from sqlalchemy.orm import Session

from essdash import labels
from essdash.ui import state
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions, live, map_layers, my_features
from essdash.workshop.activities.mapping import service
from essdash.workshop.activities.mapping.service import Description

MAP_KEY = "shared_map"
DRAW_MODE_KEY = "map_draw_mode"
MAP_HEIGHT = 420
COMMUNE_FORM = "commune_site_form"
_SCROLL_JS = (
    "<script>/*{tag}*/var box = window.parent.document.querySelector('.st-key-new_drawing_box');"
    "if (box) {{ box.style.scrollMarginTop = '4.5rem'; "
    "box.scrollIntoView({{behavior: 'smooth', block: 'start'}}); }}</script>"
)


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
    drawing_mode = writable and st.toggle(
        "Placer un site ou tracer une zone sur la carte", key=DRAW_MODE_KEY
    )
    if drawing_mode:
        st.caption(
            "Pour placer un site : touchez le repère (en haut à gauche de la carte), puis "
            "l'endroit. Pour tracer une zone : le pentagone, puis chaque sommet, et le premier "
            "pour fermer."
        )
        drawing = _drawing_map(who.workshop_id)
        _pending_drawing(who, drawing)  # right under the map, scrolled into view
    else:
        # Everyone's sites from one render shared by all phones (cheap for the server).
        st.iframe(live.map_html(who.workshop_id), height=MAP_HEIGHT)
        drawing = None
    map_layers.legend()
    if st.button("Actualiser la carte", key="map_refresh", icon=":material/refresh:"):
        live.clear()
    if writable:
        _without_map(who)
    my_features.render(who, writable)


def _drawing_map(workshop_id: int) -> dict | None:
    """The map with Leaflet.draw: one folium render per run, so only while drawing."""
    from streamlit_folium import st_folium  # re-imported each run: AppTest can monkeypatch it

    items = live.features(workshop_id)
    # fitted to the territory AND every feature drawn (a zone reaching beyond it is not cut)
    fmap = map_layers.base_map(live.communes(workshop_id), items)
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
        # a new key once a drawing is saved: the map remounts without the draft pin, which
        # otherwise stays drawn over the saved dot
        key=f"{MAP_KEY}-{state.drawing_map_generation()}",
        height=MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=map_layers.features_group(items),
        returned_objects=["last_active_drawing"],
    )
    drawing = (out or {}).get("last_active_drawing")
    return drawing if isinstance(drawing, dict) else None


def _is_new(drawing: dict) -> bool:
    return not state.drawing_saved(json.dumps(drawing.get("geometry"), sort_keys=True))


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
    with st.container(key="new_drawing_box"), st.form("new_drawing_form", border=True):
        st.markdown(f"**{title}**")
        description = _description_fields("new", "")
        saved = st.form_submit_button("Enregistrer", type="primary", width="stretch")
    # the form appears below the map, out of sight on a phone: bring it into view once
    tag = hashlib.sha256(json.dumps(geometry, sort_keys=True).encode()).hexdigest()[:12]
    st.iframe(_SCROLL_JS.format(tag=tag), height=1)
    if saved:
        assert who.participant_id is not None
        # The drawing itself is the idempotency key: the same shape sent twice is saved once.
        request_id = hashlib.sha256(json.dumps(geometry, sort_keys=True).encode()).hexdigest()
        pid = who.participant_id

        def save(s: Session) -> object:
            if kind == "Point":
                lon, lat = geometry["coordinates"][:2]
                return service.add_site(
                    s, participant_id=pid, lon=float(lon), lat=float(lat),
                    description=description, client_request_id=request_id,
                )  # fmt: skip
            return service.add_zone(
                s, participant_id=pid, geometry=geometry,
                description=description, client_request_id=request_id,
            )  # fmt: skip

        actions.perform(
            save,
            success="Enregistré sur la carte partagée.",
            # never offered again; the map remounts without the draft pin over the saved dot
            then=lambda: state.remember_drawing(json.dumps(geometry, sort_keys=True)),
        )


def _without_map(who: Identity) -> None:
    assert who.workshop_id is not None and who.participant_id is not None
    communes = live.communes(who.workshop_id)
    actions.form_request_id(COMMUNE_FORM)  # created before the tap: a double tap reuses it
    with (
        st.expander("Sans la carte : placer mon site dans une commune"),
        st.form(COMMUNE_FORM, border=False),
    ):
        st.selectbox(
            "Commune du territoire",
            [c.code for c in communes],
            format_func=lambda k: {c.code: c.name for c in communes}[k],
            key="map_commune",
        )
        st.text_input("Nom du lieu (facultatif)", key="map_commune_label")
        st.form_submit_button(
            "Placer mon site", type="primary", width="stretch",
            on_click=_place_in_commune, args=(who.participant_id,),
        )  # fmt: skip
    actions.show_outcome()


def _place_in_commune(participant_id: int) -> None:
    """Form callback: runs before the script, so the page is drawn once, with the site in."""
    code = state.widget_value("map_commune")
    if not code:
        return
    label = str(state.widget_value("map_commune_label") or "")
    request_id = actions.form_request_id(COMMUNE_FORM)
    placed = actions.commit(
        lambda s: service.add_site_in_commune(
            s, participant_id=participant_id, commune_code=code,
            description=Description(label), client_request_id=request_id,
        ),
        done_form=COMMUNE_FORM,
        success="Site placé sur la carte partagée.",
    )  # fmt: skip
    if placed:
        state.set_widget_value("map_commune_label", "")  # ready for the next site
