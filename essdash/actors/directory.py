"""The directory: every structure met is one actor; tie it to a Sirene establishment.

Writes only; the caller owns the transaction. Reads for pages are in essdash.actor_tables.listing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from essdash import labels
from essdash.actors.search import SireneHit, search_sirene, territory_codes
from essdash.errors import NotAllowed, UserError
from essdash.models import MapFeature, Participant, Structure, Workshop
from essdash.workshop.activities.mapping import service as mapping
from essdash.workshop.participants import acting_participant

NAME_MAX, SECTOR_MAX, OFFER_MAX = 200, 80, 2000
ORIGINS = labels.ACTOR_ORIGINS


@dataclass(frozen=True)
class ActorForm:
    """What the team types to add or correct an actor."""

    name: str
    actor_type: str = "autre"
    family: str | None = None
    sector: str = ""
    commune_code: str = ""
    offer: str = ""


def folded(text: str) -> str:
    """Lower case, accents and punctuation removed, single spaces (to compare names)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def _clean(form: ActorForm) -> ActorForm:
    name = form.name.strip()
    if not name or len(name) > NAME_MAX:
        raise UserError(f"Nom de la structure : indiquez de 1 à {NAME_MAX} caractères.")
    if form.actor_type not in labels.ACTOR_TYPES:
        raise UserError("Type d'acteur : choisissez une valeur de la liste.")
    family = form.family or None
    if family is not None and family not in labels.ESS_FAMILIES:
        raise UserError("Famille de l'ESS : choisissez une valeur de la liste.")
    if len(form.sector.strip()) > SECTOR_MAX:
        raise UserError(f"Secteur : {SECTOR_MAX} caractères au plus.")
    if len(form.offer.strip()) > OFFER_MAX:
        raise UserError(f"Activité : {OFFER_MAX} caractères au plus.")
    code = form.commune_code.strip().upper()
    return ActorForm(name, form.actor_type, family, form.sector.strip(), code, form.offer.strip())


def add_actor(
    session: Session, *, diagnostic_id: int, form: ActorForm, origin: str = "team"
) -> Structure:
    """A new actor in the diagnostic's directory (the team's form, an interview)."""
    clean = _clean(form)
    if origin not in ORIGINS:
        raise UserError("Origine : valeur inconnue.")
    actor = Structure(
        diagnostic_id=diagnostic_id,
        name=clean.name,
        actor_type=clean.actor_type,
        family=clean.family,
        sector=clean.sector or None,
        commune_code=clean.commune_code or None,
        offer=clean.offer or None,
        origin=origin,
    )
    session.add(actor)
    session.flush()
    return actor


def update_actor(session: Session, *, actor_id: int, form: ActorForm) -> Structure:
    """The team corrects an actor; the participants linked to it see the new name."""
    actor = actor_in(session, actor_id)
    clean = _clean(form)
    actor.name, actor.actor_type, actor.family = clean.name, clean.actor_type, clean.family
    actor.sector = clean.sector or None
    actor.commune_code = clean.commune_code or actor.commune_code
    actor.offer = clean.offer or None
    session.execute(
        update(Participant)
        .where(Participant.structure_id == actor.id, Participant.erased_at.is_(None))
        .values(structure_name=actor.name)
    )
    return actor


def actor_in(session: Session, actor_id: int, diagnostic_id: int | None = None) -> Structure:
    actor = session.get(Structure, actor_id)
    if actor is None or (diagnostic_id is not None and actor.diagnostic_id != diagnostic_id):
        raise UserError("Structure introuvable dans l'annuaire de ce diagnostic.")
    return actor


def hit_by_siret(session: Session, diagnostic_id: int, siret: str) -> SireneHit:
    """The establishment of this SIRET in the diagnostic's territory, or a French refusal."""
    digits = "".join(siret.split())
    found = [h for h in search_sirene(digits, territory_codes(session, diagnostic_id)) if h.siret]
    found = [h for h in found if h.siret == digits]
    if len(digits) != 14 or not found:
        raise UserError(f"SIRET : {digits or '(vide)'} introuvable dans le territoire.")
    return found[0]


