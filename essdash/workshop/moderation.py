"""Moderation: hide and restore what participants wrote or drew. Hidden items leave every view
and export (each reader filters `hidden`) but stay in the database, so a mistake is one click
away. What can be hidden is declared by the activities (`Activity.moderation`, the registry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Contribution, Participant
from essdash.readmodel.contract import ModerationKind
from essdash.workshop.activities import registry

LIST_LIMIT = 200


@dataclass(frozen=True)
class HiddenItem:
    kind: str  # a registered moderation kind: "contribution", "feature"...
    id: int
    text: str
    author: str


def kinds() -> dict[str, ModerationKind]:
    """What moderation may hide, by kind code, in registry order."""
    return registry.moderation_kinds()


def _kind(kind: str) -> ModerationKind:
    found = kinds().get(kind)
    if found is None:
        raise UserError("Modération : type d'élément inconnu.")
    return found


def _item(session: Session, *, workshop_id: int, kind: str, item_id: int) -> Any:
    item = session.get(_kind(kind).model, item_id)
    if item is None or item.workshop_id != workshop_id:
        raise UserError("Modération : élément introuvable dans cet atelier.")
    return item


def set_hidden(
    session: Session, *, workshop_id: int, kind: str, item_id: int, hidden: bool
) -> None:
    """Hide (hidden=True) or restore (False) one item of the workshop."""
    item = _item(session, workshop_id=workshop_id, kind=kind, item_id=item_id)
    item.hidden = hidden
    session.flush()


def hide(session: Session, *, workshop_id: int, kind: str, item_id: int) -> None:
    set_hidden(session, workshop_id=workshop_id, kind=kind, item_id=item_id, hidden=True)


def restore(session: Session, *, workshop_id: int, kind: str, item_id: int) -> None:
    set_hidden(session, workshop_id=workshop_id, kind=kind, item_id=item_id, hidden=False)


def _rows(
    session: Session, spec: ModerationKind, workshop_id: int, *, hidden: bool, newest: bool
) -> list[tuple[Any, Participant]]:
    model = spec.model
    order = model.id.desc() if newest else model.id
    stmt = (
        select(model, Participant)
        .join(Participant, Participant.id == model.participant_id)
        .where(model.workshop_id == workshop_id, model.hidden.is_(hidden))
        .order_by(order)
    )
    return [(item, author) for item, author in session.execute(stmt)]


def hidden_items(session: Session, *, workshop_id: int) -> list[HiddenItem]:
    """Everything hidden in the workshop, for the "Masqués" list where it can be restored."""
    return [
        HiddenItem(spec.kind, item.id, spec.text(item), author.name)
        for spec in kinds().values()
        for item, author in _rows(session, spec, workshop_id, hidden=True, newest=False)
    ]


def visible_items(
    session: Session, *, workshop_id: int, kind: str, limit: int = LIST_LIMIT
) -> list[HiddenItem]:
    """The newest visible items of one kind, with the text and caption of its moderation tab."""
    spec = _kind(kind)
    rows = _rows(session, spec, workshop_id, hidden=False, newest=True)[:limit]
    items = []
    for item, author in rows:
        text, caption = (
            spec.listing(session, item, author) if spec.listing else (spec.text(item), author.name)
        )
        items.append(HiddenItem(spec.kind, item.id, text, caption))
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
