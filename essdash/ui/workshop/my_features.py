"""« Mes sites et zones »: the participant's own features, each with edit, radius and delete."""

from __future__ import annotations

import streamlit as st

from essdash import labels
from essdash.db import read_session
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions
from essdash.workshop.activities.mapping import queries, service
from essdash.workshop.activities.mapping.queries import FeatureView
from essdash.workshop.activities.mapping.service import Description

PICK_KEY = "own_feature_pick"


def render(who: Identity, writable: bool) -> None:
    assert who.participant_id is not None
    with read_session() as s:
        mine = queries.own_features(s, who.participant_id)
    st.subheader("Mes sites et zones")
    if not mine:
        st.caption("Vous n'avez encore rien placé sur la carte.")
        return
    for f in mine:
        with st.container(border=True, key=f"mine_{f.id}"):
            st.text(f"{_kind(f)} — {f.label}")
            if f.radius_m:
                st.caption(f"Rayon : {f.radius_m / 1000:.1f} km".replace(".", ","))
    if not writable:
        return
    _edit(who.participant_id, mine)
    sites = [f for f in mine if f.kind == "site"]
    if sites:
        _radius_form(who.participant_id, sites)


def _kind(f: FeatureView) -> str:
    return "Site" if f.kind == "site" else "Zone de chalandise"


def _edit(participant_id: int, mine: list[FeatureView]) -> None:
    """One form, for the feature chosen (the choice lists only my own features)."""
    with st.expander("Modifier ou supprimer un de mes sites ou zones"):
        f = st.selectbox(
            "Site ou zone",
            mine,
            index=None,
            format_func=lambda f: f"{_kind(f)} — {f.label}",
            placeholder="Choisir",
            key=PICK_KEY,
        )
        if f is None:
            return
        with st.form(f"edit_{f.id}", border=False):
            label = st.text_input("Nom du lieu", value=f.label, key=f"edit_label_{f.id}")
            families = [None, *labels.ESS_FAMILIES]
            family = st.selectbox(
                "Famille de l'ESS",
                families,
                index=families.index(f.family) if f.family in families else 0,
                format_func=lambda k: "—" if k is None else labels.ESS_FAMILIES[k],
                key=f"edit_family_{f.id}",
            )
            sector = st.text_input("Secteur", value=f.sector or "", key=f"edit_sector_{f.id}")
            offer = st.text_area("Ce que vous proposez", value=f.offer, key=f"edit_offer_{f.id}")
            if st.form_submit_button("Enregistrer"):
                actions.run(
                    lambda s: service.describe(
                        s, participant_id=participant_id, feature_id=f.id,
                        description=Description(label, family, sector, offer),
                    )
                )  # fmt: skip
        if st.button("Supprimer", key=f"delete_{f.id}", icon=":material/delete:"):
            actions.run(
                lambda s: service.delete_feature(s, participant_id=participant_id, feature_id=f.id)
            )


def _radius_form(participant_id: int, sites: list[FeatureView]) -> None:
    request_id = actions.form_request_id("radius_zone_form")  # before the tap: double tap = one
    with (
        st.expander("Zone de chalandise par rayon autour d'un site"),
        st.form("radius_form", border=False),
    ):
        site_id = st.selectbox(
            "Site",
            [s.id for s in sites],
            format_func=lambda k: {s.id: s.label for s in sites}[k],
            key="radius_site",
        )
        km = st.number_input(
            "Rayon (km)", min_value=0.1, max_value=100.0, value=5.0, step=0.5, key="radius_km"
        )
        if st.form_submit_button("Tracer la zone", type="primary") and site_id:
            actions.run(
                lambda s: service.add_radius_zone(
                    s,
                    participant_id=participant_id,
                    site_id=site_id,
                    radius_m=km * 1000,
                    client_request_id=request_id,
                ),
                done_form="radius_zone_form",
            )
