"""AppTest: every refused action shows its French message and keeps what was typed; theme merge
moves post-its into the theme picked; long texts are kept; hidden results do not move."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session, write_session
from essdash.models import Contribution
from essdash.workshop.activities.signin import export
from essdash.workshop.activities.voting import priorities
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service as cafe
from essdash.workshop.activities.worldcafe import themes
from tests.ui import test_cafe_vote_pages as pages
from tests.ui.test_cafe_vote_pages import ROOT, _facilitator, _participant

demo = pages.demo  # the demo workshop with a round open

Demo = tuple[int, int, str]


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def _errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def _input(at: AppTest, label: str, value: str) -> None:
    next(t for t in at.text_input if t.label == label).input(value)


def _first_question(wid: int) -> int:
    with read_session() as s:
        return cafe.questions(s, workshop_id=wid)[0].id


def _posts(wid: int, n: int) -> list[int]:
    qid = _first_question(wid)
    with read_session() as s:
        ids = s.scalars(
            select(Contribution.id).where(Contribution.question_id == qid).order_by(Contribution.id)
        ).all()
    assert len(ids) >= n, "the demo has post-its on its first question"
    return list(ids[:n])


def test_theme_merge_moves_post_its_into_the_theme_picked(demo: Demo) -> None:
    wid = demo[0]
    qid = _first_question(wid)
    at = _facilitator("animation_cafe")
    for name in ("Transports", "Mobilité", "Mobilite"):  # "Mobilite" created just before
        _input(at, "Nouveau thème", name)
        _button(at, "Créer le thème").click().run()
        assert not _errors(at), _errors(at)
    with read_session() as s:
        ids = {t.name: t.id for t in themes.themes_of(s, question_id=qid)}
    a, b, c, d = _posts(wid, 4)
    with write_session() as s:  # one post-it per theme, the fourth in the typo
        themes.assign_theme(s, contribution_id=a, theme_id=ids["Transports"])
        themes.assign_theme(s, contribution_id=b, theme_id=ids["Mobilité"])
        themes.assign_theme(s, contribution_id=c, theme_id=ids["Mobilite"])
        themes.assign_theme(s, contribution_id=d, theme_id=ids["Mobilite"])
    at.run()
    source = next(x for x in at.selectbox if x.label == "Fusionner le thème")
    target = next(x for x in at.selectbox if x.label == "dans le thème")
    source.select_index(source.options.index("Mobilite"))
    target.select_index(target.options.index("Mobilité"))
    _button(at, "Fusionner").click().run()
    assert not _errors(at), _errors(at)
    with read_session() as s:
        left = {t.name: t.id for t in themes.themes_of(s, question_id=qid)}
        where = dict(
            s.execute(
                select(Contribution.id, Contribution.theme_id).where(
                    Contribution.id.in_([a, b, c, d])
                )
            ).all()
        )
    assert "Mobilite" not in left and left["Mobilité"] == ids["Mobilité"]
    assert left["Transports"] == ids["Transports"]
    assert where == {
        a: ids["Transports"], b: ids["Mobilité"], c: ids["Mobilité"], d: ids["Mobilité"]
    }  # fmt: skip
    # The pickers show the themes as they are now (the merged one is gone at once).
    source = next(x for x in at.selectbox if x.label == "Fusionner le thème")
    assert "Mobilite" not in source.options and "Mobilité" in source.options


FacilitatorCase = tuple[str, Callable[[AppTest], None], str]


def _empty_priority(at: AppTest) -> None:
    _input(at, "Ajouter une priorité", "   ")
    _button(at, "Ajouter").click().run()


def _open_a_vote(at: AppTest) -> None:
    _button(at, "Ouvrir le vote").click().run()


def _empty_theme(at: AppTest) -> None:
    _input(at, "Nouveau thème", "  ")
    _button(at, "Créer le thème").click().run()


def _empty_synthesis(at: AppTest) -> None:
    _button(at, "Ajouter une version").click().run()


def _workshop_without_title(at: AppTest) -> None:
    _button(at, "Créer").click().run()


def _taken_code(at: AppTest) -> None:
    _input(at, "Titre", "Atelier 2")
    _input(at, "Code (facultatif, sinon tiré au hasard)", "DEMO")
    _button(at, "Créer").click().run()


def _rename_theme_empty(at: AppTest) -> None:
    _button(at, "Renommer").click().run()


def _rename_structure_empty_name(at: AppTest) -> None:
    _button(at, "Renommer").click().run()


@pytest.mark.parametrize(
    ("page", "act", "message"),
    [
        ("moderation", _rename_structure_empty_name, "Structure : indiquez un nom"),
        ("animation_vote", _empty_priority, "Intitulé de la priorité : obligatoire."),
        ("animation_cafe", _empty_theme, "Nom du thème : obligatoire."),
        ("animation_cafe", _empty_synthesis, "Synthèse : le texte est vide."),
        ("ateliers", _workshop_without_title, "Titre : 1 à 200 caractères."),
        ("ateliers", _taken_code, "est déjà pris"),
    ],
)
def test_facilitator_refusals_are_shown(
    demo: Demo, page: str, act: Callable[[AppTest], None], message: str
) -> None:
    at = _facilitator(page)
    act(at)
    assert not at.exception, at.exception
    assert any(message in e for e in _errors(at)), _errors(at)


def test_a_vote_on_one_priority_is_refused_with_the_reason(demo: Demo) -> None:
    wid = demo[0]
    with write_session() as s:
        for p in priorities.candidates(s, workshop_id=wid)[1:]:
            priorities.remove_priority(s, priority_id=p.id)
    at = _facilitator("animation_vote")
    _open_a_vote(at)
    assert "Priorités : il en faut au moins deux pour voter." in _errors(at)
    assert next(t for t in at.text_input if t.label == "Intitulé du vote").value


def test_theme_rename_to_nothing_is_refused(demo: Demo) -> None:
    with write_session() as s:
        themes.create_theme(s, question_id=_first_question(demo[0]), name="Un thème")
    at = _facilitator("animation_cafe")
    _rename_theme_empty(at)
    assert "Nom du thème : obligatoire." in _errors(at)


def test_a_round_without_questions_is_refused(demo: Demo) -> None:
    wid = demo[0]
    at = _facilitator("animation_cafe")
    with write_session() as s:  # another tab removed every question meanwhile
        for q in cafe.questions(s, workshop_id=wid):
            for c in s.scalars(select(Contribution).where(Contribution.question_id == q.id)):
                s.delete(c)
            s.delete(q)
    _button(at, "Lancer la manche suivante").click().run()
    assert "Ajoutez au moins une question avant de lancer une manche." in _errors(at)


def test_editing_an_own_post_it_to_nothing_is_refused(demo: Demo) -> None:
    _wid, _pid, token = demo
    at = _participant(token, "world_cafe")
    at.text_area(key="cafe_text").input("Une idée à reformuler")
    at.button(key="FormSubmitter:cafe_post-Envoyer").click().run()
    at.selectbox(key="cafe_edit_pick").select_index(0).run()
    next(a for a in at.text_area if a.label == "Texte").input("   ")
    _button(at, "Enregistrer").click().run()
    assert any("Réponse : écrivez quelques mots" in e for e in _errors(at)), _errors(at)


def test_theme_merge_into_itself_is_refused(demo: Demo) -> None:
    qid = _first_question(demo[0])
    with write_session() as s:
        themes.create_theme(s, question_id=qid, name="Seul")
    at = _facilitator("animation_cafe")
    for label in ("Fusionner le thème", "dans le thème"):
        box = next(x for x in at.selectbox if x.label == label)
        box.select_index(box.options.index("Seul"))
    _button(at, "Fusionner").click().run()
    assert "Fusion : choisissez deux thèmes différents." in _errors(at)


def test_participant_refusals_are_shown_and_keep_the_input(demo: Demo) -> None:
    _wid, pid, token = demo
    at = _participant(token, "world_cafe")
    long_text = "Une idée longue. " * 70  # 1 190 characters pasted
    at.text_area(key="cafe_text").input(long_text)
    at.button(key="FormSubmitter:cafe_post-Envoyer").click().run()
    assert any("280 caractères au plus" in e for e in _errors(at)), _errors(at)
    assert at.text_area(key="cafe_text").value == long_text  # nothing dropped
    over = "".join(h.proto.body for h in at.get("html"))
    assert "raccourcissez" in over and "Au-delà de la limite" in over
    synthesis = next(t for t in at.text_area if t.label == "Synthèse")
    synthesis.input("   ")
    _button(at, "Enregistrer la synthèse").click().run()
    assert "Synthèse : le texte est vide." in _errors(at)
    with read_session() as s:
        assert cafe.my_contributions(s, participant_id=pid)  # the demo post-its stay


def _projection_vote() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run()
    at.switch_page("app_pages/projection_cafe.py")
    at.session_state["pj_cafe_screen"] = "vote"
    return at.run()


def _cards(at: AppTest) -> list[str]:
    bodies = [h.proto.body for h in at.get("html") if 'data-testid="postit"' in h.proto.body]
    return re.findall(r'<div class="sf-text">([^<]*)</div>', "".join(bodies))


def _ballots(at: AppTest) -> str:
    body = "".join(h.proto.body for h in at.get("html"))
    found = re.search(r'data-testid="pj-ballots">([^<]*)<', body)
    return found.group(1) if found else ""


def test_hidden_results_do_not_move_on_the_projection(demo: Demo) -> None:
    wid = demo[0]
    with write_session() as s:
        vote = voting.create_vote(s, workshop_id=wid, method="points", points_per_participant=5)
        voting.open_vote(s, vote_id=vote.id)
        items = [p.id for p in priorities.candidates(s, workshop_id=wid)]
        people = [p.id for p in export.active_participants(s, wid)][:3]
        vote_id = vote.id
    at = _projection_vote()
    assert not at.exception, at.exception
    before = _cards(at)
    assert len(before) == len(items) and _ballots(at) == "0 bulletin"
    for pid in people:  # every ballot on the last priority: a live ranking would move it up
        with write_session() as s:
            voting.cast_ballot(s, vote_id=vote_id, participant_id=pid, entries={items[-1]: 5})
        at.run()
        assert _cards(at) == before
    assert _ballots(at) == f"{len(people)} bulletins"
    with write_session() as s:
        voting.set_results_visible(s, vote_id=vote_id, visible=True)
    at.run()
    assert not _cards(at)  # the chart replaces the fixed list once results are shown


def test_ranking_ballot_is_cast_one_rank_at_a_time(demo: Demo) -> None:
    wid, pid, token = demo
    with write_session() as s:
        vote = voting.create_vote(s, workshop_id=wid, method="ranking")
        voting.open_vote(s, vote_id=vote.id)
        items = [p.id for p in priorities.candidates(s, workshop_id=wid)]
        vote_id = vote.id
    at = _participant(token, "priorites")
    assert not at.multiselect  # no "Select all" that would cast the list order in one tap
    assert _button(at, "Voter").disabled
    for rank, item in enumerate(reversed(items), start=1):
        at.selectbox(key=f"rank_{vote_id}_{rank}").set_value(item).run()
    _button(at, "Voter").click().run()
    assert not _errors(at), _errors(at)
    with read_session() as s:
        mine = voting.ballot_of(s, vote_id=vote_id, participant_id=pid)
    assert mine == {item: rank for rank, item in enumerate(reversed(items), start=1)}


def test_priorities_from_the_cafe_are_added_and_the_pickers_emptied(demo: Demo) -> None:
    wid = demo[0]
    with write_session() as s:
        theme = themes.create_theme(s, question_id=_first_question(wid), name="Thème neuf")
        theme_id = theme.id
    at = _facilitator("animation_vote")
    picker = next(m for m in at.multiselect if m.label == "Depuis les thèmes")
    picker.select(theme_id)
    _button(at, "Ajouter la sélection").click().run()
    assert not _errors(at), _errors(at)
    with read_session() as s:
        titles = [p.title for p in priorities.candidates(s, workshop_id=wid)]
    assert "Thème neuf" in titles
    assert next(m for m in at.multiselect if m.label == "Depuis les thèmes").value == []
    assert any(t.value.endswith("Thème neuf") and t.value[0].isdigit() for t in at.text)
