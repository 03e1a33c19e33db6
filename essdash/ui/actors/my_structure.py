"""« Ma structure » on the phone: find it in Sirene (offline), confirm or move its site, and
declare or confirm the relations of one's own structure."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import streamlit as st
from sqlalchemy import select

from essdash.actors import directory, relations
from essdash.actors.search import SireneHit
from essdash.db import read_session
from essdash.models import MapFeature, Participant, Structure, Workshop
from essdash.ui import safe
from essdash.ui.actors import common
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions, live, map_layers

JUST_SIGNED_IN = "actors_just_signed_in"
MAP_KEY, QUERY, PICK = "ms_map", "ms_query", "ms_pick"
SIGNIN_QUERY, SIGNIN_PICK = "signin_sirene_query", "signin_sirene_pick"
SHARED_MAP = "app_pages/carte_partagee.py"


def mark_signed_in(siret: str | None) -> None:
    """Called once signed in: with a structure picked, the next page is « Ma structure » (once),
    to confirm its site; else the shared map, as before."""
    if siret:
        st.session_state[JUST_SIGNED_IN] = True
    st.session_state.pop(SIGNIN_PICK, None)


def signin_search(workshop_id: int) -> None:
    """« Ma structure » above the sign-in form: a pick fills the form's structure and type."""
    with read_session() as s:
        workshop = s.get(Workshop, workshop_id)
        diagnostic_id = workshop.diagnostic_id if workshop else None
    if diagnostic_id is None:
        return
    st.markdown("**Ma structure** (facultatif) : retrouvez-la dans le répertoire Sirene.")
    text = st.text_input(
        "Nom, sigle ou SIRET de ma structure", key=SIGNIN_QUERY, max_chars=120,
        placeholder="Tapez une partie du nom",
    )  # fmt: skip
    hits = common.search(text, diagnostic_id)
    if text.strip() and not hits:
        st.caption("Aucune structure trouvée dans le territoire : indiquez-la dans le formulaire.")
    if hits:
        labels = {h.siret: common.hit_label(h) for h in hits}
        st.radio("Choisissez votre structure", list(labels), format_func=labels.__getitem__,
                 key=SIGNIN_PICK, index=None, on_change=_fill_form, args=(hits,))  # fmt: skip


def _fill_form(hits: tuple[SireneHit, ...]) -> None:
    """Radio callback (before the form is drawn): the structure's name, and its type if ESS."""
    siret = st.session_state.get(SIGNIN_PICK)
    for hit in hits:
        if hit.siret == siret:
            st.session_state["signin_structure"] = hit.name[: directory.NAME_MAX]
            if hit.family is not None:
                st.session_state["signin_actor"] = "ess"
                st.session_state["signin_family"] = hit.family


def picked_at_signin() -> str | None:
    value = st.session_state.get(SIGNIN_PICK)
    return str(value) if value else None


def page_after_join() -> str:
    """Where a participant lands from « Rejoindre »: « Ma structure » right after signing in."""
    if st.session_state.pop(JUST_SIGNED_IN, False):
        return "app_pages/ma_structure.py"
    return SHARED_MAP


@dataclass(frozen=True)
class Mine:
    actor_id: int | None
    name: str
    siret: str | None
    address: str | None
    lon: float | None
    lat: float | None
    has_site: bool


def _mine(participant_id: int) -> Mine:
    with read_session() as s:
        p = s.get(Participant, participant_id)
        actor = s.get(Structure, p.structure_id) if p and p.structure_id else None
        site = s.scalar(
            select(MapFeature.id).where(
                MapFeature.participant_id == participant_id,
                MapFeature.kind == "site",
                MapFeature.hidden.is_(False),
            )
        )
        if actor is None:
            return Mine(None, "", None, None, None, None, site is not None)
        return Mine(
            actor.id, actor.name, actor.siret, actor.address, actor.lon, actor.lat, site is not None
        )


def render(who: Identity) -> None:
    assert who.participant_id is not None and who.diagnostic_id is not None
    mine = _mine(who.participant_id)
    actions.show_outcome("ms")
    if mine.siret:
        safe.text_block(mine.name, size="1.15rem", bold=True)
        safe.caption(f"{mine.address or ''} · SIRET {mine.siret}")
        with st.expander("Ce n'est pas ma structure : chercher à nouveau"):
            _search(who)
    else:
        st.write(
            "Retrouvez votre structure dans le répertoire Sirene (sans connexion internet) : "
            "tapez une partie de son nom, son sigle ou son SIRET."
        )
        _search(who)
    if mine.actor_id is not None:
        _site(who, mine)
        st.divider()
        _relations(who, mine)
    st.page_link(SHARED_MAP, label="Aller à la carte partagée", icon=":material/map:")


def _search(who: Identity) -> None:
    assert who.diagnostic_id is not None and who.participant_id is not None
    text = st.text_input("Nom, sigle ou SIRET de ma structure", key=QUERY, max_chars=120)
    hits = common.search(text, who.diagnostic_id)
    if text.strip() and not hits:
        st.info("Aucune structure trouvée dans le territoire : vérifiez l'orthographe.")
        return
    if not hits:
        return
    labels = {h.siret: common.hit_label(h) for h in hits}
    st.radio("Résultats", list(labels), format_func=labels.__getitem__, key=PICK, index=None)
    siret = common.picked_siret(PICK, hits)
    participant_id = who.participant_id
    if st.button("C'est ma structure", type="primary", disabled=siret is None, width="stretch"):
        assert siret is not None
        actions.perform(
            lambda s: directory.pick_my_structure(s, participant_id=participant_id, siret=siret),
            success="Structure enregistrée : vérifiez son site ci-dessous.",
        )


