"""Émargement rules: join by code, consent, double submit, token re-join, closed workshop."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.errors import NotAllowed, UserError
from essdash.models import Participant, Structure
from essdash.workshop import console
from essdash.workshop.activities.signin import service
from essdash.workshop.activities.signin.service import SignInForm


def test_join_code_is_case_insensitive(live_world):
    with read_session() as s:
        assert service.join_workshop(s, code="  test1 ").id == live_world.workshop_id


def test_unknown_code_is_refused(live_world):
    with read_session() as s, pytest.raises(UserError, match="Code de l'atelier inconnu"):
        service.join_workshop(s, code="NOPE")


@pytest.mark.parametrize(
    ("status", "contributions_open", "joinable"),
    [
        ("draft", True, False),
        ("open", False, True),
        ("closed", True, True),
        ("closed", False, False),
        ("archived", True, False),
    ],
)
def test_who_may_join(live_world, status, contributions_open, joinable):
    with write_session() as s:
        workshop = s.get(console.Workshop, live_world.workshop_id)
        workshop.status, workshop.contributions_open = status, contributions_open
    with write_session() as s:
        if joinable:
            service.join_workshop(s, code="TEST1")
        else:
            with pytest.raises(NotAllowed):
                service.join_workshop(s, code="TEST1")


def test_sign_in_gives_a_secret_token_and_a_structure(live_world):
    form = SignInForm("Camille", "Ressourcerie", "ess", "association")
    with write_session() as s:
        p = service.sign_in(s, workshop_id=live_world.workshop_id, form=form)
        token = p.token
    assert len(token) >= 20
    with read_session() as s:
        again = service.rejoin(s, token=token)
        assert (again.name, again.structure_name, again.ess_family) == (
            "Camille",
            "Ressourcerie",
            "association",
        )
        assert again.structure_id is not None
        assert again.email is None and not again.consent_contact


def test_same_structure_name_is_one_structure(live_world, sign_up):
    a = sign_up("A", structure_name="Coop du Val", actor_type="ess", ess_family="cooperative")
    b = sign_up("B", structure_name="coop du val", actor_type="ess", ess_family="cooperative")
    with read_session() as s:
        assert s.get(Participant, a).structure_id == s.get(Participant, b).structure_id
        assert s.scalar(select(func.count(Structure.id))) == 1


def test_contact_without_consent_is_refused_and_not_stored(live_world):
    form = SignInForm("Noa", email="noa@example.org", consent_contact=False)
    with write_session() as s, pytest.raises(UserError, match="consentement"):
        service.sign_in(s, workshop_id=live_world.workshop_id, form=form)
    with read_session() as s:
        assert s.scalar(select(func.count(Participant.id))) == 0


def test_contact_with_consent_is_stored_with_its_date(live_world):
    form = SignInForm("Noa", email="noa@example.org", phone="06 12 34 56 78", consent_contact=True)
    with write_session() as s:
        p = service.sign_in(s, workshop_id=live_world.workshop_id, form=form)
        assert (p.email, p.phone, p.consent_contact) == ("noa@example.org", "06 12 34 56 78", True)
        assert p.consent_at is not None


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (SignInForm("  "), "Nom"),
        (SignInForm("x" * 121), "Nom"),
        (SignInForm("A", actor_type="martien"), "Type d'acteur"),
        (SignInForm("A", actor_type="ess", ess_family="secte"), "Famille"),
        (SignInForm("A", email="pas-un-mail", consent_contact=True), "E-mail"),
        (SignInForm("A", phone="abc", consent_contact=True), "Téléphone"),
    ],
)
def test_invalid_forms_name_the_field(live_world, form, field):
    with write_session() as s, pytest.raises(UserError, match=field):
        service.sign_in(s, workshop_id=live_world.workshop_id, form=form)


def test_family_is_dropped_for_non_ess_actors(live_world):
    form = SignInForm("Élu", actor_type="collectivite", ess_family="association")
    with write_session() as s:
        assert service.sign_in(s, workshop_id=live_world.workshop_id, form=form).ess_family is None


def test_double_tap_gives_one_participant(live_world):
    form = SignInForm("Camille", "Ressourcerie")
    ids = []
    for _ in range(2):
        with write_session() as s:
            ids.append(
                service.sign_in(
                    s, workshop_id=live_world.workshop_id, form=form, client_request_id="tap-1"
                ).id
            )
    assert ids[0] == ids[1]
    with read_session() as s:
        assert s.scalar(select(func.count(Participant.id))) == 1


def test_concurrent_double_submit_gives_one_participant(live_world):
    form = SignInForm("Camille", "Ressourcerie")

    def submit(_: int) -> str:
        with write_session() as s:
            return service.sign_in(
                s, workshop_id=live_world.workshop_id, form=form, client_request_id="same"
            ).token

    with ThreadPoolExecutor(max_workers=6) as pool:
        tokens = set(pool.map(submit, range(12)))
    assert len(tokens) == 1
    with read_session() as s:
        assert s.scalar(select(func.count(Participant.id))) == 1


def test_unknown_token_is_refused(live_world):
    with read_session() as s, pytest.raises(NotAllowed, match="Lien personnel"):
        service.rejoin(s, token="not-a-token")


def test_late_sign_in_after_the_workshop_is_remote(live_world):
    with write_session() as s:
        console.set_status(s, workshop_id=live_world.workshop_id, status="closed")
        # remote contributions are an explicit choice (off by default)
        console.set_contributions_open(s, workshop_id=live_world.workshop_id, value=True)
    with write_session() as s:
        p = service.sign_in(s, workshop_id=live_world.workshop_id, form=SignInForm("Late"))
        assert p.is_remote


def test_facilitator_enters_someone_on_behalf_even_when_closed(live_world):
    with write_session() as s:
        console.set_status(s, workshop_id=live_world.workshop_id, status="closed")
        console.set_contributions_open(s, workshop_id=live_world.workshop_id, value=False)
    form = SignInForm("Par téléphone", "Asso X")
    with write_session() as s:
        p = service.sign_in(
            s, workshop_id=live_world.workshop_id, form=form, entered_by_facilitator=True
        )
        assert p.entered_by_facilitator and p.is_remote
    with write_session() as s, pytest.raises(NotAllowed, match="closes"):
        service.sign_in(s, workshop_id=live_world.workshop_id, form=form)
