"""The participant's ballot on a phone: points with a live budget, ranking, or grades."""

from __future__ import annotations

import streamlit as st

from essdash import labels
from essdash.ui import safe
from essdash.ui.identity import Identity
from essdash.ui.voting import charts, data
from essdash.ui.voting.data import PriorityView, VoteView
from essdash.ui.worldcafe import common
from essdash.workshop.activities.voting import service

HELP = {
    "points": "Répartissez vos points entre les priorités qui comptent le plus pour vous.",
    "ranking": "Touchez les priorités dans l'ordre de votre préférence (la première d'abord).",
    "majority": "Donnez une mention à chaque priorité, de « À rejeter » à « Excellent ».",
}


def render(who: Identity) -> None:
    assert who.participant_id is not None and who.workshop_id is not None
    vote, items = data.vote_state(who.workshop_id)
    if vote is None or vote.status == "draft":
        st.info("Aucun vote n'est ouvert pour l'instant.")
        _refresh()
        return
    st.subheader(vote.title)
    if vote.status == "closed":
        st.info("Le vote est clos.")
        if vote.results_visible:
            charts.results(vote.method, items)
        _refresh()
        return
    if vote.closes_at is not None:
        common.ticking_caption("Clôture du vote", vote.closes_at)
    st.caption(HELP[vote.method])
    mine = data.my_ballot(vote.id, who.participant_id)
    if mine is not None:
        st.success("Vote enregistré. Vous pouvez le modifier jusqu'à la clôture.")
    _form(who.participant_id, vote, data.candidates(who.workshop_id), mine or {})


def _refresh() -> None:
    if st.button("Actualiser", icon=":material/refresh:"):
        data.clear()
        st.rerun()


def _form(pid: int, vote: VoteView, items: list[PriorityView], mine: dict[int, int]) -> None:
    if vote.method == "points":
        entries = _points(vote, items, mine)
    elif vote.method == "ranking":
        entries = _ranking(items, mine)
    else:
        entries = _grades(items, mine)
    label = "Modifier mon vote" if mine else "Voter"
    if st.button(label, type="primary", width="stretch", disabled=entries is None, key="cast"):
        done = common.run(
            lambda s: service.cast_ballot(
                s, vote_id=vote.id, participant_id=pid, entries=entries or {}
            ),
            success="Vote enregistré",
        )
        if done is not None:
            data.clear()
            st.rerun()


def _points(
    vote: VoteView, items: list[PriorityView], mine: dict[int, int]
) -> dict[int, int] | None:
    most = vote.points if vote.allow_stacking else 1
    counter = st.empty()  # the remaining budget, above the inputs, updated live
    given = {}
    for item in items:
        safe.text_block(item.title, bold=True)
        given[item.id] = st.number_input(
            "Points", 0, most, min(mine.get(item.id, 0), most), key=f"pts_{vote.id}_{item.id}",
            label_visibility="collapsed",
        )  # fmt: skip
    left = vote.points - sum(given.values())
    if left < 0:
        counter.error(f"Trop de points : {-left} de plus que vos {vote.points}.")
        return None
    counter.metric("Points restants", f"{left} / {vote.points}")
    return given if left < vote.points else None


def _ranking(items: list[PriorityView], mine: dict[int, int]) -> dict[int, int] | None:
    by_id = {i.id: i for i in items}
    default = sorted((pid for pid in mine if pid in by_id), key=lambda pid: mine[pid])
    order = st.multiselect(
        "Mon classement (dans l'ordre)", list(by_id), default=default,
        format_func=lambda pid: by_id[pid].title, key="ranking_order",
        placeholder="Toucher une priorité",
    )  # fmt: skip
    if len(order) < len(items):
        st.caption(f"Encore {len(items) - len(order)} priorité(s) à classer.")
        return None
    st.table({"Rang": list(range(1, len(order) + 1)), "Priorité": [by_id[p].title for p in order]})
    return {pid: rank for rank, pid in enumerate(order, start=1)}


def _grades(items: list[PriorityView], mine: dict[int, int]) -> dict[int, int] | None:
    grades = list(range(len(labels.MAJORITY_GRADES)))
    given: dict[int, int] = {}
    for item in items:
        value = st.selectbox(
            item.title, grades, index=mine.get(item.id), placeholder="Choisir une mention",
            format_func=lambda g: labels.MAJORITY_GRADES[g], key=f"grade_{item.id}",
        )  # fmt: skip
        if value is not None:
            given[item.id] = value
    missing = len(items) - len(given)
    if missing:
        st.caption(f"Encore {missing} priorité(s) sans mention.")
        return None
    return given
