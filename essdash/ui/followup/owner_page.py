"""« Avancement d'une action » : the owner's personal link, one tap on a phone, no login."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from essdash import formatting, labels
from essdash.db import read_session
from essdash.followup import plan
from essdash.ui import safe
from essdash.ui.workshop import actions

FORM = "owner_update"
STEPS = (25, 50, 75)


@dataclass(frozen=True)
class OwnerView:
    id: int
    title: str
    owner: str
    deadline: date | None
    progress: int
    status: str


def _linked_action() -> OwnerView | None:
    with read_session() as s:
        action = plan.action_from_link(s, st.query_params.get("a"), st.query_params.get("k"))
        if action is None:
            return None
        return OwnerView(action.id, action.title, action.owner or "", action.deadline,
                         action.progress, action.status)  # fmt: skip


def render() -> None:
    view = _linked_action()
    if view is None:
        st.error(
            "Lien d'avancement invalide ou renouvelé : demandez votre lien personnel à "
            "l'équipe qui anime le diagnostic."
        )
        return
    safe.text_block(view.title, size="1.4rem", bold=True)
    if view.owner:
        safe.caption(f"Porteur : {view.owner}")
    due = f" · échéance {formatting.fmt_date(view.deadline)}" if view.deadline else ""
    st.progress(view.progress / 100, text=f"Avancement actuel : {view.progress} %{due}")
    st.caption(f"Statut : {labels.ACTION_STATUSES.get(view.status, view.status)}")
    note = st.text_input(
        "Un mot sur l'avancement (facultatif)", max_chars=plan.MAX_NOTE,
        key=actions.field(FORM, "note"),
    )  # fmt: skip
    st.markdown("**Où en est l'action ?** Un appui suffit.")
    columns = st.columns(len(STEPS) + 1)
    for column, value in zip(columns, STEPS, strict=False):
        if column.button(f"{value} %", key=f"owner_step_{value}", width="stretch"):
            _post(view.id, value, "en_cours", note)
    if columns[-1].button("Terminée", key="owner_done", type="primary", width="stretch"):
        _post(view.id, 100, "termine", note)


def _post(action_id: int, progress: int, status: str, note: str) -> None:
    request = actions.form_request_id(FORM)
    actions.perform(
        lambda s: plan.post_update(
            s, action_id=action_id, progress=progress, status=status, note=note,
            by_owner=True, request_id=request,
        ),
        form=FORM, success=f"Merci ! Avancement enregistré : {progress} %.",
    )  # fmt: skip
