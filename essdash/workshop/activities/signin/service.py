"""Émargement: join by code, sign in (idempotent), re-join by token, sign in on someone's behalf."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from essdash import labels
from essdash.errors import NotAllowed, UserError
from essdash.models import Participant, Structure, Workshop
from essdash.models.base import utcnow
from essdash.workshop import access
from essdash.workshop.participants import participant_by_token, workshop_by_code

NAME_MAX, STRUCTURE_MAX, EMAIL_MAX, PHONE_MAX = 120, 200, 200, 40
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 .()-]{6,40}$")


@dataclass(frozen=True)
class SignInForm:
    """What the émargement form asks; contact details are kept only with consent."""

    name: str
    structure_name: str = ""
    actor_type: str = "autre"
    ess_family: str | None = None
    email: str = ""
    phone: str = ""
    consent_contact: bool = False


def new_token() -> str:
    """A secret, URL-safe personal token (128 bits)."""
    return secrets.token_urlsafe(16)


def join_workshop(session: Session, *, code: str) -> Workshop:
    """The workshop behind a join code, if people may still join it."""
    workshop = workshop_by_code(session, code)
    if workshop is None:
        raise UserError("Code de l'atelier inconnu : vérifiez le code affiché par l'animation.")
    access.ensure_can_join(workshop)
    return workshop


def validate_form(form: SignInForm) -> SignInForm:
    """Cleaned form, or UserError naming the field."""
    name = form.name.strip()
    if not name:
        raise UserError("Nom : indiquez votre nom (ou un prénom).")
    if len(name) > NAME_MAX:
        raise UserError(f"Nom : {NAME_MAX} caractères au plus.")
    structure = form.structure_name.strip()
    if len(structure) > STRUCTURE_MAX:
        raise UserError(f"Structure : {STRUCTURE_MAX} caractères au plus.")
    if form.actor_type not in labels.ACTOR_TYPES:
        raise UserError("Type d'acteur : choisissez une valeur de la liste.")
    family = form.ess_family if form.actor_type == "ess" else None
    if family is not None and family not in labels.ESS_FAMILIES:
        raise UserError("Famille de l'ESS : choisissez une valeur de la liste.")
    email, phone = form.email.strip(), form.phone.strip()
    if (email or phone) and not form.consent_contact:
        raise UserError(
            "Contact : cochez la case de consentement pour que nous gardions votre e-mail ou "
            "téléphone, ou laissez ces champs vides."
        )
    if email and (len(email) > EMAIL_MAX or not _EMAIL.match(email)):
        raise UserError("E-mail : adresse invalide (exemple : prenom.nom@structure.fr).")
    if phone and (len(phone) > PHONE_MAX or not _PHONE.match(phone)):
        raise UserError("Téléphone : numéro invalide (chiffres, espaces, + au début).")
    consent = form.consent_contact and bool(email or phone)
    return SignInForm(name, structure, form.actor_type, family, email, phone, consent)


def structure_for(
    session: Session, *, diagnostic_id: int, name: str, actor_type: str, family: str | None
) -> Structure | None:
    """The diagnostic's structure of this name (case-insensitive), created on first use."""
    if not name:
        return None
    found = session.scalars(
        select(Structure).where(
            Structure.diagnostic_id == diagnostic_id,
            func.lower(Structure.name) == name.lower(),
        )
    ).first()
    if found is not None:
        return found
    structure = Structure(
        diagnostic_id=diagnostic_id, name=name, actor_type=actor_type, family=family
    )
    session.add(structure)
    session.flush()
    return structure


def _existing_request(
    session: Session, workshop_id: int, request_id: str | None
) -> Participant | None:
    if not request_id:
        return None
    return session.scalars(
        select(Participant).where(
            Participant.workshop_id == workshop_id, Participant.client_request_id == request_id
        )
    ).first()


def sign_in(
    session: Session,
    *,
    workshop_id: int,
    form: SignInForm,
    client_request_id: str | None = None,
    entered_by_facilitator: bool = False,
) -> Participant:
    """Register a participant; the same `client_request_id` twice gives the same participant."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise UserError("Atelier introuvable.")
    existing = _existing_request(session, workshop_id, client_request_id)
    if existing is not None:
        return existing
    if not entered_by_facilitator:
        access.ensure_can_join(workshop)
    clean = validate_form(form)
    structure = structure_for(
        session,
        diagnostic_id=workshop.diagnostic_id,
        name=clean.structure_name,
        actor_type=clean.actor_type,
        family=clean.ess_family,
    )
    participant = Participant(
        workshop_id=workshop_id,
        token=new_token(),
        client_request_id=client_request_id or None,
        name=clean.name,
        structure_id=structure.id if structure else None,
        structure_name=structure.name if structure else "",
        actor_type=clean.actor_type,
        ess_family=clean.ess_family,
        email=clean.email or None,
        phone=clean.phone or None,
        consent_contact=clean.consent_contact,
        consent_at=utcnow() if clean.consent_contact else None,
        is_remote=access.is_remote_phase(workshop) or entered_by_facilitator,
        entered_by_facilitator=entered_by_facilitator,
    )
    return _insert_once(session, participant)


def _insert_once(session: Session, participant: Participant) -> Participant:
    """Insert, or return the row a concurrent double tap already inserted (PostgreSQL race)."""
    try:
        with session.begin_nested():
            session.add(participant)
            session.flush()
    except IntegrityError:
        request_id = participant.client_request_id
        if not request_id:
            raise
        existing = _existing_request(session, participant.workshop_id, request_id)
        if existing is None:
            raise
        return existing
    return participant


def rejoin(session: Session, *, token: str) -> Participant:
    """The participant behind a personal link (a merged duplicate resolves to the survivor)."""
    participant = participant_by_token(session, token)
    if participant is None:
        raise NotAllowed("Lien personnel inconnu ou effacé : rejoignez l'atelier avec son code.")
    return participant
