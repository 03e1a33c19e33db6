"""The facilitator's vote: candidate priorities, opening with a method, closing, results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import streamlit as st
from sqlalchemy.orm import Session

from essdash import labels
from essdash.models import Vote
from essdash.models.base import utcnow
from essdash.ui.voting import charts, data
from essdash.ui.workshop.picker import pick_workshop
from essdash.ui.worldcafe import common
from essdash.ui.worldcafe import data as cafe
from essdash.workshop.activities.voting import priorities, service


def render() -> None:
    info = pick_workshop(key="vote_workshop")
    if info is None:
        return
    st.page_link(
        "app_pages/projection_cafe.py",
        label="Plein écran (projection)",
        icon=":material/fullscreen:",
    )
    vote, _ = data.vote_state(info.id)
    editing = vote is None or vote.status != "open"
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.subheader("Priorités soumises au vote")
        _candidates(info.id, editing)
    with right:
        st.subheader("Vote")
        if vote is not None and vote.status == "open":
            _running(vote)
        else:
            if vote is not None:
                _closed(vote)
            _new_vote(info.id)
    if vote is not None:
        _live_results(info.id)


def _candidates(wid: int, editing: bool) -> None:
    items = data.candidates(wid)
    for item in items:
        a, b = st.columns([5, 1], vertical_alignment="center")
        a.text(item.title)
        if editing and b.button("Retirer", key=f"rm_{item.id}"):
            common.run(_remover(item.id))
            data.clear()
            st.rerun()
    if not editing:
        st.caption("Les priorités ne changent pas pendant un vote.")
        return
    with st.form("prio_typed", clear_on_submit=True):
        title = st.text_input("Ajouter une priorité")
        if st.form_submit_button("Ajouter"):
            common.run(lambda s: priorities.add_priority(s, workshop_id=wid, title=title))
            data.clear()
            st.rerun()
    themes = cafe.theme_counts(wid)
    posts = cafe.post_its(wid)
    theme_names = {t.id: f"{t.name} ({t.count})" for t in themes}
    post_texts = {p.id: p.text for p in posts}
    with st.form("prio_from"):
        chosen_themes = st.multiselect(
            "Depuis les thèmes",
            [t.id for t in themes],
            format_func=lambda tid: theme_names[tid],
            placeholder="Choisir des thèmes",
        )  # fmt: skip
        chosen_posts = st.multiselect(
            "Depuis des post-its",
            [p.id for p in posts],
            format_func=lambda cid: post_texts[cid],
            placeholder="Choisir des post-its",
        )
        if st.form_submit_button("Ajouter la sélection"):

            def add(s: Session) -> bool:
                for tid in chosen_themes:
                    priorities.priority_from_theme(s, theme_id=tid)
                for cid in chosen_posts:
                    priorities.priority_from_contribution(s, contribution_id=cid)
                return True

            common.run(add, success="Priorités ajoutées")
            data.clear()
            st.rerun()


def _remover(priority_id: int) -> Callable[[Session], None]:
    return lambda s: priorities.remove_priority(s, priority_id=priority_id)


def _new_vote(wid: int) -> None:
    with st.form("vote_new"):
        title = st.text_input("Intitulé du vote", value="Enjeux prioritaires")
        method = st.radio(
            "Méthode", list(labels.VOTE_METHODS), format_func=lambda m: labels.VOTE_METHODS[m]
        )
        points = st.number_input(
            "Points par participant·e (vote par points)", 1, service.MAX_POINTS, 5
        )
        stacking = st.checkbox("Plusieurs points sur une même priorité", value=True)
        minutes = st.number_input("Clôture automatique dans (minutes, 0 = à la main)", 0, 240, 0)
        if st.form_submit_button("Ouvrir le vote", type="primary"):

            def open_(s: Session) -> Vote:
                vote = service.create_vote(
                    s, workshop_id=wid, method=method, title=title,
                    points_per_participant=int(points), allow_stacking=stacking,
                )  # fmt: skip
                closes = utcnow() + timedelta(minutes=int(minutes)) if minutes else None
                return service.open_vote(s, vote_id=vote.id, closes_at=closes)

            common.run(open_, success="Vote ouvert")
            data.clear()
            st.rerun()


def _visibility(vote: data.VoteView) -> None:
    shown = st.toggle(
        "Afficher les résultats (projection et téléphones)", value=vote.results_visible
    )
    if shown != vote.results_visible:
        common.run(lambda s: service.set_results_visible(s, vote_id=vote.id, visible=shown))
        data.clear()
        st.rerun()


def _running(vote: data.VoteView) -> None:
    st.text(vote.title)
    st.caption(labels.VOTE_METHODS[vote.method])
    if vote.closes_at is not None:
        st.caption(f"Clôture automatique dans {common.time_left(vote.closes_at)}")
    _visibility(vote)
    if st.button("Clôturer le vote", type="primary"):
        common.run(lambda s: service.close_vote(s, vote_id=vote.id), success="Vote clos")
        data.clear()
        st.rerun()


def _closed(vote: data.VoteView) -> None:
    st.text(f"Dernier vote : {vote.title} (clos)")
    _visibility(vote)
    st.caption("Pour un nouveau vote :")


@st.fragment(run_every=2.0)
def _live_results(wid: int) -> None:
    vote, items = data.vote_state(wid)
    if vote is None:
        return
    st.subheader(f"Résultats {'définitifs' if vote.status == 'closed' else 'en direct'}")
    st.metric("Bulletins", vote.ballots)
    charts.results(vote.method, items)
