"""The facilitator's vote: candidate priorities, opening with a method, closing, results."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st
from sqlalchemy.orm import Session

from essdash import labels
from essdash.formatting import fmt_closes_in, fmt_count
from essdash.models import Vote
from essdash.models.base import utcnow
from essdash.ui import safe
from essdash.ui.voting import charts, data
from essdash.ui.workshop import actions
from essdash.ui.workshop.picker import pick_workshop
from essdash.ui.worldcafe import common
from essdash.ui.worldcafe import data as cafe
from essdash.workshop.activities.voting import priorities, service

PRIORITY_FORM, FROM_FORM, VOTE_FORM = "prio_typed", "prio_from", "vote_new"


def render() -> None:
    info = pick_workshop(key="vote_workshop")
    if info is None:
        return
    st.page_link(
        "app_pages/projection_cafe.py", label="Plein écran (projection)",
        icon=":material/fullscreen:",
    )  # fmt: skip
    vote, _ = data.vote_state(info.id)
    if vote is not None and vote.status == "closed" and vote.stored_status == "open":
        # The deadline has passed: record the close (and its final ranking) here, a write path.
        actions.perform(lambda s: service.close_if_due(s, workshop_id=info.id))
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
    for n, item in enumerate(data.candidates(wid), start=1):
        a, b = st.columns([5, 1], vertical_alignment="center")
        a.text(f"{n}. {item.title}")
        if editing and b.button("Retirer", key=f"rm_{item.id}"):
            actions.perform(_remover(item.id), success="Priorité retirée")
    if not editing:
        st.caption("Les priorités ne changent pas pendant un vote.")
        return
    with st.form(PRIORITY_FORM, enter_to_submit=False):
        title = st.text_input("Ajouter une priorité", key=actions.field(PRIORITY_FORM, "title"))
        if st.form_submit_button("Ajouter"):
            actions.perform(
                lambda s: priorities.add_priority(s, workshop_id=wid, title=title),
                form=PRIORITY_FORM, success="Priorité ajoutée",
            )  # fmt: skip
    _from_cafe(wid)


def _remover(priority_id: int) -> actions.Action:
    return lambda s: priorities.remove_priority(s, priority_id=priority_id)


def _from_cafe(wid: int) -> None:
    themes = cafe.theme_counts(wid)
    posts = cafe.post_its(wid)
    # each option says its question: two questions may both have a "Mobilité" theme
    number = {q.id: q.position for q in cafe.questions(wid)}
    theme_names = {
        t.id: f"Q{number.get(t.question_id, '?')} · {t.name} ({t.count})" for t in themes
    }
    post_texts = {p.id: f"Q{number.get(p.question_id, '?')} · {p.text}" for p in posts}
    with st.form(FROM_FORM, enter_to_submit=False):
        chosen_themes = st.multiselect(
            "Depuis les thèmes", list(theme_names), format_func=lambda tid: theme_names[tid],
            placeholder="Choisir des thèmes", key=actions.field(FROM_FORM, "themes"),
            select_all=False,  # Streamlit's English "Select all" has no place here
        )  # fmt: skip
        chosen_posts = st.multiselect(
            "Depuis des post-its", list(post_texts), format_func=lambda cid: post_texts[cid],
            placeholder="Choisir des post-its", key=actions.field(FROM_FORM, "posts"),
            select_all=False,
        )  # fmt: skip
        if st.form_submit_button("Ajouter la sélection"):

            def add(s: Session) -> None:
                for tid in chosen_themes:
                    priorities.priority_from_theme(s, theme_id=tid)
                for cid in chosen_posts:
                    priorities.priority_from_contribution(s, contribution_id=cid)

            actions.perform(add, form=FROM_FORM, success="Priorités ajoutées")


def _new_vote(wid: int) -> None:
    with st.form(VOTE_FORM, enter_to_submit=False):
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

            actions.perform(open_, form=VOTE_FORM, success="Vote ouvert")


def _visibility(vote: data.VoteView) -> None:
    shown = st.toggle(
        "Afficher les résultats (projection et téléphones)", value=vote.results_visible,
        key=f"results_visible_{vote.id}_{vote.results_visible}",
    )  # fmt: skip
    if shown != vote.results_visible:
        actions.perform(
            lambda s: service.set_results_visible(s, vote_id=vote.id, visible=shown),
            success="Résultats affichés" if shown else "Résultats masqués",
        )


def _running(vote: data.VoteView) -> None:
    safe.text_block(vote.title, bold=True)
    st.caption(labels.VOTE_METHODS[vote.method])
    if vote.closes_at is None:
        st.caption("Sans clôture automatique : clôturez le vote ci-dessous.")
    else:
        closing = fmt_closes_in(common.seconds_left(vote.closes_at))
        st.caption(f"Clôture automatique : {closing.removeprefix('clôture ')}")
    _visibility(vote)
    if st.button("Clôturer le vote", type="primary"):
        actions.perform(lambda s: service.close_vote(s, vote_id=vote.id), success="Vote clos")


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
    st.metric("Bulletins", fmt_count(vote.ballots, "bulletin"))
    if not vote.results_visible:
        st.caption("Résultats masqués : ils apparaîtront ici, sur la projection et les téléphones.")
        return
    charts.results(vote.method, items)
