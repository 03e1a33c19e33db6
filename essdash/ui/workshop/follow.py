"""Phones follow the workshop: a vote opened or closed, a round or a step change, within 2 s.

Every commit that changes a workshop's round, step or vote renews a tiny static file
(essdash/db/versions.py); the phone's browser polls it every second and, when it changed,
clicks a hidden button: one ordinary rerun. No script runs while nothing changes (a
`run_every` fragment per phone cost about half a core at 100 phones, bench/load.py).
"""

from __future__ import annotations

import streamlit as st

from essdash.db import versions
from essdash.ui import state
from essdash.ui.voting import data as voting

POLL_MS = 1000
REFRESH_KEY = "follow_refresh"

# The browser polls the workshop's follow file (a static file: no script run, no query) and,
# when it changed or the vote's deadline passed, clicks a hidden button: one normal rerun.
_FOLLOW_JS = """<style>.st-key-%(key)s{display:none}</style><script>
(() => {
  const w = window, shown = "%(token)s", deadline = %(deadline)s, url = "%(url)s";
  if (w.essdashFollow) clearInterval(w.essdashFollow);
  w.essdashClicked = 0;  // this script comes with a new drawing of the page
  // Polling goes on after a click: a click lost during another run is clicked again 3 s later
  // (the next drawing replaces this script with one that shows the new token).
  const refresh = () => {
    const b = document.querySelector(".st-key-%(key)s button"), now = Date.now();
    if (b && now - w.essdashClicked > 3000) { w.essdashClicked = now; b.click(); }
  };
  w.essdashFollow = setInterval(async () => {
    if (deadline && Date.now() / 1000 > deadline) return refresh();
    try {
      const r = await fetch(url + "?t=" + Date.now(), {cache: "no-store"});
      if (r.ok && (await r.text()).trim() !== shown) refresh();
    } catch (e) {}
  }, %(poll)d);
})();
</script>"""


def _token(workshop_id: int) -> str:
    path = versions.follow_file(workshop_id)
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        return versions.signal_workshop(workshop_id)


def follow(workshop_id: int) -> None:
    """Call once per run of a participant page that shows the round, the step or the vote
    (world café, priorities): the page redraws within about a second when the workshop moved
    on (a round, a step, a vote opened, closed or past its deadline), without a tap."""
    if state.widget_value(REFRESH_KEY):
        # This run is the follow file's refresh: the change may be younger than the shared
        # half-second stamps of this process (written by another process, or by this one a
        # moment ago), so this session reads the versions from the database for a moment.
        state.wrote_now()
    token = _token(workshop_id)  # before the reads: a later change shows at the next poll
    vote, _ = voting.vote_state(workshop_id)
    deadline = 0.0
    if vote is not None and vote.status == "open" and vote.closes_at is not None:
        deadline = vote.closes_at.timestamp() + 0.3
    st.button("Actualiser", key=REFRESH_KEY)  # clicked by the script below, hidden
    script = _FOLLOW_JS % {
        "key": REFRESH_KEY, "token": token, "deadline": deadline,
        "url": f"/app/static/live/w{workshop_id}.txt", "poll": POLL_MS,
    }  # fmt: skip
    st.html(script, unsafe_allow_javascript=True)


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
