"""World café rules: table rotation, posting on the current question, edit/withdraw until close."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.errors import NotAllowed, UserError
from essdash.models import Contribution
from essdash.workshop import console
from essdash.workshop.activities.worldcafe import board, service
from tests.workshop.conftest import LiveWorld


@pytest.mark.parametrize(
    ("table_no", "round_no", "n_questions", "expected"),
    [
        (1, 1, 4, 1),  # every table starts on its own question
        (4, 1, 4, 4),
        (1, 2, 4, 2),  # then moves to the next one
        (4, 2, 4, 1),  # and wraps around
        (3, 4, 4, 2),
        (5, 1, 4, 1),  # more tables than questions: table 5 shares question 1
        (2, 3, 3, 1),
    ],
)
def test_rotation_of_tables(table_no: int, round_no: int, n_questions: int, expected: int) -> None:
    assert (
        service.question_position(table_no=table_no, round_no=round_no, n_questions=n_questions)
        == expected
    )


def test_every_table_sees_every_question_once_in_n_rounds() -> None:
    for table in range(1, 5):
        seen = {
            service.question_position(table_no=table, round_no=r, n_questions=4)
            for r in (1, 2, 3, 4)
        }
        assert seen == {1, 2, 3, 4}


def _start(world: LiveWorld) -> None:
    with write_session() as s:
        service.start_round(s, workshop_id=world.workshop_id)


def _post(pid: int, text: str, **kw: object) -> int:
    with write_session() as s:
        return service.post_contribution(s, participant_id=pid, text=text, **kw).id  # type: ignore[arg-type]


def _table(pid: int, table_no: int) -> None:
    with write_session() as s:
        service.choose_table(s, participant_id=pid, table_no=table_no)


def test_post_goes_to_the_question_of_my_table_and_follows_rotation(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    ana = sign_up("Ana", actor_type="collectivite")
    _table(ana, 2)
    _start(live_world)
    first = _post(ana, "  Mobilité   des aînés ", tag="enjeux")
    _start(live_world)  # round 2: table 2 moves to question 3
    second = _post(ana, "Foncier")
    with read_session() as s:
        qids = [q.id for q in service.questions(s, workshop_id=live_world.workshop_id)]
        posts = {p.id: p for p in board.post_its(s, workshop_id=live_world.workshop_id)}
    assert posts[first].question_id == qids[1]
    assert posts[first].text == "Mobilité des aînés"
    assert (posts[first].round_no, posts[first].table_no) == (1, 2)
    assert posts[first].actor_type == "collectivite"
    assert posts[first].tag == "enjeux"
    assert posts[second].question_id == qids[2]


@pytest.mark.parametrize(
    ("text", "tag", "message"),
    [
        ("   ", None, "Réponse"),
        ("x" * (service.MAX_POST_LENGTH + 1), None, "280 caractères"),
        ("Bonne idée", "inconnue", "Étiquette"),
    ],
)
def test_post_is_validated_with_french_messages(
    live_world: LiveWorld, sign_up: Callable[..., int], text: str, tag: str | None, message: str
) -> None:
    pid = sign_up("Ana")
    _table(pid, 1)
    _start(live_world)
    with pytest.raises(UserError, match=message):
        _post(pid, text, tag=tag)


def test_table_must_exist_and_be_chosen_before_posting(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    pid = sign_up("Ana")
    _start(live_world)
    with pytest.raises(UserError, match="choisissez d'abord votre table"):
        _post(pid, "Une idée")
    with pytest.raises(UserError, match="entre 1 et 4"):
        _table(pid, 5)


def test_double_submit_with_the_same_request_id_gives_one_post_it(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    pid = sign_up("Ana")
    _table(pid, 1)
    _start(live_world)
    first = _post(pid, "Une idée", client_request_id="req-1")
    again = _post(pid, "Une idée", client_request_id="req-1")
    other = _post(pid, "Une idée", client_request_id="req-2")
    assert first == again != other
    with read_session() as s:
        assert s.scalar(select(func.count(Contribution.id))) == 2


def test_author_edits_and_withdraws_until_the_round_closes(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    ana, bob = sign_up("Ana"), sign_up("Bob")
    _table(ana, 1)
    _start(live_world)
    kept, gone = _post(ana, "Première version"), _post(ana, "À retirer")
    with write_session() as s:
        service.edit_contribution(
            s, participant_id=ana, contribution_id=kept, text="Version corrigée", tag="offre"
        )
        service.withdraw_contribution(s, participant_id=ana, contribution_id=gone)
    with pytest.raises(NotAllowed, match="vos propres post-its"), write_session() as s:
        service.edit_contribution(
            s, participant_id=bob, contribution_id=kept, text="Pirate", tag=None
        )
    with pytest.raises(NotAllowed), write_session() as s:
        service.withdraw_contribution(s, participant_id=bob, contribution_id=kept)
    with write_session() as s:
        service.close_round(s, workshop_id=live_world.workshop_id)
    with pytest.raises(NotAllowed, match="manche est close"), write_session() as s:
        service.edit_contribution(
            s, participant_id=ana, contribution_id=kept, text="Trop tard", tag=None
        )
    with pytest.raises(NotAllowed, match="manche est close"), write_session() as s:
        service.withdraw_contribution(s, participant_id=ana, contribution_id=kept)
    with read_session() as s:
        texts = [(p.text, p.tag) for p in board.post_its(s, workshop_id=live_world.workshop_id)]
    assert texts == [("Version corrigée", "offre")]


def test_a_post_of_a_previous_round_is_frozen_when_the_next_round_starts(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    ana = sign_up("Ana")
    _table(ana, 1)
    _start(live_world)
    old = _post(ana, "Round 1")
    _start(live_world)
    with pytest.raises(NotAllowed), write_session() as s:
        service.withdraw_contribution(s, participant_id=ana, contribution_id=old)


def test_outside_a_round_a_post_names_its_question_until_remote_contributions_close(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    ana = sign_up("Ana")
    with read_session() as s:
        q3 = service.questions(s, workshop_id=live_world.workshop_id)[2].id
    with pytest.raises(UserError, match="Question"):
        _post(ana, "Sans question")
    remote = _post(ana, "Contribution à distance", question_id=q3)
    with write_session() as s:
        service.edit_contribution(
            s, participant_id=ana, contribution_id=remote, text="Corrigée", tag=None
        )
        console.set_status(s, workshop_id=live_world.workshop_id, status="closed")
        # remote contributions are an explicit choice (off by default)
        console.set_contributions_open(s, workshop_id=live_world.workshop_id, value=True)
    # After the live session, remote contributions go on until the facilitator closes them.
    _post(ana, "Contribution après l'atelier", question_id=q3)
    with write_session() as s:
        console.set_contributions_open(s, workshop_id=live_world.workshop_id, value=False)
    with pytest.raises(NotAllowed, match="contributions à cet atelier sont closes"):
        _post(ana, "Trop tard", question_id=q3)
    with pytest.raises(NotAllowed), write_session() as s:
        service.withdraw_contribution(s, participant_id=ana, contribution_id=remote)


def test_hidden_post_its_are_left_out_of_boards_counts_words_and_export(
    live_world: LiveWorld, sign_up: Callable[..., int]
) -> None:
    from essdash.readmodel.scope import workshop_scope_by_id
    from essdash.workshop.activities.worldcafe import export

    ana = sign_up("Ana")
    _table(ana, 1)
    _start(live_world)
    _post(ana, "Mobilité rurale")
    hidden = _post(ana, "Insulte cachée")
    with write_session() as s:
        s.get(Contribution, hidden).hidden = True  # type: ignore[union-attr]
    with read_session() as s:
        wid = live_world.workshop_id
        assert [p.text for p in board.post_its(s, workshop_id=wid)] == ["Mobilité rurale"]
        assert sum(board.counts_per_question(s, workshop_id=wid).values()) == 1
        assert "insulte" not in dict(board.word_frequencies(s, workshop_id=wid))
        sheet = export.contributions(s, workshop_scope_by_id(s, workshop_id=wid))
        assert list(sheet["Texte"]) == ["Mobilité rurale"]
        assert [c.text for c in service.my_contributions(s, participant_id=ana)] == [
            "Mobilité rurale"
        ]
