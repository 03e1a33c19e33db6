"""The agenda step on a participant's phone: « Étape 2/10 · Carte partagée · reste 12:34 ».

The projection shows the step and its countdown; phones showed nothing of it. The line is drawn
once per run (pages that follow the workshop redraw on a step change, a pause or an extension,
essdash/ui/workshop/follow.py) and its countdown ticks in the browser (essdash/ui/ticking.py).
"""

from __future__ import annotations

from essdash.ui import ticking
from essdash.ui.workshop import live


def line(workshop_id: int) -> tuple[str, float | None] | None:
    """(the step, with « en pause » when paused; the seconds left when it runs), or None when
    no step is under way."""
    view = live.timer_view(workshop_id)
    if view.step_title is None:
        return None
    step = f"Étape {view.step_position}/{view.step_count} · {view.step_title}"
    if view.state == "paused":
        return f"{step} · en pause", None
    running = view.state == "running" and view.remaining_s is not None
    return step, view.remaining_s if running else None


def render(workshop_id: int) -> None:
    """The step under way and its time left, as a caption at the top of a phone page."""
    shown = line(workshop_id)
    if shown is not None:
        ticking.caption(shown[0], shown[1], testid="phone-step")
