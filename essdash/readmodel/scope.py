"""What an export covers: one workshop, or every workshop of a diagnostic."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Diagnostic, Participant, Workshop
from essdash.models.personal import ERASED_NAME as ERASED_NAME


@dataclass(frozen=True)
class Scope:
    """The diagnostic and the workshops an export reads (ids and titles only)."""

    diagnostic: Diagnostic
    workshops: tuple[Workshop, ...]

    @property
    def workshop_ids(self) -> list[int]:
        return [w.id for w in self.workshops]

    def title_of(self, workshop_id: int) -> str:
        return next((w.title for w in self.workshops if w.id == workshop_id), "")

    @property
    def file_stem(self) -> str:
        if len(self.workshops) == 1:
            return f"atelier-{self.workshops[0].join_code.lower()}"
        return f"diagnostic-{self.diagnostic.id}"


def workshop_scope(session: Session, *, code: str) -> Scope:
    """One workshop, found by its join code (case-insensitive)."""
    cleaned = code.strip().upper()  # join codes are case-insensitive, spaces ignored
    workshop = (
        session.scalars(select(Workshop).where(Workshop.join_code == cleaned)).first()
        if cleaned
        else None
    )
    if workshop is None:
        raise UserError(f"Atelier : aucun atelier n'a le code « {code} ».")
    diagnostic = session.get(Diagnostic, workshop.diagnostic_id)
    assert diagnostic is not None  # foreign key
    return Scope(diagnostic=diagnostic, workshops=(workshop,))


def workshop_scope_by_id(session: Session, *, workshop_id: int) -> Scope:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise UserError(f"Atelier : l'atelier n° {workshop_id} n'existe pas.")
    return workshop_scope(session, code=workshop.join_code)


def diagnostic_scope(session: Session, *, diagnostic_id: int) -> Scope:
    """Every workshop of a diagnostic, in the order they were planned."""
    diagnostic = session.get(Diagnostic, diagnostic_id)
    if diagnostic is None:
        raise UserError(f"Diagnostic : le diagnostic n° {diagnostic_id} n'existe pas.")
    workshops = session.scalars(
        select(Workshop)
        .where(Workshop.diagnostic_id == diagnostic_id)
        .order_by(Workshop.scheduled_at, Workshop.id)
    ).all()
    return Scope(diagnostic=diagnostic, workshops=tuple(workshops))


def public_name(participant: Participant | None) -> str:
    """A participant's name, or the anonymous label once they asked to be erased."""
    if participant is None:
        return ""
    return ERASED_NAME if participant.erased_at is not None else participant.name
