"""Diagnostics, their phase, reference territories and restitution link."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.db import read_session
from essdash.diagnostics import service
from essdash.models import Diagnostic, Territory, Workshop
from essdash.ui.exports.page import restitution_url
from essdash.ui.followup.common import pick_diagnostic
from essdash.ui.followup.create_diagnostic import create_form
from essdash.ui.workshop import actions


def render() -> None:
    create_form()
    diagnostic_id = pick_diagnostic("diagnostics_pick")
    if diagnostic_id is None:
        return
    with read_session() as session:
        d = session.get(Diagnostic, diagnostic_id)
        assert d is not None
        territory = session.get(Territory, d.territory_id) if d.territory_id else None
        territory_name = territory.name if territory else "non choisi"
        workshops = _workshops(session, d.id)
        phase, refs, code, kind = d.phase, d.reference_territories or "", d.restitution_code, d.kind
        issuer = d.issuer or ""
    st.caption(f"{labels.DIAGNOSTIC_KINDS.get(kind, kind)} — territoire : {territory_name}")
    st.subheader("Phase")
    phases = list(labels.PHASES)
    st.progress((phases.index(phase) + 1) / len(phases), text=labels.PHASES[phase])
    with st.form("diagnostic_settings"):
        new_phase = st.radio(
            "Phase du diagnostic",
            phases,
            index=phases.index(phase),
            format_func=labels.PHASES.__getitem__,
            horizontal=True,
        )
        new_refs = st.text_input(
            "Territoires de référence (type:code, séparés par des virgules)",
            value=refs,
            help="Par exemple : departement:44, region:52, france",
        )
        new_issuer = st.text_input(
            "Organisme émetteur (couverture du document de restitution)", value=issuer,
            max_chars=200, placeholder="CRESS …",
        )  # fmt: skip
        if st.form_submit_button("Enregistrer", type="primary"):
            _save(diagnostic_id, new_phase, new_refs, new_issuer)
    st.subheader("Ateliers")
    st.dataframe(pd.DataFrame(workshops, columns=["Atelier", "État", "Code"]), hide_index=True)
    st.subheader("Lien de restitution")
    st.code(restitution_url(code), language=None, wrap_lines=True)  # a phone shows it whole
    if st.button(
        "Générer un nouveau code (l'ancien lien cessera de fonctionner)", key="new_restitution_code"
    ):
        actions.perform(
            lambda s: service.new_restitution_code(s, diagnostic_id=diagnostic_id),
            success="Nouveau lien de restitution créé.",
        )  # fmt: skip


def _workshops(session: Session, diagnostic_id: int) -> list[tuple[str, str, str]]:
    rows = session.scalars(select(Workshop).where(Workshop.diagnostic_id == diagnostic_id))
    return [(w.title, labels.WORKSHOP_STATUSES.get(w.status, w.status), w.join_code) for w in rows]


def _save(diagnostic_id: int, phase: str, refs: str, issuer: str) -> None:
    keys = [k for k in refs.split(",") if k.strip()]

    def save(session: Session) -> None:
        service.set_phase(session, diagnostic_id=diagnostic_id, phase=phase)
        service.set_references(session, diagnostic_id=diagnostic_id, keys=keys)
        service.set_issuer(session, diagnostic_id=diagnostic_id, issuer=issuer)

    actions.perform(save, success="Diagnostic enregistré.")
