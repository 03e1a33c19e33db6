"""Console d'animation: the timer controls, the participant count, the join link and projection."""

from __future__ import annotations

import streamlit as st

from essdash import formatting
from essdash.db import read_session
from essdash.ui.workshop import actions, links, live, projection
from essdash.ui.workshop.picker import pick_workshop
from essdash.workshop import console, timer


def render() -> None:
    info = pick_workshop(key="console_workshop")
    if info is None:
        return
    status_col, link_col = st.columns([3, 2], gap="large")
    with status_col:
        _clock(info.id)
        _controls(info.id)
    with link_col:
        _count(info.id)
        url = links.join_url(info.join_code)
        st.markdown(f"Code : **{info.join_code}**")
        st.code(url, language=None, wrap_lines=True)
        st.image(links.qr_png(url, scale=5), width=180, alt="QR code pour rejoindre l'atelier")
        st.page_link(
            "app_pages/projection.py",
            label="Ouvrir la projection",
            icon=":material/present_to_all:",
        )
        st.caption("Projection sur un autre écran ou onglet (lecture seule, sans mot de passe) :")
        st.code(projection.projection_url(info.id), language=None, wrap_lines=True)


@st.fragment(run_every=2.0)
def _count(workshop_id: int) -> None:
    """Live: the console follows arrivals like the projection (a cached, versioned count)."""
    st.metric("Participant·es inscrit·es", formatting.fmt_int(live.participant_count(workshop_id)))


@st.fragment(run_every=1.0)
def _clock(workshop_id: int) -> None:
    view = live.timer_view(workshop_id)
    if view.step_title is None:
        st.subheader("Minuteur à l'arrêt")
        return
    state = {"running": "en cours", "paused": "en pause", "idle": "prête"}[view.state]
    st.caption(f"Étape {view.step_position}/{view.step_count} — {state}")
    st.subheader(view.step_title)
    _remaining(view.remaining_s)
    if view.next_title:
        st.caption(f"Ensuite : {view.next_title}")


def _remaining(seconds: float | None) -> None:
    """The countdown: none for an untimed step, '0:00' and how long ago once time is up."""
    if seconds is None:
        st.caption("Étape sans durée : passez à la suivante quand le groupe est prêt.")
    elif seconds <= 0:
        st.metric(
            "Temps restant", "0:00", delta=formatting.fmt_overrun(seconds),
            delta_color="red", delta_arrow="off",
        )  # fmt: skip
    else:
        st.metric("Temps restant", formatting.fmt_duration(seconds))


def _controls(workshop_id: int) -> None:
    with read_session() as s:
        rows = console.agenda(s, workshop_id=workshop_id)
        view = timer.view(s, workshop_id=workshop_id)
    cols = st.columns(4)
    if view.state == "running":
        if cols[0].button("Pause", key="timer_pause", icon=":material/pause:", width="stretch"):
            actions.perform(lambda s: timer.pause(s, workshop_id=workshop_id))
    elif view.state == "paused":
        if cols[0].button(
            "Reprendre", key="timer_resume", icon=":material/play_arrow:", width="stretch"
        ):
            actions.perform(lambda s: timer.resume(s, workshop_id=workshop_id))
    elif cols[0].button(
        "Démarrer", key="timer_start", icon=":material/play_arrow:", width="stretch"
    ):
        actions.perform(lambda s: timer.start_step(s, workshop_id=workshop_id))
    if cols[1].button("+5 min", key="timer_extend", width="stretch"):
        actions.perform(lambda s: timer.extend(s, workshop_id=workshop_id, minutes=5))
    if cols[2].button(
        "Étape suivante", key="timer_next", icon=":material/skip_next:", width="stretch"
    ):
        actions.perform(lambda s: timer.next_step(s, workshop_id=workshop_id))
    if cols[3].button("Arrêter", key="timer_reset", icon=":material/stop:", width="stretch"):
        actions.perform(lambda s: timer.reset(s, workshop_id=workshop_id))
    if rows:
        ids = [r.id for r in rows]
        names = {r.id: f"{r.position}. {r.title} ({r.duration_text})" for r in rows}
        with st.form("timer_goto", border=False, enter_to_submit=False):
            step = st.selectbox(
                "Aller à l'étape",
                ids,
                format_func=lambda k: names[k],
                key="timer_step",
            )
            if st.form_submit_button("Démarrer cette étape"):
                actions.perform(
                    lambda s: timer.start_step(s, workshop_id=workshop_id, step_id=step)
                )