def _site(who: Identity, mine: Mine) -> None:
    st.subheader("Mon site")
    if mine.has_site:
        st.success("Votre site est sur la carte partagée.")
        return
    if mine.lon is None or mine.lat is None:
        st.info("Adresse non géolocalisée : placez votre site sur la carte partagée.")
        return
    st.write("Votre site est placé à l'adresse du répertoire Sirene :")
    safe.caption(mine.address)
    clicked = _site_map(who, mine)
    participant_id = who.participant_id
    assert participant_id is not None
    if st.button("Confirmer mon site à cette adresse", type="primary", width="stretch"):
        actions.perform(
            lambda s: directory.confirm_my_site(s, participant_id=participant_id),
            success="Site confirmé : il apparaît sur la carte partagée.",
        )
    if clicked is not None:
        lon, lat = clicked
        if st.button("Placer mon site au point touché sur la carte", width="stretch"):
            actions.perform(
                lambda s: directory.confirm_my_site(
                    s, participant_id=participant_id, lon=lon, lat=lat
                ),
                success="Site placé : il apparaît sur la carte partagée.",
            )
    else:
        st.caption("Pas à la bonne adresse ? Touchez la carte où se trouve votre site.")


def _site_map(who: Identity, mine: Mine) -> tuple[float, float] | None:
    from streamlit_folium import st_folium

    assert who.workshop_id is not None and mine.lat is not None and mine.lon is not None
    fmap = map_layers.base_map(live.communes(who.workshop_id))
    fmap.fit_bounds([[mine.lat - 0.01, mine.lon - 0.015], [mine.lat + 0.01, mine.lon + 0.015]])
    # a vector dot: the default marker's image comes from the internet, which rooms may not have
    folium.CircleMarker(
        [mine.lat, mine.lon], radius=10, color="#1E1E28", weight=2, fill=True,
        fill_color="#D55E00", fill_opacity=0.95, tooltip="Adresse Sirene",
    ).add_to(fmap)  # fmt: skip
    out = st_folium(
        fmap, key=MAP_KEY, height=280, use_container_width=True, returned_objects=["last_clicked"]
    )
    point = (out or {}).get("last_clicked")
    if isinstance(point, dict) and "lng" in point and "lat" in point:
        return float(point["lng"]), float(point["lat"])
    return None


def _relations(who: Identity, mine: Mine) -> None:
    st.subheader("Les relations de ma structure")
    assert who.participant_id is not None and who.diagnostic_id is not None
    participant_id = who.participant_id
    with read_session() as s:
        pending = relations.to_confirm(s, participant_id=participant_id)
    for relation_id, text in pending:
        safe.text_block(text)
        if st.button("Je confirme cette relation", key=f"ms_confirm_{relation_id}"):
            actions.perform(
                lambda s, r=relation_id: relations.confirm(  # type: ignore[misc]
                    s, relation_id=r, participant_id=participant_id
                ),
                success="Relation confirmée.",
            )
    _declare_form(who, mine)


def _declare_form(who: Identity, mine: Mine) -> None:
    assert who.diagnostic_id is not None and mine.actor_id is not None
    others = {i: n for i, n in common.actor_names(who.diagnostic_id).items() if i != mine.actor_id}
    if not others:
        st.caption("Aucune autre structure dans l'annuaire pour l'instant.")
        return
    with st.form("ms_relation", enter_to_submit=False):
        kind = st.selectbox(
            "Type de relation", list(relations.KIND_LABELS),
            format_func=relations.KIND_LABELS.__getitem__, key=actions.field("ms_rel", "kind"),
        )  # fmt: skip
        other = st.selectbox(
            "Avec", list(others), format_func=others.__getitem__,
            index=None, placeholder="Choisir une structure", key=actions.field("ms_rel", "other"),
        )  # fmt: skip
        outgoing = st.toggle(
            "Ma structure est le fournisseur / le membre (sinon : le client / le réseau)",
            value=True, key=actions.field("ms_rel", "dir"),
        )  # fmt: skip
        note = st.text_area("Note (facultatif)", max_chars=relations.NOTE_MAX,
                            key=actions.field("ms_rel", "note"))  # fmt: skip
        sent = st.form_submit_button("Enregistrer la relation", width="stretch")
    st.caption("Structure absente de la liste ? Signalez-la à l'équipe d'animation.")
    if sent and other is not None:
        source, target = (mine.actor_id, other) if outgoing else (other, mine.actor_id)
        form = relations.RelationForm(int(source), int(target), str(kind), note or "")
        request = actions.form_request_id("ms_rel")
        diagnostic_id, participant_id = who.diagnostic_id, who.participant_id
        actions.perform(
            lambda s: relations.declare(
                s, diagnostic_id=diagnostic_id, form=form,
                participant_id=participant_id, client_request_id=request,
            ),
            form="ms_rel", success="Relation enregistrée : l'autre structure pourra la confirmer.",
        )  # fmt: skip
    elif sent:
        st.error("Avec : choisissez une structure de la liste.")
