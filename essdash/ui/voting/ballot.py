"""The participant's ballot on a phone: points with a live budget, ranking, or grades."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from essdash import labels
from essdash.formatting import fmt_count
from essdash.ui import safe
from essdash.ui.identity import Identity
from essdash.ui.voting import charts, data
from essdash.ui.voting.data import PriorityView, VoteView
from essdash.ui.workshop import actions, follow, step_banner
from essdash.ui.worldcafe import common
from essdash.workshop.activities.voting import service

HELP = {
    "points": "Répartissez vos points entre les priorités qui comptent le plus pour vous.",
    "ranking": "Choisissez les priorités dans l'ordre de votre préférence (la première d'abord).",
    # no-break spaces inside the guillemets: « À rejeter » never splits across two lines
    "majority": "Donnez une mention à chaque priorité, de «\u00a0À\u00a0rejeter\u00a0» "
    "à «\u00a0Excellent\u00a0».",
}
RANKS = ("1re", "2e")


def render(who: Identity) -> None:
    assert who.participant_id is not None and who.workshop_id is not None
    follow.follow(who.workshop_id)  # a vote opened or closed redraws this page within 2 s
    step_banner.render(who.workshop_id)  # the agenda step, as on the projection
    vote, items = data.vote_state(who.workshop_id)
    if vote is None or vote.status == "draft":
        st.info("Aucun vote n'est ouvert pour l'instant.")
        return
    safe.text_block(vote.title, size="1.5rem", bold=True)
    if vote.status == "closed":
        st.info("Le vote est clos.")
        if vote.results_visible:
            charts.results(vote.method, items)
        return
    if vote.closes_at is not None:
        common.ticking_caption("Clôture du vote", vote.closes_at)
    st.caption(HELP[vote.method])
    mine = data.my_ballot(vote.id, who.participant_id)
    if mine is not None:
        st.success("Vote enregistré. Vous pouvez le modifier jusqu'à la clôture.")
    _form(who.participant_id, vote, data.candidates(who.workshop_id), mine or {})


@st.fragment
def _form(pid: int, vote: VoteView, items: Sequence[PriorityView], mine: dict[int, int]) -> None:
    """A fragment: a "+" or a choice redraws the ballot only, not the whole page."""
    if vote.method == "points":
        entries = _points(vote, items, mine)
    elif vote.method == "ranking":
        entries = _ranking(vote, items, mine)
    else:
        entries = _grades(vote, items, mine)
    label = "Modifier mon vote" if mine else "Voter"
    if st.button(label, type="primary", width="stretch", disabled=entries is None, key="cast"):
        actions.perform(
            lambda s: service.cast_ballot(
                s, vote_id=vote.id, participant_id=pid, entries=entries or {}
            ),
            success="Vote enregistré",
        )


def _points(
    vote: VoteView, items: Sequence[PriorityView], mine: dict[int, int]
) -> dict[int, int] | None:
    most = vote.points if vote.allow_stacking else 1
    counter = st.empty()  # the remaining budget, above the inputs, updated live
    given = {}
    for n, item in enumerate(items, start=1):
        safe.text_block(f"{n}. {item.title}", bold=True)
        given[item.id] = st.number_input(
            "Points", 0, most, min(mine.get(item.id, 0), most), key=f"pts_{vote.id}_{item.id}",
            label_visibility="collapsed",
        )  # fmt: skip
    left = vote.points - sum(given.values())
    if left < 0:
        counter.error(
            f"Trop de points : {fmt_count(-left, 'point')} de trop (vous en avez {vote.points})."
        )
        return None
    counter.metric("Points restants", f"{left} / {vote.points}")
    return given if left < vote.points else None


def _rank_label(rank: int) -> str:
    return f"{RANKS[rank - 1] if rank <= len(RANKS) else f'{rank}e'} priorité"


def _ranking(
    vote: VoteView, items: Sequence[PriorityView], mine: dict[int, int]
) -> dict[int, int] | None:
    """One choice per rank, each among the priorities not yet ranked: no "select all"."""
    by_id = {i.id: i for i in items}
    before = sorted((pid for pid in mine if pid in by_id), key=lambda pid: mine[pid])
    order: list[int] = []
    for rank in range(1, len(items) + 1):
        left = [pid for pid in by_id if pid not in order]
        default = before[rank - 1] if rank <= len(before) and before[rank - 1] in left else None
        chosen = st.selectbox(
            _rank_label(rank), left, index=left.index(default) if default else None,
            format_func=lambda pid: by_id[pid].title, placeholder="Choisir une priorité",
            key=f"rank_{vote.id}_{rank}",
        )  # fmt: skip
        if chosen is None:
            break
        order.append(chosen)
    if len(order) < len(items):
        st.caption(f"Encore {fmt_count(len(items) - len(order), 'priorité')} à classer.")
        return None
    return {pid: rank for rank, pid in enumerate(order, start=1)}


def _grades(
    vote: VoteView, items: Sequence[PriorityView], mine: dict[int, int]
) -> dict[int, int] | None:
    grades = list(range(len(labels.MAJORITY_GRADES)))
    given: dict[int, int] = {}
    for n, item in enumerate(items, start=1):
        # The priority may come from a post-it: shown as text, never as a widget label.
        safe.text_block(f"{n}. {item.title}", bold=True)
        value = st.selectbox(
            f"Mention de la priorité {n}", grades, index=mine.get(item.id),
            placeholder="Choisir une mention", format_func=lambda g: labels.MAJORITY_GRADES[g],
            key=f"grade_{vote.id}_{item.id}", label_visibility="collapsed",
        )  # fmt: skip
        if value is not None:
            given[item.id] = value
    missing = len(items) - len(given)
    if missing:
        st.caption(f"Encore {fmt_count(missing, 'priorité')} sans mention.")
        return None
    return given
