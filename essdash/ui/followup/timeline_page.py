"""« Calendrier du diagnostic » : where it stands, what is late, what is next; steps edited."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import formatting
from essdash.db import read_session
from essdash.followup import timeline
from essdash.followup.labels import STEP_STATUSES
from essdash.followup.timeline import StepInput, StepView, Timeline
from essdash.models import Diagnostic, Workshop
from essdash.ui import safe
from essdash.ui.followup.common import pick_diagnostic
from essdash.ui.workshop import actions

STATUS_BY_LABEL = {v: k for k, v in STEP_STATUSES.items()}


def render() -> None:
    diagnostic_id = pick_diagnostic("timeline_pick")
    if diagnostic_id is None:
        return
    with read_session() as s:
        view = timeline.timeline(s, diagnostic_id=diagnostic_id)
        kind = s.get(Diagnostic, diagnostic_id).kind  # type: ignore[union-attr]
    if not view.steps:
        _start_form(diagnostic_id, kind)
        return
    summary(view)
    st.altair_chart(gantt(view), width="stretch")
    st.subheader("Étapes")
    _steps_editor(diagnostic_id, view)
    _attach(diagnostic_id, view)


def _start_form(diagnostic_id: int, kind: str) -> None:
    from essdash import labels

    st.info(
        "Ce diagnostic n'a pas encore de calendrier. Créez ses phases et étapes à partir du "
        f"modèle « {labels.DIAGNOSTIC_KINDS.get(kind, kind)} », puis ajustez les dates."
    )
    start = st.date_input("Début du diagnostic", value=date.today(), format="DD/MM/YYYY",
                          key="timeline_start")  # fmt: skip
    if st.button("Créer les phases et étapes", type="primary", key="timeline_create"):
        actions.perform(
            lambda s: timeline.apply_template(s, diagnostic_id=diagnostic_id, start=start),
            success="Calendrier créé.",
        )


def summary(view: Timeline) -> None:
    """Three figures and the late steps, readable from the back of the room."""
    done = sum(1 for s in view.steps if s.status == "termine")
    a, b, c = st.columns([2, 1, 1])
    with a:
        st.caption("Phase en cours")
        safe.text_block(view.current_phase or "Diagnostic terminé", size="1.6rem", bold=True)
    b.metric("Étapes terminées", f"{done} / {len(view.steps)}")
    c.metric("Étapes en retard", formatting.fmt_int(len(view.late)))
    if view.late:
        st.error("En retard : " + " ; ".join(_why_late(s) for s in view.late))
    if view.upcoming:
        nxt = view.upcoming[0]
        st.info(f"Ensuite : {nxt.title} (début prévu {formatting.fmt_date(nxt.planned_start)})")


def _why_late(step: StepView) -> str:
    """A late step and why: its planned end has passed, or it has not started on time."""
    if step.planned_end is not None and step.planned_end < date.today():
        return f"{step.title} (fin prévue {formatting.fmt_date(step.planned_end)})"
    return f"{step.title} (pas commencée, début prévu {formatting.fmt_date(step.planned_start)})"


def gantt(view: Timeline) -> alt.LayerChart:
    """Planned bars (light, wide), actual bars (dark, thin), today's rule; late steps in red."""
    today = date.today()
    frame = pd.DataFrame(
        [
            {
                "Étape": f"{n + 1}. {s.title}",
                "Début prévu": s.planned_start,
                "Fin prévue": s.planned_end,
                "Début réel": s.actual_start,
                "Fin réelle": s.actual_end or (today if s.actual_start else None),
                "État": "En retard" if s.late else STEP_STATUSES.get(s.status, s.status),
            }
            for n, s in enumerate(view.steps)
        ]
    )
    for column in ("Début prévu", "Fin prévue", "Début réel", "Fin réelle"):
        frame[column] = pd.to_datetime(frame[column])
    color = alt.Color(
        "État:N",
        scale=alt.Scale(
            domain=["En retard", *STEP_STATUSES.values()],
            range=["#B00020", "#9AA5B1", "#0072B2", "#009E73", "#666666"],
        ),
        legend=alt.Legend(orient="top", title=None),
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("Étape:N", sort=list(frame["Étape"]), title=None,
                axis=alt.Axis(labelLimit=460, labelFontSize=13)),
        color=color,
        tooltip=["Étape", "État",
                 alt.Tooltip("Début prévu:T", format="%d/%m/%Y"),
                 alt.Tooltip("Fin prévue:T", format="%d/%m/%Y")],
    )  # fmt: skip
    planned = base.mark_bar(opacity=0.35, size=20).encode(
        x=alt.X("Début prévu:T", title=None, axis=alt.Axis(format="%m/%Y")), x2="Fin prévue:T"
    )
    actual = base.mark_bar(size=8).encode(x="Début réel:T", x2="Fin réelle:T")
    rule = (
        alt.Chart(pd.DataFrame({"today": [pd.Timestamp(today)]}))
        .mark_rule(color="#B00020", strokeDash=[4, 4], size=2)
        .encode(x="today:T")
    )
    return alt.LayerChart(layer=[planned, actual, rule]).properties(height=30 * len(view.steps))


