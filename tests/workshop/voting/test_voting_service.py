"""Vote rules enforced by the server: budget, stacking, one ballot, replacement, closing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.errors import NotAllowed, UserError
from essdash.models import Ballot, BallotEntry, Vote
from essdash.models.base import utcnow
from essdash.workshop.activities.voting import priorities, service
from tests.workshop.conftest import LiveWorld

TITLES = ("Mobilité", "Foncier", "Réemploi")


def _setup(world: LiveWorld, method: str, **settings: object) -> tuple[int, list[int]]:
    with write_session() as s:
        items = [
            priorities.add_priority(s, workshop_id=world.workshop_id, title=t).id for t in TITLES
        ]
        vote = service.create_vote(s, workshop_id=world.workshop_id, method=method, **settings)  # type: ignore[arg-type]
        service.open_vote(s, vote_id=vote.id)
        return vote.id, items


def _cast(vote_id: int, pid: int, entries: dict[int, int], **kw: object) -> None:
    with write_session() as s:
        service.cast_ballot(s, vote_id=vote_id, participant_id=pid, entries=entries, **kw)  # type: ignore[arg-type]


def _count(model: type) -> int:
    with read_session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_points_budget_is_enforced(live_world: LiveWorld, sign_up: Callable[..., int]) -> None:
    vote, (a, b, c) = _setup(live_world, "points", points_per_participant=5)
    pid = sign_up("Ana")
    with pytest.raises(UserError, match="6 placés pour 5"):
        _cast(vote, pid, {a: 3, b: 3})
    with pytest.raises(UserError, match="au moins un point"):
        _cast(vote, pid, {a: 0})
    with pytest.raises(UserError, match="positif"):
        _cast(vote, pid, {a: 6, b: -1})
    _cast(vote, pid, {a: 3, b: 2, c: 0})
    with read_session() as s:
        assert service.ballot_of(s, vote_id=vote, participant_id=pid) == {a: 3, b: 2}


def test_stacking_can_be_forbidden(live_world: LiveWorld, sign_up: Callable[..., int]) -> None:
    vote, (a, b, c) = _setup(live_world, "points", points_per_participant=3, allow_stacking=False)
    pid = sign_up("Ana")
    with pytest.raises(UserError, match="un seul point par priorité"):
        _cast(vote, pid, {a: 2})
    _cast(vote, pid, {a: 1, b: 1, c: 1})


def test_changing_a_ballot_replaces_it(live_world: LiveWorld, sign_up: Callable[..., int]) -> None:
    vote, (a, b, _) = _setup(live_world, "points")
    ana, bob = sign_up("Ana"), sign_up("Bob")
    _cast(vote, ana, {a: 5})
    _cast(vote, bob, {a: 1})
    _cast(vote, ana, {b: 2})
    assert _count(Ballot) == 2
    assert _count(BallotEntry) == 2
    with read_session() as s:
        v = s.get(Vote, vote)
        assert v is not None
        totals = {r.priority_id: r.score for r in service.vote_results(s, vote=v)}
        assert service.ballot_count(s, vote_id=vote) == 2
    assert (totals[a], totals[b]) == (1, 2)


def test_a_rejected_ballot_leaves_the_previous_one_intact(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    vote, (a, _b, _c) = _setup(live_world, "points")
    pid = sign_up("Ana")
    _cast(vote, pid, {a: 2})
    with pytest.raises(UserError):
        _cast(vote, pid, {a: 9})
    with read_session() as s:
        assert service.ballot_of(s, vote_id=vote, participant_id=pid) == {a: 2}


@pytest.mark.parametrize(
    ("method", "bad", "message"),
    [
        ("ranking", lambda a, b, c: {a: 1, b: 2}, "toutes les priorités"),
        ("ranking", lambda a, b, c: {a: 1, b: 1, c: 3}, "une seule fois"),
        ("majority", lambda a, b, c: {a: 3, b: 4}, "chaque priorité"),
        ("majority", lambda a, b, c: {a: 3, b: 4, c: 7}, "mention inconnue"),
        ("points", lambda a, b, c: {a: 1, 999_999: 1}, "pas soumise au vote"),
    ],
)
def test_ballot_shape_per_method(
    live_world: LiveWorld, sign_up: Callable[..., int], method: str, bad, message: str
) -> None:
    vote, items = _setup(live_world, method)
    with pytest.raises(UserError, match=message):
        _cast(vote, sign_up("Ana"), bad(*items))


def test_no_ballot_after_a_close_by_hand_and_final_ranking_kept(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    vote, (a, b, c) = _setup(live_world, "ranking")
    ana, bob = sign_up("Ana"), sign_up("Bob")
    _cast(vote, ana, {a: 1, b: 2, c: 3})
    with write_session() as s:
        service.close_vote(s, vote_id=vote)
    with pytest.raises(NotAllowed, match="clos"):
        _cast(vote, bob, {c: 1, b: 2, a: 3})
    with read_session() as s:
        closed = s.get(Vote, vote)
        assert closed is not None and closed.status == "closed" and closed.closed_at is not None
        ranking = service.final_ranking(closed)
    assert [(r["title"], r["rank"], r["score"]) for r in ranking] == [
        ("Mobilité", 1, 2),
        ("Foncier", 2, 1),
        ("Réemploi", 3, 0),
    ]


def test_closing_time_refuses_late_ballots_even_before_anyone_closes(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    with write_session() as s:
        items = [
            priorities.add_priority(s, workshop_id=live_world.workshop_id, title=t).id
            for t in TITLES
        ]
        vote = service.create_vote(s, workshop_id=live_world.workshop_id, method="points")
        deadline = utcnow() + timedelta(minutes=10)
        service.open_vote(s, vote_id=vote.id, closes_at=deadline)
        vote_id = vote.id
    pid = sign_up("Ana")
    _cast(vote_id, pid, {items[0]: 1}, now=deadline - timedelta(seconds=1))
    with pytest.raises(NotAllowed, match="clos"):
        _cast(vote_id, pid, {items[1]: 1}, now=deadline)
    with read_session() as s:
        v = s.get(Vote, vote_id)
        assert v is not None and v.status == "open"  # not recorded yet...
        assert service.effective_status(v, deadline) == "closed"  # ...but already closed
    with write_session() as s:
        assert service.close_if_due(s, workshop_id=live_world.workshop_id, now=deadline) == 1
    with read_session() as s:
        v = s.get(Vote, vote_id)
        assert v is not None and v.status == "closed"
        assert service.as_utc(v.closed_at) == deadline  # closed at its deadline, not later
        assert service.final_ranking(v)[0]["title"] == "Mobilité"
        assert service.ballot_of(s, vote_id=vote_id, participant_id=pid) == {items[0]: 1}


def test_opening_rules(live_world: LiveWorld) -> None:
    wid = live_world.workshop_id
    with write_session() as s:
        only = priorities.add_priority(s, workshop_id=wid, title="Seule")
        vote = service.create_vote(s, workshop_id=wid, method="majority").id
    with pytest.raises(UserError, match="au moins deux"), write_session() as s:
        service.open_vote(s, vote_id=vote)
    with write_session() as s:
        priorities.add_priority(s, workshop_id=wid, title="Deuxième")
        service.open_vote(s, vote_id=vote)
        other = service.create_vote(s, workshop_id=wid, method="points").id
    with pytest.raises(UserError, match="déjà ouvert"), write_session() as s:
        service.open_vote(s, vote_id=other)
    with pytest.raises(UserError, match="clôturez-le"), write_session() as s:
        priorities.remove_priority(s, priority_id=only.id)
    with pytest.raises(UserError, match="Méthode"), write_session() as s:
        service.create_vote(s, workshop_id=wid, method="tirage")


def test_priorities_from_themes_and_post_its_are_not_doubled(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    from essdash.workshop.activities.worldcafe import service as cafe
    from essdash.workshop.activities.worldcafe import themes

    pid = sign_up("Ana")
    with write_session() as s:
        cafe.choose_table(s, participant_id=pid, table_no=1)
        cafe.start_round(s, workshop_id=live_world.workshop_id)
        post = cafe.post_contribution(s, participant_id=pid, text="Créer un tiers-lieu")
        theme = themes.create_theme(s, question_id=post.question_id, name="Lieux partagés")
        p1 = priorities.priority_from_theme(s, theme_id=theme.id).id
        p2 = priorities.priority_from_theme(s, theme_id=theme.id).id
        p3 = priorities.priority_from_contribution(s, contribution_id=post.id).id
        p4 = priorities.priority_from_contribution(s, contribution_id=post.id).id
    assert p1 == p2 and p3 == p4 and p1 != p3
    with read_session() as s:
        titles = [p.title for p in priorities.candidates(s, workshop_id=live_world.workshop_id)]
    assert titles == ["Lieux partagés", "Créer un tiers-lieu"]


def test_results_visibility_switch(live_world: LiveWorld) -> None:
    vote, _ = _setup(live_world, "points")
    with write_session() as s:
        assert service.set_results_visible(s, vote_id=vote, visible=True).results_visible


def test_results_sheet_shows_the_closed_ranking(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    from essdash.readmodel.scope import workshop_scope_by_id
    from essdash.workshop.activities.voting import export

    vote, (a, b, c) = _setup(live_world, "majority")
    _cast(vote, sign_up("Ana"), {a: 6, b: 2, c: 4})
    with write_session() as s:
        service.close_vote(s, vote_id=vote)
    with read_session() as s:
        sheet = export.results(s, workshop_scope_by_id(s, workshop_id=live_world.workshop_id))
    assert list(sheet["Priorité"]) == ["Mobilité", "Réemploi", "Foncier"]
    assert list(sheet["Résultat"]) == ["Excellent", "Bien", "Passable"]
    assert set(sheet["État du vote"]) == {"Clos"}
