"""Moderation of post-its: hidden ones leave the lists, stay recoverable; scope is the workshop."""

from __future__ import annotations

import pytest

from essdash.db import read_session, write_session
from essdash.errors import UserError
from essdash.models import Contribution
from essdash.workshop import console, moderation


def _post(world, pid: int, text: str) -> int:
    with write_session() as s:
        q = console.questions(s, workshop_id=world.workshop_id)[0]
        c = Contribution(
            workshop_id=world.workshop_id, question_id=q.id, participant_id=pid, text=text
        )
        s.add(c)
        s.flush()
        return c.id


def test_hide_and_restore_a_post(live_world, sign_up):
    pid = sign_up("A")
    keep, bad = _post(live_world, pid, "utile"), _post(live_world, pid, "hors sujet")
    wid = live_world.workshop_id
    with write_session() as s:
        moderation.hide(s, workshop_id=wid, kind="contribution", item_id=bad)
    with read_session() as s:
        assert [c.id for c, _ in moderation.visible_contributions(s, workshop_id=wid)] == [keep]
        (hidden,) = moderation.hidden_items(s, workshop_id=wid)
        assert (hidden.kind, hidden.text, hidden.author) == ("contribution", "hors sujet", "A")
    with write_session() as s:
        moderation.restore(s, workshop_id=wid, kind="contribution", item_id=bad)
    with read_session() as s:
        assert len(moderation.visible_contributions(s, workshop_id=wid)) == 2
        assert moderation.hidden_items(s, workshop_id=wid) == []


def test_moderation_is_scoped_to_the_workshop(live_world, sign_up):
    pid = sign_up("A")
    post = _post(live_world, pid, "x")
    with write_session() as s:
        other = console.create_workshop(s, diagnostic_id=live_world.diagnostic_id, title="Autre")
        other_id = other.id
    with write_session() as s, pytest.raises(UserError, match="introuvable"):
        moderation.hide(s, workshop_id=other_id, kind="contribution", item_id=post)
    with write_session() as s, pytest.raises(UserError, match="type"):
        moderation.hide(s, workshop_id=live_world.workshop_id, kind="vote", item_id=post)