def _steps_editor(diagnostic_id: int, view: Timeline) -> None:
    frame = pd.DataFrame(
        [
            {
                "id": s.id,
                "Phase": s.phase_title,
                "Étape": s.title,
                "Début prévu": s.planned_start,
                "Fin prévue": s.planned_end,
                "Début réel": s.actual_start,
                "Fin réelle": s.actual_end,
                "Statut": STEP_STATUSES.get(s.status, s.status),
                "Retard": "en retard" if s.late else "",
                "Ateliers": ", ".join(s.workshops),
                "Entretiens": s.interviews,
            }
            for s in view.steps
        ]
    )
    for column in ("Début prévu", "Fin prévue", "Début réel", "Fin réelle"):
        frame[column] = pd.to_datetime(frame[column])  # an empty date shows empty, not "None"
    date_col = st.column_config.DateColumn(format="DD/MM/YYYY")
    edited = st.data_editor(
        frame, hide_index=True, width="stretch", key=f"steps_editor_{diagnostic_id}",
        disabled=["Phase", "Étape", "Retard", "Ateliers", "Entretiens"],
        column_config={
            "id": None, "Début prévu": date_col, "Fin prévue": date_col,
            "Début réel": date_col, "Fin réelle": date_col,
            "Statut": st.column_config.SelectboxColumn(options=list(STEP_STATUSES.values()),
                                                       required=True),
        },
    )  # fmt: skip
    if st.button("Enregistrer les étapes", type="primary", key="steps_save"):
        lines = [(int(r["id"]), _input(r)) for r in edited.to_dict("records")]
        actions.perform(lambda s: _save(s, diagnostic_id, lines), success="Étapes enregistrées.")


def _date(value: object) -> date | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)):  # type: ignore[arg-type]
        return None
    return value.date() if isinstance(value, pd.Timestamp) else value  # type: ignore[return-value]


def _input(row: dict[str, object]) -> StepInput:
    return StepInput(
        _date(row["Début prévu"]), _date(row["Fin prévue"]), _date(row["Début réel"]),
        _date(row["Fin réelle"]), STATUS_BY_LABEL.get(str(row["Statut"]), "a_venir"),
    )  # fmt: skip


def _save(session: Session, diagnostic_id: int, lines: list[tuple[int, StepInput]]) -> None:
    for step_id, data in lines:
        timeline.update_step(session, diagnostic_id=diagnostic_id, step_id=step_id, data=data)


def _attach(diagnostic_id: int, view: Timeline) -> None:
    with read_session() as s:
        workshops = dict(
            s.execute(
                select(Workshop.id, Workshop.title).where(Workshop.diagnostic_id == diagnostic_id)
            ).all()
        )
    if not workshops:
        return
    with st.expander("Rattacher un atelier à une étape"):
        steps = {s.id: s.title for s in view.steps}
        wid = st.selectbox("Atelier", list(workshops), format_func=workshops.__getitem__,
                           key="attach_workshop")  # fmt: skip
        sid = st.selectbox("Étape", list(steps), format_func=steps.__getitem__, key="attach_step")
        if st.button("Rattacher", key="attach_go"):
            actions.perform(
                lambda s: timeline.attach_workshop(
                    s, diagnostic_id=diagnostic_id, step_id=sid, workshop_id=wid
                ),
                success="Atelier rattaché.",
            )
