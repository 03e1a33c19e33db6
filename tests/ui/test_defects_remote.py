"""Remote contributions are an explicit choice: off for a new workshop; once the facilitator
turns them on, a closed workshop's phones may post outside a round (and not before)."""

from __future__ import annotations

import pytest

from essdash.db import read_session, write_session
from essdash.models import Diagnostic, Territory, Workshop
from essdash.ui.worldcafe import data
from essdash.workshop import access, console


@pytest.fixture
def workshop_id(db_url: str) -> int:
    with write_session() as s:
        territory = Territory(kind="epci", code="299999996", name="CC Loin", is_fictional=True)
        s.add(territory)
        s.flush()
        diag = Diagnostic(name="Diagnostic loin", territory_id=territory.id, restitution_code="l")
        s.add(diag)
        s.flush()
        return console.create_workshop(s, diagnostic_id=diag.id, title="Atelier").id


def test_a_new_workshop_takes_no_remote_contribution_until_they_are_turned_on(
    workshop_id: int,
) -> None:
    with read_session() as s:
        workshop = s.get(Workshop, workshop_id)
        assert workshop is not None and workshop.contributions_open is False
    with write_session() as s:
        console.set_status(s, workshop_id=workshop_id, status="open")
        console.set_status(s, workshop_id=workshop_id, status="closed")
    with read_session() as s:
        assert not access.can_contribute(s.get(Workshop, workshop_id))  # type: ignore[arg-type]
    view = data._round_view(workshop_id, (0,))
    assert view is not None and view.contributions_open is False
    with write_session() as s:
        console.set_contributions_open(s, workshop_id=workshop_id, value=True)
    view = data._round_view(workshop_id, (1,))
    assert view is not None and view.contributions_open is True  # the question picker shows


def test_between_rounds_of_an_open_workshop_phones_may_post(workshop_id: int) -> None:
    with write_session() as s:
        console.set_status(s, workshop_id=workshop_id, status="open")
    view = data._round_view(workshop_id, (2,))
    assert view is not None and view.contributions_open is True
