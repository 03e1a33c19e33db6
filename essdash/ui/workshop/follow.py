"""Phones follow the workshop: a vote opened or closed, a round or a step change, within 2 s.

A small fragment polls the versions of what phones show (the workshop's round and step, the
vote) once a second — one indexed read — and redraws the page only when one of them changed.
"""

from __future__ import annotations

import streamlit as st

from essdash.ui import state
from essdash.ui.voting import data as voting
from essdash.ui.workshop import live

PERIOD_S = 1.5  # + the shared stamps' 0.5 s: a phone follows within 2 s


def signature(workshop_id: int) -> tuple[object, ...]:
    """What a participant page shows that the facilitator changes (deadline closes included)."""
    step_round, vote_version, ballots = live.stamp(workshop_id, "workshop", "vote", "ballots")
    vote, _ = voting.vote_state(workshop_id, (vote_version, ballots))
    status = (vote.id, vote.status, vote.results_visible) if vote is not None else None
    return (step_round, vote_version, status)


def follow(workshop_id: int) -> None:
    """Call once per run of a participant page that shows the round, the step or the vote
    (world café, priorities): redraws the page when the workshop moved on."""
    _watch(workshop_id, signature(workshop_id))


@st.fragment(run_every=PERIOD_S)
def _watch(workshop_id: int, shown: tuple[object, ...]) -> None:
    if signature(workshop_id) != shown:
        st.rerun(scope="app")


_TO_TOP = """<script>
(() => {
  const top = () => {
    window.scrollTo(0, 0);
    for (const sel of ['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']) {
      const el = document.querySelector(sel);
      if (el) el.scrollTop = 0;
    }
  };
  top(); setTimeout(top, 120); setTimeout(top, 500);
})();
</script>"""


def open_at_top(page: str) -> None:
    """A page reached from another one (sign-in, navigation) opens at its top, not halfway
    down where the previous page was scrolled; reruns of the same page keep their place."""
    if state.last_page() != page:
        state.set_last_page(page)
        st.html(_TO_TOP, unsafe_allow_javascript=True)
