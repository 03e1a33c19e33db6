"""Relation rules: who may declare, who may confirm, no duplicates, directions, figures, exports."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from essdash.actor_tables import network
from essdash.actors import directory, exports, relations
from essdash.db import read_session, write_session
from essdash.errors import NotAllowed, UserError
from essdash.exports.workbook import workbook_frames
from essdash.models import Participant
from essdash.readmodel.scope import diagnostic_scope

from .world import World, signed_in, somme_world


@pytest.fixture
def world(db_url: str, shared_data: Path) -> World:
    return somme_world(shared_data)


def _actor(participant_id: int) -> int:
    with read_session() as s:
        p = s.get(Participant, participant_id)
        assert p is not None and p.structure_id is not None
        return p.structure_id


def _declare(world: World, source: int, target: int, kind: str, by: int | None = None) -> int:
    with write_session() as s:
        form = relations.RelationForm(source, target, kind, "note")
        return relations.declare(
            s, diagnostic_id=world.diagnostic_id, form=form, participant_id=by
        ).id


def test_a_participant_declares_only_for_their_structure(world: World) -> None:
    alice, bob = signed_in(world, "Alice", "Épicerie", "ess"), signed_in(world, "Bob", "Mairie")
    with write_session() as s:
        third = directory.add_actor(
            s, diagnostic_id=world.diagnostic_id, form=directory.ActorForm("Réseau")
        ).id
    mine, theirs = _actor(alice), _actor(bob)
    _declare(world, mine, theirs, "partenariat", by=alice)
    with pytest.raises(NotAllowed, match="votre structure"):
        _declare(world, theirs, third, "partenariat", by=alice)


def test_the_other_side_confirms_not_the_declaring_side(world: World) -> None:
    alice, bob = signed_in(world, "Alice", "Épicerie"), signed_in(world, "Bob", "Mairie")
    colleague = signed_in(world, "Chloé", "Épicerie")
    rid = _declare(world, _actor(alice), _actor(bob), "fourniture", by=alice)
    with read_session() as s:
        assert [r for r, _ in relations.to_confirm(s, participant_id=bob)] == [rid]
        assert relations.to_confirm(s, participant_id=colleague) == []
    with write_session() as s, pytest.raises(NotAllowed, match="autre structure"):
        relations.confirm(s, relation_id=rid, participant_id=colleague)
    with write_session() as s:
        relations.confirm(s, relation_id=rid, participant_id=bob)
    with read_session() as s:
        assert relations.to_confirm(s, participant_id=bob) == []


def test_duplicates_and_directions(world: World) -> None:
    a, b = _actor(signed_in(world, "Alice", "Épicerie")), _actor(signed_in(world, "Bob", "Ferme"))
    _declare(world, a, b, "partenariat")
    with pytest.raises(UserError, match="déjà enregistrée"):
        _declare(world, b, a, "partenariat")  # no direction: the same tie
    _declare(world, b, a, "fourniture")  # the farm supplies the grocery
    _declare(world, a, b, "fourniture")  # and the other way round is another tie
    with pytest.raises(UserError, match="différentes"):
        _declare(world, a, a, "concurrence")
    with pytest.raises(UserError, match="Type de relation"):
        _declare(world, a, b, "amitie")


def test_figures_and_gephi_export(world: World) -> None:
    ess = [_actor(signed_in(world, n, n, "ess")) for n in ("Épicerie", "Ressourcerie")]
    mairie = _actor(signed_in(world, "Élu", "Mairie", "collectivite"))
    alone = _actor(signed_in(world, "Zoé", "Café", "ess"))
    _declare(world, ess[0], ess[1], "partenariat")
    _declare(world, ess[0], mairie, "concurrence")
    with read_session() as s:
        nodes, edges = (
            network.nodes_frame(s, world.diagnostic_id),
            network.edges_frame(s, world.diagnostic_id),
        )
        gexf = exports.relations_gexf(s, world.diagnostic_id)
        csv = exports.relations_csv(s, world.diagnostic_id).decode("utf-8-sig")
    figs = network.figures(nodes, edges)
    assert figs.isolated == ("Café",) and alone in set(nodes["id"])
    assert figs.most_connected[0] == ("Épicerie", 2)
    assert figs.ess_to_non_ess == 1
    root = ElementTree.fromstring(gexf)
    ns = {"g": "http://gexf.net/1.3"}
    assert len(root.findall(".//g:node", ns)) == 4 and len(root.findall(".//g:edge", ns)) == 2
    assert csv.splitlines()[0].startswith("Source,Cible,Structure source")


def test_participant_text_is_exported_without_formulas(world: World) -> None:
    a = _actor(signed_in(world, "Alice", '=HYPERLINK("x")'))
    b = _actor(signed_in(world, "Bob", "Ferme"))
    _declare(world, a, b, "partenariat")
    with read_session() as s:
        csv = exports.relations_csv(s, world.diagnostic_id).decode("utf-8-sig")
    assert "\n1,2,=HYPERLINK" not in csv and "'=HYPERLINK" in csv


def test_the_workbook_has_the_directory_and_its_relations(world: World) -> None:
    a = _actor(signed_in(world, "Alice", "Épicerie solidaire", "ess"))
    b = _actor(signed_in(world, "Bob", "Ferme du Val"))
    _declare(world, a, b, "fourniture")
    with read_session() as s:
        frames = workbook_frames(s, diagnostic_scope(s, diagnostic_id=world.diagnostic_id))
    names = set(frames["Annuaire des acteurs"].astype(str).stack())
    assert {"Épicerie solidaire", "Ferme du Val"} <= names
    ties = frames["Relations entre acteurs"]
    assert len(ties) == 1 and "Fourniture" in " ".join(map(str, ties.iloc[0]))
