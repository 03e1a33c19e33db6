"""AppTest: a participant's phone shows the agenda step under way and its time left, as the
projection does (issue 11: the timer "followed by the projection and the phones")."""

from __future__ import annotations

from essdash.db import write_session
from essdash.workshop import console, timer
from tests.ui import test_cafe_vote_pages as pages
from tests.ui.test_cafe_vote_pages import _participant

demo = pages.demo  # the demo workshop with a round open

Demo = tuple[int, int, str]


def _banner(at: object) -> str:
    shown = [h.proto.body for h in at.get("html") if 'data-testid="phone-step"' in h.proto.body]
    assert len(shown) == 1, shown
    return str(shown[0])


def test_the_phone_shows_the_step_running_then_paused(demo: Demo) -> None:
    wid, _pid, token = demo
    with write_session() as s:
        steps = console.agenda(s, workshop_id=wid)
        timer.start_step(s, workshop_id=wid, step_id=steps[2].id)
    for page in ("world_cafe", "priorites"):
        body = _banner(_participant(token, page))
        assert f"Étape 3/{len(steps)} · {steps[2].title}" in body
        assert "data-essdash-end" in body and "reste " in body  # it ticks
    with write_session() as s:
        timer.pause(s, workshop_id=wid)
    body = _banner(_participant(token, "world_cafe"))
    assert "en pause" in body and "data-essdash-end" not in body


def test_no_step_under_way_no_line(demo: Demo) -> None:
    _wid, _pid, token = demo
    at = _participant(token, "world_cafe")
    assert not [h for h in at.get("html") if 'data-testid="phone-step"' in h.proto.body]
