"""Relations between actors: who declares them, who confirms them, and what they add up to.

A participant declares relations for their own structure only; the team for any two actors of the
diagnostic. The actor on the other side (one of its participants) confirms it, or the team does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.errors import NotAllowed, UserError
from essdash.models import ActorRelation, Participant, Structure, Workshop
from essdash.models.actors import DIRECTED_KINDS, RELATION_KINDS
from essdash.models.base import utcnow
from essdash.workshop.participants import acting_participant

NOTE_MAX = 1000
KIND_LABELS = labels.RELATION_KIND_LABELS
assert set(KIND_LABELS) == set(RELATION_KINDS)


@dataclass(frozen=True)
class RelationForm:
    source_id: int
    target_id: int
    kind: str
    note: str = ""


def _actor(session: Session, actor_id: int, diagnostic_id: int) -> Structure:
    actor = session.get(Structure, actor_id)
    if actor is None or actor.diagnostic_id != diagnostic_id:
        raise UserError("Relation : choisissez deux structures de l'annuaire de ce diagnostic.")
    return actor


def _existing(session: Session, diagnostic_id: int, form: RelationForm) -> ActorRelation | None:
    pair: ColumnElement[bool] = (ActorRelation.source_id == form.source_id) & (
        ActorRelation.target_id == form.target_id
    )
    if form.kind not in DIRECTED_KINDS:
        back = (ActorRelation.source_id == form.target_id) & (
            ActorRelation.target_id == form.source_id
        )
        pair = or_(pair, back)
    return session.scalars(
        select(ActorRelation).where(
            ActorRelation.diagnostic_id == diagnostic_id, ActorRelation.kind == form.kind, pair
        )
    ).first()


def declare(
    session: Session,
    *,
    diagnostic_id: int,
    form: RelationForm,
    participant_id: int | None = None,
    client_request_id: str | None = None,
) -> ActorRelation:
    """Record a relation; `participant_id` None means the team declares it."""
    if client_request_id:
        again = session.scalars(
            select(ActorRelation).where(
                ActorRelation.diagnostic_id == diagnostic_id,
                ActorRelation.client_request_id == client_request_id,
            )
        ).first()
        if again is not None:
            return again  # the same form sent twice
    if form.kind not in RELATION_KINDS:
        raise UserError("Type de relation : choisissez une valeur de la liste.")
    if form.source_id == form.target_id:
        raise UserError("Relation : choisissez deux structures différentes.")
    note = form.note.strip()
    if len(note) > NOTE_MAX:
        raise UserError(f"Note : {NOTE_MAX} caractères au plus.")
    _actor(session, form.source_id, diagnostic_id)
    _actor(session, form.target_id, diagnostic_id)
    if participant_id is not None:
        own = _own_structure(session, participant_id, diagnostic_id)
        if own not in (form.source_id, form.target_id):
            raise NotAllowed(
                "Relation : vous ne pouvez déclarer que les relations de votre structure."
            )
    if _existing(session, diagnostic_id, form) is not None:
        raise UserError("Relation : elle est déjà enregistrée entre ces deux structures.")
    relation = ActorRelation(
        diagnostic_id=diagnostic_id,
        source_id=form.source_id,
        target_id=form.target_id,
        kind=form.kind,
        directed=form.kind in DIRECTED_KINDS,
        note=note,
        participant_id=participant_id,
        declared_by_team=participant_id is None,
        client_request_id=client_request_id or None,
    )
    session.add(relation)
    session.flush()
    return relation


def _own_structure(session: Session, participant_id: int, diagnostic_id: int) -> int:
    participant = acting_participant(session, participant_id)
    workshop = session.get(Workshop, participant.workshop_id)
    if workshop is None or workshop.diagnostic_id != diagnostic_id:
        raise NotAllowed("Relation : cet atelier ne fait pas partie de ce diagnostic.")
    if participant.structure_id is None:
        raise NotAllowed("Relation : indiquez d'abord votre structure (« Ma structure »).")
    return participant.structure_id


def confirm(session: Session, *, relation_id: int, participant_id: int | None = None) -> None:
    """The other actor confirms (a participant of it, or the team with `participant_id` None)."""
    relation = session.get(ActorRelation, relation_id)
    if relation is None:
        raise UserError("Relation introuvable : elle a peut-être été supprimée.")
    if participant_id is not None:
        own = _own_structure(session, participant_id, relation.diagnostic_id)
        declarer = session.get(Participant, relation.participant_id or -1)
        declared_side = declarer.structure_id if declarer is not None else None
        other_side = {relation.source_id, relation.target_id} - {declared_side}
        if own not in other_side:
            raise NotAllowed("Relation : seule l'autre structure peut la confirmer.")
    relation.confirmed_at = utcnow()
    relation.confirmed_by_id = participant_id


def remove(session: Session, *, relation_id: int) -> None:
    """The team deletes a relation (a mistake, a duplicate)."""
    relation = session.get(ActorRelation, relation_id)
    if relation is not None:
        session.delete(relation)


def to_confirm(session: Session, *, participant_id: int) -> list[tuple[int, str]]:
    """(relation id, French sentence) of the relations this participant's structure may confirm:
    declared by someone else, about their structure, not yet confirmed."""
    participant = session.get(Participant, participant_id)
    if participant is None or participant.structure_id is None:
        return []
    own = participant.structure_id
    rows = session.scalars(
        select(ActorRelation).where(
            ActorRelation.confirmed_at.is_(None),
            or_(ActorRelation.source_id == own, ActorRelation.target_id == own),
        )
    ).all()
    out = []
    for r in rows:
        declarer = session.get(Participant, r.participant_id or -1)
        if declarer is not None and declarer.structure_id == own:
            continue  # declared from this side: the other side confirms
        source, target = session.get(Structure, r.source_id), session.get(Structure, r.target_id)
        if source is None or target is None:
            continue
        out.append((r.id, f"{KIND_LABELS[r.kind]} : {source.name} — {target.name}"))
    return out