def apply_sirene(actor: Structure, hit: SireneHit) -> None:
    """Fill the actor from the establishment picked (what the participant chose is kept)."""
    actor.siret, actor.siren, actor.legal_form = hit.siret, hit.siren, hit.legal_form
    actor.naf, actor.headcount_class = hit.naf, hit.headcount_class
    actor.address, actor.commune_code = hit.address, hit.commune
    actor.lon, actor.lat = hit.lon, hit.lat
    actor.sector = hit.sector
    if hit.family is not None:
        actor.family = hit.family
        if actor.actor_type in (None, "autre"):
            actor.actor_type = "ess"
    elif actor.actor_type in (None, "autre"):
        actor.actor_type = "entreprise"


def tie_to_sirene(session: Session, *, actor_id: int, siret: str) -> Structure:
    """The team ties an actor to an establishment of the territory."""
    actor = actor_in(session, actor_id)
    apply_sirene(actor, hit_by_siret(session, actor.diagnostic_id, siret))
    return actor


def pick_my_structure(session: Session, *, participant_id: int, siret: str) -> Structure:
    """« Ma structure »: the participant picks their establishment in the search.

    Joins the actor that already has this SIRET (another participant or the team met it), else
    fills the participant's own entry, created if they gave no structure name."""
    participant = acting_participant(session, participant_id)
    workshop = session.get(Workshop, participant.workshop_id)
    assert workshop is not None
    hit = hit_by_siret(session, workshop.diagnostic_id, siret)
    actor = session.scalars(
        select(Structure)
        .where(Structure.diagnostic_id == workshop.diagnostic_id, Structure.siret == hit.siret)
        .order_by(Structure.id)
    ).first()
    if actor is None:
        actor = _own_entry(session, participant, workshop.diagnostic_id, hit.name)
        apply_sirene(actor, hit)
    participant.structure_id, participant.structure_name = actor.id, actor.name
    if actor.family is not None and participant.actor_type == "autre":
        participant.actor_type, participant.ess_family = "ess", actor.family
    return actor


def _own_entry(
    session: Session, participant: Participant, diagnostic_id: int, name: str
) -> Structure:
    """The participant's entry if nobody else uses it, else a new one."""
    if participant.structure_id is not None:
        others = session.scalar(
            select(func.count(Participant.id)).where(
                Participant.structure_id == participant.structure_id,
                Participant.id != participant.id,
            )
        )
        own = session.get(Structure, participant.structure_id)
        if own is not None and not others and own.siret is None:
            return own
    actor = Structure(diagnostic_id=diagnostic_id, name=name[:NAME_MAX], origin="signin")
    actor.actor_type = participant.actor_type
    session.add(actor)
    session.flush()
    return actor


def confirm_my_site(
    session: Session,
    *,
    participant_id: int,
    lon: float | None = None,
    lat: float | None = None,
    client_request_id: str | None = None,
) -> MapFeature:
    """The participant confirms their site at the establishment's address (or where they moved
    it): a site of the shared map, labelled with the structure's name."""
    participant = acting_participant(session, participant_id)
    actor = session.get(Structure, participant.structure_id or -1)
    if actor is None:
        raise NotAllowed("Ma structure : choisissez d'abord votre structure.")
    lon = actor.lon if lon is None else lon
    lat = actor.lat if lat is None else lat
    if lon is None or lat is None:
        raise UserError("Adresse non géolocalisée : placez votre site sur la carte partagée.")
    description = mapping.Description(label=actor.name, family=actor.family)
    return mapping.add_site(
        session,
        participant_id=participant_id,
        lon=lon,
        lat=lat,
        description=description,
        client_request_id=client_request_id,
    )
