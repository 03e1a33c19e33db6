"""Merge duplicates, rename a structure, RGPD erase/export, attendance list."""

from __future__ import annotations

import json

import pytest

from essdash.db import read_session, write_session
from essdash.errors import UserError
from essdash.models import Participant, Structure
from essdash.workshop.activities.mapping import queries
from essdash.workshop.activities.mapping import service as mapping
from essdash.workshop.activities.signin import export, records
from essdash.workshop.participants import participant_by_token


def test_merge_moves_features_and_the_old_link_finds_the_survivor(live_world, sign_up):
    keep = sign_up("Camille Martin", structure_name="Ressourcerie")
    dup = sign_up("Camille M.", email="c@example.org", consent_contact=True)
    with write_session() as s:
        mapping.add_site(s, participant_id=dup, lon=2.01, lat=46.01)
        dup_token = s.get(Participant, dup).token
    with write_session() as s:
        records.merge_participants(s, keep_id=keep, duplicate_id=dup)
    with read_session() as s:
        assert [f.participant_id for f in queries.visible_features(s, live_world.workshop_id)] == [
            keep
        ]
        assert participant_by_token(s, dup_token).id == keep
        survivor = s.get(Participant, keep)
        assert survivor.email == "c@example.org"  # contact given with consent is kept
        names = export.to_frame(s, live_world.workshop_id)["Nom"].tolist()
    assert names == ["Camille Martin"]


def test_merge_refuses_self_and_double_merge(live_world, sign_up):
    a, b, c = sign_up("A"), sign_up("B"), sign_up("C")
    with write_session() as s, pytest.raises(UserError, match="différent"):
        records.merge_participants(s, keep_id=a, duplicate_id=a)
    with write_session() as s:
        records.merge_participants(s, keep_id=a, duplicate_id=b)
    with write_session() as s, pytest.raises(UserError, match="déjà fusionnée"):
        records.merge_participants(s, keep_id=c, duplicate_id=b)


def test_rename_structure_renames_every_member(live_world, sign_up):
    a = sign_up("A", structure_name="Resourcerie du vall")
    b = sign_up("B", structure_name="resourcerie du vall")
    with write_session() as s:
        records.rename_structure(s, participant_id=a, name="Ressourcerie du Val")
    with read_session() as s:
        assert s.get(Participant, b).structure_name == "Ressourcerie du Val"
        assert s.get(Structure, s.get(Participant, a).structure_id).name == "Ressourcerie du Val"


def test_erase_wipes_identity_contact_sites_and_link(live_world, sign_up):
    pid = sign_up("Lou", structure_name="Chez moi", email="lou@example.org", consent_contact=True)
    with write_session() as s:
        mapping.add_site(s, participant_id=pid, lon=2.01, lat=46.01)
        token = s.get(Participant, pid).token
    with write_session() as s:
        records.erase_participant(s, participant_id=pid)
    with read_session() as s:
        p = s.get(Participant, pid)
        assert (p.name, p.email, p.phone, p.consent_contact) == (
            records.ERASED_NAME,
            None,
            None,
            False,
        )
        assert participant_by_token(s, token) is None
        assert queries.visible_features(s, live_world.workshop_id) == []
        assert export.to_frame(s, live_world.workshop_id).empty


def test_personal_data_lists_everything_stored(live_world, sign_up):
    pid = sign_up("Lou", structure_name="Asso", email="lou@example.org", consent_contact=True)
    with write_session() as s:
        mapping.add_site(s, participant_id=pid, lon=2.01, lat=46.01)
    with read_session() as s:
        data = records.personal_data(s, participant_id=pid)
    assert data["participant"]["email"] == "lou@example.org"
    assert data["carte"][0]["geometrie"]["type"] == "Point"
    json.dumps(data)  # JSON-ready


def test_attendance_shows_contact_only_with_consent(live_world, sign_up):
    sign_up("Avec", email="a@example.org", consent_contact=True, actor_type="reseau")
    sign_up("Sans", actor_type="citoyen")
    with read_session() as s:
        frame = export.to_frame(s, live_world.workshop_id)
    assert list(frame.columns) == list(export.COLUMNS)
    assert frame["E-mail"].tolist() == ["a@example.org", ""]
    assert frame["Type d'acteur"].tolist() == ["Réseau d'accompagnement", "Citoyen·ne"]
    assert frame["Mode"].tolist() == ["Sur place", "Sur place"]
