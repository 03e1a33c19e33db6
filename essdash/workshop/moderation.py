"""Moderation: hide and restore post-its and map features. Hidden items leave every view and
export (each reader filters `hidden`) but stay in the database, so a mistake is one click away."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Contribution, MapFeature, Participant

KINDS = ("contribution", "feature")


@dataclass(frozen=True)
class HiddenItem:
    kind: str  # "contribution" | "feature"
    id: int
    text: str
    author: str


def _item(
    session: Session, *, workshop_id: int, kind: str, item_id: int
) -> Contribution | MapFeature:
    item: Contribution | MapFeature | None
    if kind == "contribution":
        item = session.get(Contribution, item_id)
    elif kind == "feature":
        item = session.get(MapFeature, item_id)
    else:
        raise UserError("Modération : type d'élément inconnu.")
    if item is None or item.workshop_id != workshop_id:
        raise UserError("Modération : élément introuvable dans cet atelier.")
    return item


def set_hidden(
    session: Session, *, workshop_id: int, kind: str, item_id: int, hidden: bool
) -> None:
    """Hide (hidden=True) or restore (False) a post-it or a map feature of the workshop."""
    item = _item(session, workshop_id=workshop_id, kind=kind, item_id=item_id)
    item.hidden = hidden
    session.flush()


def hide(session: Session, *, workshop_id: int, kind: str, item_id: int) -> None:
    set_hidden(session, workshop_id=workshop_id, kind=kind, item_id=item_id, hidden=True)


def restore(session: Session, *, workshop_id: int, kind: str, item_id: int) -> None:
    set_hidden(session, workshop_id=workshop_id, kind=kind, item_id=item_id, hidden=False)


def hidden_items(session: Session, *, workshop_id: int) -> list[HiddenItem]:
    """Everything hidden in the workshop, for the "Masqués" list where it can be restored."""
    items = [
        HiddenItem("contribution", c.id, c.text, name)
        for c, name in session.execute(
            select(Contribution, Participant.name)
            .join(Participant, Participant.id == Contribution.participant_id)
            .where(Contribution.workshop_id == workshop_id, Contribution.hidden.is_(True))
            .order_by(Contribution.id)
        )
    ]
    items += [
        HiddenItem("feature", f.id, f.label, name)
        for f, name in session.execute(
            select(MapFeature, Participant.name)
            .join(Participant, Participant.id == MapFeature.participant_id)
            .where(MapFeature.workshop_id == workshop_id, MapFeature.hidden.is_(True))
            .order_by(MapFeature.id)
        )
    ]
    return items


def visible_contributions(session: Session, *, workshop_id: int) -> list[tuple[Contribution, str]]:
    """Post-its (with their author's name) that moderation may hide, newest first."""
    return [
        (c, name)
        for c, name in session.execute(
            select(Contribution, Participant.name)
            .join(Participant, Participant.id == Contribution.participant_id)
            .where(Contribution.workshop_id == workshop_id, Contribution.hidden.is_(False))
            .order_by(Contribution.id.desc())
        )
    ]
