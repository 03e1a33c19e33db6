"""An erased participant can no longer act: every participant-facing write refuses, in French."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.errors import NotAllowed
from essdash.models import Ballot, Contribution, MapFeature, Synthesis
from essdash.workshop.activities.mapping import service as mapping
from essdash.workshop.activities.signin import records
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service as cafe
from essdash.workshop.activities.worldcafe.syntheses import write_synthesis
from essdash.workshop.participants import ERASED_REFUSAL

from .conftest import Active, _square_around

POINT = (3.0, 47.0)

ACTIONS: dict[str, Callable[[Any, Active], object]] = {
    "post-it": lambda s, a: cafe.post_contribution(
        s, participant_id=a.participant_id, text="encore", question_id=a.question_id
    ),
    "post-it edit": lambda s, a: cafe.edit_contribution(
        s, participant_id=a.participant_id, contribution_id=a.contribution_id, text="x", tag=None
    ),
    "post-it withdraw": lambda s, a: cafe.withdraw_contribution(
        s, participant_id=a.participant_id, contribution_id=a.contribution_id
    ),
    "table": lambda s, a: cafe.choose_table(s, participant_id=a.participant_id, table_no=2),
    "site": lambda s, a: mapping.add_site(
        s, participant_id=a.participant_id, lon=POINT[0], lat=POINT[1]
    ),
    "zone": lambda s, a: mapping.add_zone(
        s, participant_id=a.participant_id, geometry=_square_around(*POINT)
    ),
    "site move": lambda s, a: mapping.move_site(
        s, participant_id=a.participant_id, feature_id=a.site_id, lon=POINT[0], lat=POINT[1]
    ),
    "site describe": lambda s, a: mapping.describe(
        s,
        participant_id=a.participant_id,
        feature_id=a.site_id,
        description=mapping.Description("Nouveau nom"),
    ),
    "zone delete": lambda s, a: mapping.delete_feature(
        s, participant_id=a.participant_id, feature_id=a.zone_id
    ),
    "ballot": lambda s, a: voting.cast_ballot(
        s, vote_id=a.vote_id, participant_id=a.participant_id, entries={a.priority_ids[1]: 2}
    ),
    "synthesis": lambda s, a: write_synthesis(
        s, question_id=a.question_id, text="Nouvelle version", participant_id=a.participant_id
    ),
}


def _counts() -> tuple[int, ...]:
    with read_session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Contribution, MapFeature, Ballot, Synthesis)
        )


@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_erased_participant_is_refused(active: Active, action: str) -> None:
    with write_session() as s:
        records.erase_participant(s, participant_id=active.participant_id)
    before = _counts()
    with pytest.raises(NotAllowed) as refused, write_session() as s:
        ACTIONS[action](s, active)
    assert str(refused.value) == ERASED_REFUSAL
    assert "effacées" in ERASED_REFUSAL
    assert _counts() == before


@pytest.mark.parametrize("action", ["ballot", "synthesis", "post-it", "site"])
def test_the_same_actions_pass_before_the_erasure(active: Active, action: str) -> None:
    with write_session() as s:
        ACTIONS[action](s, active)
