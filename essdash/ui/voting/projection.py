"""Projected vote (1920×1080): participation, then results once the facilitator shows them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from essdash import formatting, labels
from essdash.ui import safe
from essdash.ui.voting import charts, data
from essdash.ui.workshop import live
from essdash.ui.worldcafe import common

STATUS = {"draft": "en préparation", "open": "ouvert", "closed": "clos"}


def status_line(vote: data.VoteView) -> str:
    """'Points · vote ouvert · clôture dans 3:10' (never 'dans 0:00'), 'Points · vote clos'."""
    parts = [labels.VOTE_METHODS[vote.method], f"vote {STATUS[vote.status]}"]
    if vote.status == "open":
        parts.append(formatting.fmt_closes_in(common.seconds_left(vote.closes_at)))
    return " · ".join(parts)


@st.fragment(run_every=live.PROJECTION_TICK_S)
def render_vote_projection(workshop_id: int, settings: Any = None) -> None:
    vote, items = data.vote_state(workshop_id)
    if vote is None:
        safe.text_block("Aucun vote pour l'instant.", size="2.4rem", bold=True)
        return
    ballots = formatting.fmt_count(vote.ballots, "bulletin")
    st.html(
        f'<div style="font-size:1.4rem;color:#444">{safe.escape(status_line(vote))} · '
        f'<span data-testid="pj-ballots">{ballots}</span></div>'
    )
    safe.text_block(vote.title, size="2.6rem", bold=True)
    if not vote.results_visible:
        # The candidates in their own fixed order: nothing here moves with the ballots.
        safe.text_block("Résultats masqués pour l'instant.", size="2rem")
        candidates = data.candidates(workshop_id)
        safe.cards(
            [safe.Card(f"{n}. {c.title}") for n, c in enumerate(candidates, start=1)], big=True
        )
        return
    charts.results(vote.method, items, big=True)
