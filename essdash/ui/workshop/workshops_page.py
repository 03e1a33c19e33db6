"""Ateliers et déroulé: create, open, close, archive; agenda with running total; questions."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import select

from essdash import labels
from essdash.db import read_session
from essdash.models import Diagnostic
from essdash.ui.workshop import actions
from essdash.ui.workshop.picker import pick_workshop
from essdash.workshop import console
from essdash.workshop.console import StepInput

STATUS_ACTIONS = {
    "draft": [("open", "Ouvrir l'atelier")],
    "open": [("closed", "Clore l'atelier")],
    "closed": [("open", "Rouvrir"), ("archived", "Archiver")],
    "archived": [("closed", "Désarchiver")],
}


def render() -> None:
    _create()
    info = pick_workshop(key="ateliers_workshop")
    if info is None:
        return
    st.caption(f"Statut : **{labels.WORKSHOP_STATUSES[info.status]}** — code **{info.join_code}**")
    cols = st.columns(4)
    for i, (target, label) in enumerate(STATUS_ACTIONS[info.status]):
        if cols[i].button(label, key=f"status_{target}"):
            _set_status(info.id, target)
    opened = st.toggle(
        "Contributions à distance ouvertes (après l'atelier)",
        value=info.contributions_open,
        key="contributions_open",
    )
    if opened != info.contributions_open:
        actions.run(lambda s: console.set_contributions_open(s, workshop_id=info.id, value=opened))
    _agenda(info.id)
    _questions(info.id)


def _set_status(workshop_id: int, target: str) -> None:
    actions.run(lambda s: console.set_status(s, workshop_id=workshop_id, status=target))


def _create() -> None:
    with read_session() as s:
        diagnostics = [
            (d.id, d.name) for d in s.scalars(select(Diagnostic).order_by(Diagnostic.id))
        ]
    names = dict(diagnostics)
    with st.expander("Créer un atelier"):
        if not diagnostics:
            st.info("Créez d'abord un diagnostic.")
            return
        with st.form("create_workshop", border=False):
            diagnostic_id = st.selectbox(
                "Diagnostic", [d[0] for d in diagnostics], format_func=lambda k: names[k],
                key="create_diagnostic",
            )  # fmt: skip
            title = st.text_input("Titre", key="create_title")
            code = st.text_input("Code (facultatif, sinon tiré au hasard)", key="create_code")
            place = st.text_input("Lieu", key="create_place")
            if st.form_submit_button("Créer", type="primary"):
                actions.run(
                    lambda s: console.create_workshop(
                        s, diagnostic_id=diagnostic_id, title=title, join_code=code or None,
                        place=place,
                    )
                )  # fmt: skip


def _agenda(workshop_id: int) -> None:
    st.subheader("Déroulé")
    with read_session() as s:
        rows = console.agenda(s, workshop_id=workshop_id)
    frame = pd.DataFrame(
        {
            "id": [r.id for r in rows],
            "Étape": [r.title for r in rows],
            "Durée (min)": [r.duration_min for r in rows],
            "Méthode": [r.method for r in rows],
            "Activité": [r.activity for r in rows],
        }
    )
    edited = st.data_editor(
        frame, key="agenda_editor", num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "id": None,
            "Durée (min)": st.column_config.NumberColumn(min_value=0, max_value=600, step=5),
            "Activité": st.column_config.SelectboxColumn(options=list(console.ACTIVITIES)),
        },
    )  # fmt: skip
    st.table(
        pd.DataFrame(
            {"Étape": [r.title for r in rows], "Durée": [r.duration_text for r in rows],
             "Cumul": [r.cumulative_text for r in rows]}
        )
    )  # fmt: skip
    if st.button("Enregistrer le déroulé", key="agenda_save", type="primary"):
        steps = [
            StepInput(
                title=str(row["Étape"] or ""),
                duration_min=int(row["Durée (min)"] or 0),
                method=str(row["Méthode"] or ""),
                activity=row["Activité"] or None,
                id=int(row["id"]) if pd.notna(row["id"]) else None,
            )
            for _, row in edited.iterrows()
        ]
        actions.run(lambda s: console.save_agenda(s, workshop_id=workshop_id, steps=steps))


def _questions(workshop_id: int) -> None:
    st.subheader("Questions du world café")
    with read_session() as s:
        items = [(q.id, q.text, q.hint) for q in console.questions(s, workshop_id=workshop_id)]
    frame = pd.DataFrame(items, columns=["id", "Question", "Précisions"])
    edited = st.data_editor(
        frame, key="questions_editor", num_rows="dynamic", hide_index=True, width="stretch",
        column_config={"id": None},
    )  # fmt: skip
    if st.button("Enregistrer les questions", key="questions_save", type="primary"):
        lines = [
            (int(r["id"]) if pd.notna(r["id"]) else None, str(r["Question"] or ""),
             str(r["Précisions"] or ""))
            for _, r in edited.iterrows()
        ]  # fmt: skip
        actions.run(lambda s: console.save_questions(s, workshop_id=workshop_id, items=lines))
