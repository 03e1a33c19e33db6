"""Themes (create, rename, assign, merge, counts) and syntheses with their history."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from essdash.db import read_session, write_session
from essdash.errors import NotAllowed, UserError
from essdash.workshop.activities.worldcafe import board, service, syntheses, themes
from tests.workshop.conftest import LiveWorld


def _posts(world: LiveWorld, pid: int, *texts: str) -> list[int]:
    with write_session() as s:
        service.choose_table(s, participant_id=pid, table_no=1)
        service.start_round(s, workshop_id=world.workshop_id)
        return [service.post_contribution(s, participant_id=pid, text=t).id for t in texts]


def test_assign_rename_merge_and_count(live_world: LiveWorld, sign_up: Callable[..., int]) -> None:
    a, b, c = _posts(
        live_world, sign_up("Ana"), "Bus rural", "Covoiturage", "Transport à la demande"
    )
    with write_session() as s:
        q1 = service.questions(s, workshop_id=live_world.workshop_id)[0].id
        mobility = themes.create_theme(s, question_id=q1, name="Mobilite")
        transport = themes.create_theme(s, question_id=q1, name="Transports")
        themes.assign_theme(s, contribution_id=a, theme_id=mobility.id)
        themes.assign_theme(s, contribution_id=b, theme_id=mobility.id)
        themes.assign_theme(s, contribution_id=c, theme_id=transport.id)
        themes.rename_theme(s, theme_id=mobility.id, name="Mobilité")
    with read_session() as s:
        assert themes.theme_counts(s, question_id=q1) == [
            (mobility.id, "Mobilité", 2),
            (transport.id, "Transports", 1),
        ]
    with write_session() as s:
        themes.merge_themes(s, source_id=transport.id, target_id=mobility.id)
    with read_session() as s:
        assert themes.theme_counts(s, question_id=q1) == [(mobility.id, "Mobilité", 3)]
        names = {p.theme_name for p in board.post_its(s, workshop_id=live_world.workshop_id)}
    assert names == {"Mobilité"}


def test_theme_rules(live_world: LiveWorld, sign_up: Callable[..., int]) -> None:
    (a,) = _posts(live_world, sign_up("Ana"), "Bus rural")
    with write_session() as s:
        qs = service.questions(s, workshop_id=live_world.workshop_id)
        q1 = qs[0].id
        t1 = themes.create_theme(s, question_id=q1, name="Un").id
        t2 = themes.create_theme(s, question_id=qs[1].id, name="Deux").id
    for call, message in (
        (lambda s: themes.create_theme(s, question_id=q1, name="  "), "Nom du thème"),
        (lambda s: themes.merge_themes(s, source_id=t1, target_id=t1), "deux thèmes"),
        (lambda s: themes.merge_themes(s, source_id=t1, target_id=t2), "même question"),
        (
            lambda s: themes.assign_theme(s, contribution_id=a, theme_id=t2),
            "question du post-it",
        ),
    ):
        with pytest.raises(UserError, match=message), write_session() as s:
            call(s)


def test_syntheses_keep_their_history_and_the_latest_counts(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    ana, bob = sign_up("Ana"), sign_up("Bob")
    with write_session() as s:
        service.choose_table(s, participant_id=ana, table_no=2)
        service.choose_table(s, participant_id=bob, table_no=3)
        q1 = service.questions(s, workshop_id=live_world.workshop_id)[0].id
        syntheses.write_synthesis(s, question_id=q1, participant_id=ana, text="Version 1")
        syntheses.write_synthesis(s, question_id=q1, participant_id=ana, text="Version 2")
        syntheses.write_synthesis(s, question_id=q1, participant_id=bob, text="Table 3")
        syntheses.write_synthesis(s, question_id=q1, text="Note de l'animation")
    with read_session() as s:
        latest = syntheses.latest(s, workshop_id=live_world.workshop_id)
        history = syntheses.history(s, workshop_id=live_world.workshop_id)
    assert [(v.table_no, v.author_name, v.text) for v in latest] == [
        (2, "Ana", "Version 2"),
        (3, "Bob", "Table 3"),
        (None, syntheses.FACILITATOR_AUTHOR, "Note de l'animation"),
    ]
    assert [v.text for v in history if v.table_no == 2] == ["Version 1", "Version 2"]
    assert len(history) == 4


def test_synthesis_rules(live_world: LiveWorld, sign_up: Callable[..., int]) -> None:
    ana = sign_up("Ana")
    with read_session() as s:
        q1 = service.questions(s, workshop_id=live_world.workshop_id)[0].id
    with pytest.raises(UserError, match="choisissez d'abord votre table"), write_session() as s:
        syntheses.write_synthesis(s, question_id=q1, participant_id=ana, text="Texte")
    with pytest.raises(UserError, match="vide"), write_session() as s:
        syntheses.write_synthesis(s, question_id=q1, text="   ")
    with pytest.raises(NotAllowed), write_session() as s:
        syntheses.write_synthesis(s, question_id=q1, participant_id=ana + 999, text="Texte")
