"""The directory: « Ma structure » ties a participant to Sirene; duplicates are found and merged."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from essdash.actors import directory, duplicates, relations
from essdash.actors.queries import actor_sector_by_participant
from essdash.db import read_session, write_session
from essdash.errors import UserError
from essdash.models import ActorRelation, Contribution, Interview, Participant, Question, Structure
from essdash.workshop.activities.mapping import service as mapping

from .world import World, signed_in, somme_world

SUCRERIES = "00542012000015"


@pytest.fixture
def world(db_url: str, shared_data: Path) -> World:
    return somme_world(shared_data)


def test_picking_my_structure_fills_it_from_sirene(world: World) -> None:
    pid = signed_in(world, "Alice", "Sucreries")
    with write_session() as s:
        actor_id = directory.pick_my_structure(s, participant_id=pid, siret=SUCRERIES).id
    with read_session() as s:
        actor = s.get(Structure, actor_id)
        participant = s.get(Participant, pid)
        assert actor is not None and participant is not None
        assert actor.name == "Sucreries"  # the name the participant typed stays
        assert (actor.siret, actor.legal_form, actor.naf) == (SUCRERIES, "5599", "10.81Z")
        assert (actor.headcount_class, actor.commune_code) == ("02", "80688")
        assert actor.address == "RUE DE LA FONTAINE, 80120 RUE"
        assert actor.actor_type == "entreprise" and actor.family is None
        assert participant.structure_id == actor_id
        assert actor_sector_by_participant(s, world.workshop_id) == {pid: "industrie_construction"}


def test_a_second_participant_of_the_same_siret_joins_the_same_actor(world: World) -> None:
    first, second = signed_in(world, "Alice", "Sucreries"), signed_in(world, "Bob")
    with write_session() as s:
        a = directory.pick_my_structure(s, participant_id=first, siret=SUCRERIES).id
        b = directory.pick_my_structure(s, participant_id=second, siret=SUCRERIES).id
    assert a == b
    with read_session() as s:
        assert s.scalar(select(func.count(Structure.id))) == 1


def test_a_siret_outside_the_territory_is_refused(db_url: str, shared_data: Path) -> None:
    world = somme_world(shared_data, departement="44")
    pid = signed_in(world, "Alice", "Sucreries")
    with write_session() as s, pytest.raises(UserError, match="introuvable dans le territoire"):
        directory.pick_my_structure(s, participant_id=pid, siret=SUCRERIES)


def test_confirming_the_site_without_coordinates_asks_for_the_map(world: World) -> None:
    pid = signed_in(world, "Alice", "Sucreries")
    with write_session() as s:
        directory.pick_my_structure(s, participant_id=pid, siret=SUCRERIES)
    with write_session() as s, pytest.raises(UserError, match="carte partagée"):
        directory.confirm_my_site(s, participant_id=pid)  # the sample has no coordinates
    with write_session() as s:
        site = directory.confirm_my_site(s, participant_id=pid, lon=1.63, lat=50.22)
        assert site.kind == "site" and site.label == "Sucreries"


def test_duplicates_same_siret_and_similar_names_in_one_commune(world: World) -> None:
    with write_session() as s:
        add, form = directory.add_actor, directory.ActorForm
        a = add(
            s,
            diagnostic_id=world.diagnostic_id,
            form=form("Ressourcerie du Vimeu", commune_code="80308"),
        )
        b = add(
            s,
            diagnostic_id=world.diagnostic_id,
            form=form("RESSOURCERIE DU VIMEU (la)", commune_code="80308"),
        )
        add(
            s,
            diagnostic_id=world.diagnostic_id,
            form=form("Ressourcerie du Vimeu", commune_code="80001"),
        )
        c = directory.add_actor(
            s, diagnostic_id=world.diagnostic_id, form=directory.ActorForm("Sucreries")
        )
        d = directory.add_actor(
            s, diagnostic_id=world.diagnostic_id, form=directory.ActorForm("SA Marquenterre")
        )
        for actor in (c, d):
            directory.tie_to_sirene(s, actor_id=actor.id, siret=SUCRERIES)
        ids = (a.id, b.id, c.id, d.id)
    with read_session() as s:
        found = {
            (p.keep_id, p.other_id): p.reason
            for p in duplicates.find_duplicates(s, world.diagnostic_id)
        }
    assert found == {
        (ids[0], ids[1]): "noms proches dans la même commune",
        (ids[2], ids[3]): f"même SIRET ({SUCRERIES})",
    }


def test_a_merge_keeps_sites_zones_contributions_interviews_and_relations(world: World) -> None:
    alice, bob = (
        signed_in(world, "Alice", "Ressourcerie"),
        signed_in(world, "Bob", "La Ressourcerie"),
    )
    with write_session() as s:
        keep = s.get(Participant, alice).structure_id  # type: ignore[union-attr]
        other = s.get(Participant, bob).structure_id  # type: ignore[union-attr]
        third = directory.add_actor(
            s, diagnostic_id=world.diagnostic_id, form=directory.ActorForm("Mairie")
        ).id
        mapping.add_site(s, participant_id=bob, lon=1.6, lat=50.1)
        question = Question(workshop_id=world.workshop_id, position=1, text="Besoins ?")
        s.add(question)
        s.flush()
        s.add(
            Contribution(
                workshop_id=world.workshop_id,
                question_id=question.id,
                participant_id=bob,
                text="Un local",
            )
        )
        s.add(Interview(diagnostic_id=world.diagnostic_id, structure_id=other, notes="Entretien"))
        declared = ((other, third, "partenariat"), (keep, third, "partenariat"),
                (keep, other, "partenariat"), (other, third, "fourniture"))  # fmt: skip
        for source, target, kind in declared:
            form = relations.RelationForm(source, target, kind)  # type: ignore[arg-type]
            relations.declare(s, diagnostic_id=world.diagnostic_id, form=form)
    with write_session() as s:
        duplicates.merge(s, keep_id=keep, other_id=other)  # type: ignore[arg-type]
    with read_session() as s:
        assert s.get(Structure, other) is None  # type: ignore[arg-type]
        assert s.get(Participant, bob).structure_id == keep  # type: ignore[union-attr]
        assert s.scalar(select(Interview.structure_id)) == keep
        ties = {(r.source_id, r.target_id, r.kind) for r in s.scalars(select(ActorRelation))}
        # the two partnerships with the Mairie are one; the tie between the two copies is gone
        assert ties == {(keep, third, "partenariat"), (keep, third, "fourniture")}
        from essdash.actor_tables.listing import directory_frame

        row = directory_frame(s, world.diagnostic_id, {}).set_index("id").loc[keep]
        assert (row["sites"], row["relations"]) == (1, 2)
