"""Ateliers et déroulé: create, open, close, archive; agenda with running total; questions."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.db import read_session
from essdash.models import Diagnostic
from essdash.ui import state
from essdash.ui.workshop import actions, live
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
    st.caption(f"Statut : {labels.WORKSHOP_STATUSES[info.status]} — code {info.join_code}")
    cols = st.columns(4)
    for i, (target, label) in enumerate(STATUS_ACTIONS[info.status]):
        if cols[i].button(label, key=f"status_{target}"):
            _set_status(info.id, target)
    opened = st.toggle(
        "Contributions à distance ouvertes (après l'atelier)",
        value=info.contributions_open,
        key=f"contributions_open_{info.id}_{info.contributions_open}",
    )
    if opened != info.contributions_open:
        actions.perform(
            lambda s: console.set_contributions_open(s, workshop_id=info.id, value=opened)
        )
    _agenda(info.id)
    _questions(info.id)


def _set_status(workshop_id: int, target: str) -> None:
    actions.perform(
        lambda s: console.set_status(s, workshop_id=workshop_id, status=target),
        success=f"Atelier : {labels.WORKSHOP_STATUSES[target].lower()}",
    )


CREATE_FORM = "create_workshop"


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
        with st.form(CREATE_FORM, border=False, enter_to_submit=False):
            field = lambda name: actions.field(CREATE_FORM, name)  # noqa: E731
            st.selectbox(
                "Diagnostic", [d[0] for d in diagnostics], format_func=lambda k: names[k],
                key=field("diagnostic"),
            )  # fmt: skip
            st.text_input("Titre", key=field("title"))
            st.text_input("Code (facultatif, sinon tiré au hasard)", key=field("code"))
            st.text_input("Lieu", key=field("place"))
            st.form_submit_button("Créer", type="primary", on_click=_create_workshop)
    actions.show_outcome(CREATE_FORM)


def _create_workshop() -> None:
    """Form callback: created -> confirmed, form emptied, the new workshop selected."""
    value = lambda name: state.widget_value(actions.field(CREATE_FORM, name))  # noqa: E731
    created: list[tuple[int, str, str]] = []

    def create(s: Session) -> None:
        w = console.create_workshop(
            s, diagnostic_id=int(value("diagnostic")), title=str(value("title") or ""),
            join_code=str(value("code") or "") or None, place=str(value("place") or ""),
        )  # fmt: skip
        created.append((w.id, w.title, w.join_code))

    if actions.commit(create, done_form=CREATE_FORM, slot=CREATE_FORM):
        wid, title, code = created[0]
        state.select_workshop(wid)
        state.push_outcome(CREATE_FORM, "success", f"Atelier « {title} » créé : code {code}.")


def _cell_text(value: object) -> str:
    """An editor cell as text: empty for None and NaN (new rows come back with NaN)."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _cell_int(value: object) -> int:
    text = _cell_text(value).strip()
    return int(float(text)) if text else 0


def agenda_steps(edited: pd.DataFrame) -> list[StepInput]:
    """The edited agenda as steps: empty cells (NaN, None) read as empty, labels as codes."""
    return [
        StepInput(
            title=_cell_text(row["Étape"]), duration_min=_cell_int(row["Durée (min)"]),
            method=_cell_text(row["Méthode"]), activity=console.clean_activity(row["Activité"]),
            id=_cell_int(row["id"]) or None,
        )
        for _, row in edited.iterrows()
    ]  # fmt: skip


def _agenda(workshop_id: int) -> None:
    st.subheader("Déroulé")
    with read_session() as s:
        rows = console.agenda(s, workshop_id=workshop_id)
    activity = console.activity_labels()
    frame = pd.DataFrame(
        {
            "id": [r.id for r in rows],
            "Étape": [r.title for r in rows],
            "Durée (min)": [r.duration_min for r in rows],
            "Méthode": [r.method for r in rows],
            "Activité": [activity.get(r.activity, activity[None]) for r in rows],
        }
    )
    edited = st.data_editor(
        frame, key=f"agenda_editor_{live.stamp(workshop_id, 'workshop')[0]}",
        num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "id": None,
            "Durée (min)": st.column_config.NumberColumn(min_value=0, max_value=600, step=1),
            "Activité": st.column_config.SelectboxColumn(options=list(activity.values())),
        },
    )  # fmt: skip
    st.table(
        pd.DataFrame(
            {"Étape": [r.title for r in rows], "Durée": [r.duration_text for r in rows],
             "Cumul": [r.cumulative_text for r in rows]}
        )
    )  # fmt: skip
    if st.button("Enregistrer le déroulé", key="agenda_save", type="primary"):
        steps = agenda_steps(edited)
        actions.perform(
            lambda s: console.save_agenda(s, workshop_id=workshop_id, steps=steps),
            success="Déroulé enregistré",
        )


def _questions(workshop_id: int) -> None:
    st.subheader("Questions du world café")
    with read_session() as s:
        items = [(q.id, q.text, q.hint) for q in console.questions(s, workshop_id=workshop_id)]
    frame = pd.DataFrame(items, columns=["id", "Question", "Précisions"])
    edited = st.data_editor(
        frame, key=f"questions_editor_{live.stamp(workshop_id, 'cafe')[0]}", num_rows="dynamic",
        hide_index=True, width="stretch",
        column_config={"id": None},
    )  # fmt: skip
    if st.button("Enregistrer les questions", key="questions_save", type="primary"):
        lines = [
            (_cell_int(r["id"]) or None, _cell_text(r["Question"]), _cell_text(r["Précisions"]))
            for _, r in edited.iterrows()
        ]  # fmt: skip
        actions.perform(
            lambda s: console.save_questions(s, workshop_id=workshop_id, items=lines),
            success="Questions enregistrées",
        )
