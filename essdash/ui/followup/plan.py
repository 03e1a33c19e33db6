"""The action plan as one editable table: cheap to update, saved in one transaction."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from essdash import labels
from essdash.db import read_session
from essdash.diagnostics import service
from essdash.diagnostics.service import ActionInput
from essdash.ui.followup import plan_followup
from essdash.ui.followup.common import pick_diagnostic
from essdash.ui.workshop import actions

STATUS_BY_LABEL = {v: k for k, v in labels.ACTION_STATUSES.items()}
NO_PRIORITY = "—"


def _frame(diagnostic_id: int) -> tuple[pd.DataFrame, dict[str, int]]:
    with read_session() as session:
        priorities = service.priorities_of(session, diagnostic_id=diagnostic_id)
        actions = service.actions_of(session, diagnostic_id=diagnostic_id)
        rows = [
            {
                "id": a.id,
                "Action": a.title,
                "Porteur": a.owner or "",
                "Partenaires": a.partners or "",
                "Début": a.start_on,
                "Échéance": a.deadline,
                "Statut": labels.ACTION_STATUSES.get(a.status, a.status),
                "Avancement (%)": a.progress,
                "Priorité liée": priorities.get(a.priority_id or 0, NO_PRIORITY),
            }
            for a in actions
        ]
    columns = ["id", "Action", "Porteur", "Partenaires", "Début", "Échéance", "Statut"]
    frame = pd.DataFrame(rows, columns=[*columns, "Avancement (%)", "Priorité liée"])
    return frame, {title: pid for pid, title in priorities.items()}


def _inputs(edited: pd.DataFrame, priority_ids: dict[str, int]) -> list[ActionInput]:
    inputs = []
    for row in edited.to_dict("records"):
        if not str(row.get("Action") or "").strip():
            continue  # an empty new line is ignored, not an error
        deadline, start_on = _day(row.get("Échéance")), _day(row.get("Début"))
        raw_id = row.get("id")
        inputs.append(
            ActionInput(
                id=int(raw_id) if pd.notna(raw_id) else None,
                title=str(row["Action"]),
                owner=str(row.get("Porteur") or ""),
                partners=str(row.get("Partenaires") or ""),
                deadline=deadline,
                start_on=start_on,
                status=STATUS_BY_LABEL.get(str(row.get("Statut")), "a_lancer"),
                progress=int(row["Avancement (%)"]) if pd.notna(row.get("Avancement (%)")) else 0,
                priority_id=priority_ids.get(str(row.get("Priorité liée"))),
            )
        )
    return inputs


def _day(value: object) -> date | None:
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    return value if isinstance(value, date) else None


def render() -> None:
    diagnostic_id = pick_diagnostic("plan_diagnostic")
    if diagnostic_id is None:
        return
    st.caption(
        "Modifiez directement le tableau (ajoutez une ligne en bas, supprimez-en en la "
        "sélectionnant), puis enregistrez. Une action « Terminée » passe à 100 %."
    )
    frame, priority_ids = _frame(diagnostic_id)
    edited = st.data_editor(
        frame,
        key=f"plan_editor_{diagnostic_id}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "id": None,
            "Action": st.column_config.TextColumn(required=True, max_chars=300, width="large"),
            "Début": st.column_config.DateColumn(format="DD/MM/YYYY"),
            "Échéance": st.column_config.DateColumn(format="DD/MM/YYYY"),
            "Statut": st.column_config.SelectboxColumn(
                options=list(labels.ACTION_STATUSES.values()),
                default=labels.ACTION_STATUSES["a_lancer"],
            ),
            "Avancement (%)": st.column_config.NumberColumn(min_value=0, max_value=100, step=5),
            "Priorité liée": st.column_config.SelectboxColumn(options=[NO_PRIORITY, *priority_ids]),
        },
    )
    if st.button("Enregistrer le plan d'action", type="primary", key="plan_save"):
        rows = _inputs(edited, priority_ids)
        actions.perform(
            lambda s: service.save_plan(s, diagnostic_id=diagnostic_id, rows=rows),
            success=f"Plan d'action enregistré : {len(rows)} action(s).",
        )
    plan_followup.render(diagnostic_id)
