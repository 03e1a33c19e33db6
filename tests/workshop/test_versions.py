"""Workshop versions follow the data: each write bumps what it changed, in its own transaction."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from essdash.db import read_session, write_session
from essdash.db.versions import versions
from essdash.workshop import timer
from essdash.workshop.activities.voting import priorities
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service, themes
from tests.workshop.conftest import LiveWorld


def _now(world: LiveWorld) -> dict[str, int]:
    with read_session() as s:
        return versions(s, world.workshop_id)


def _changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {k for k in after if after[k] != before[k]}


def test_each_write_bumps_exactly_its_activity(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    pid = sign_up("Ana")
    wid = live_world.workshop_id
    steps: list[tuple[Callable[..., object], set[str]]] = [
        (lambda s: service.choose_table(s, participant_id=pid, table_no=1), {"people"}),
        (lambda s: service.start_round(s, workshop_id=wid), {"workshop"}),
        (lambda s: service.post_contribution(s, participant_id=pid, text="Bus"), {"posts"}),
        (lambda s: priorities.add_priority(s, workshop_id=wid, title="Mobilité"), {"vote"}),
        (lambda s: timer.start_step(s, workshop_id=wid), {"workshop"}),
    ]
    for action, expected in steps:
        before = _now(live_world)
        with write_session() as s:
            action(s)
        assert _changed(before, _now(live_world)) == expected


def test_refused_write_bumps_nothing(live_world: LiveWorld) -> None:
    before = _now(live_world)
    with pytest.raises(Exception, match="obligatoire"), write_session() as s:
        priorities.add_priority(s, workshop_id=live_world.workshop_id, title="  ")
    assert _now(live_world) == before


def test_theme_merge_and_ballot_bump_through_their_parents(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    pid = sign_up("Ana")
    wid = live_world.workshop_id
    with write_session() as s:
        q1 = service.questions(s, workshop_id=wid)[0].id
        a = themes.create_theme(s, question_id=q1, name="A").id
        b = themes.create_theme(s, question_id=q1, name="B").id
        p = priorities.add_priority(s, workshop_id=wid, title="P").id
        priorities.add_priority(s, workshop_id=wid, title="Q")
        vote = voting.create_vote(s, workshop_id=wid, method="points")
        voting.open_vote(s, vote_id=vote.id)
    before = _now(live_world)
    with write_session() as s:
        themes.merge_themes(s, source_id=a, target_id=b)
    assert _changed(before, _now(live_world)) == {"cafe", "posts"}
    before = _now(live_world)
    with write_session() as s:
        voting.cast_ballot(s, vote_id=vote.id, participant_id=pid, entries={p: 3})
    assert _changed(before, _now(live_world)) == {"ballots"}


def test_a_rename_shows_where_the_participant_wrote_a_sign_in_does_not(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    from essdash.workshop.activities.signin import records

    before = _now(live_world)
    pid = sign_up("Ana", structure_name="Épicerie")
    assert _changed(before, _now(live_world)) == {"people"}  # boards and map stay cached
    before = _now(live_world)
    with write_session() as s:
        records.rename_structure(s, participant_id=pid, name="Épicerie solidaire")
    assert _changed(before, _now(live_world)) == {"people", "mapping", "posts", "cafe"}
