"""The agenda step on a participant's phone: « Étape 2/10 · Carte partagée · reste 12:34 ».

The projection shows the step and its countdown; phones showed nothing of it. The line is drawn
once per run (pages that follow the workshop redraw on a step change, a pause or an extension,
essdash/ui/workshop/follow.py) and its countdown ticks in the browser: no script run per second
and per phone on the server.
"""

from __future__ import annotations

import html
import time

import streamlit as st

from essdash import formatting
from essdash.ui.workshop import live

# The countdown ticks in the browser from the end time the server computed (epoch seconds).
_TICK_JS = """<script>
(() => {
  const w = window;
  if (w.essdashStepTick) clearInterval(w.essdashStepTick);
  const tick = () => {
    const el = document.querySelector('[data-testid="phone-step-left"]');
    if (!el) return;
    const left = Math.round(Number(el.dataset.end) - Date.now() / 1000);
    if (left <= 0) { el.textContent = "temps écoulé"; return; }
    const m = Math.floor(left / 60), s = String(left % 60).padStart(2, "0");
    el.textContent = "reste " + m + ":" + s;
  };
  tick();
  w.essdashStepTick = setInterval(tick, 1000);
})();
</script>"""


def line(workshop_id: int, now: float | None = None) -> tuple[str, str, float | None] | None:
    """(the step, the time part, the countdown's end in epoch seconds when it runs), or None
    when no step is under way."""
    view = live.timer_view(workshop_id)
    if view.step_title is None:
        return None
    step = f"Étape {view.step_position}/{view.step_count} · {view.step_title}"
    if view.state == "paused":
        return step, "en pause", None
    if view.state != "running" or view.remaining_s is None:
        return step, "", None
    end = (time.time() if now is None else now) + view.remaining_s
    return step, formatting.fmt_time_left(view.remaining_s), end


def render(workshop_id: int) -> None:
    """The step under way and its time left, as a caption at the top of a phone page."""
    shown = line(workshop_id)
    if shown is None:
        return
    step, left, end = shown
    ticking = (
        f' · <span data-testid="phone-step-left" data-end="{end:.1f}">{html.escape(left)}</span>'
        if end is not None
        else (f" · {html.escape(left)}" if left else "")
    )
    st.html(
        f'<div data-testid="phone-step" style="font-size:.95rem;color:#444">'
        f"{html.escape(step)}{ticking}</div>" + (_TICK_JS if end is not None else ""),
        unsafe_allow_javascript=end is not None,
    )
