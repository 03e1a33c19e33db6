"""The action plan's follow-up (phase 4): dated progress updates, the owner's personal link,
the overdue view and the history of progress over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.followup import links
from essdash.models import Action, ActionUpdate, Priority
from essdash.models.base import utcnow
from essdash.models.diagnostic import ACTION_STATUSES

PURPOSE = "action-owner"
MAX_NOTE = 2_000
OPEN = ("a_lancer", "en_cours")


def _action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise UserError(f"Plan d'action : l'action n° {action_id} n'existe pas.")
    return action


def post_update(
    session: Session,
    *,
    action_id: int,
    progress: int,
    status: str | None = None,
    note: str = "",
    by_owner: bool = False,
    request_id: str | None = None,
) -> ActionUpdate:
    """Record a dated progress report and carry it to the action (a double tap: one update)."""
    action = _action(session, action_id)
    status = status or ("termine" if progress >= 100 else "en_cours")
    if not 0 <= progress <= 100:
        raise UserError("Avancement : de 0 à 100 %.")
    if status not in ACTION_STATUSES:
        raise UserError(f"Avancement : statut « {status} » inconnu.")
    if len(note) > MAX_NOTE:
        raise UserError(f"Avancement, commentaire : {MAX_NOTE} caractères au plus.")
    if request_id is not None:
        found = session.scalar(
            select(ActionUpdate).where(
                ActionUpdate.action_id == action_id, ActionUpdate.client_request_id == request_id
            )
        )
        if found is not None:
            return found
    if status == "termine":
        progress = 100
    update = ActionUpdate(
        action_id=action_id,
        client_request_id=request_id,
        progress=progress,
        status=status,
        note=note.strip(),
        by_owner=by_owner,
        posted_at=utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(update)
    except IntegrityError:  # the same tap committed meanwhile by another process
        return _existing(session, action_id, request_id)
    action.progress, action.status = progress, status
    if status == "en_cours" and action.start_on is None:
        action.start_on = date.today()
    session.flush()
    return update


def _existing(session: Session, action_id: int, request_id: str | None) -> ActionUpdate:
    found = session.scalar(
        select(ActionUpdate).where(
            ActionUpdate.action_id == action_id, ActionUpdate.client_request_id == request_id
        )
    )
    assert found is not None
    return found


def owner_link_key(session: Session, *, action_id: int, renew: bool = False) -> str:
    """The key of the owner's progress link (created on first use; `renew` revokes the old)."""
    action = _action(session, action_id)
    if renew or not action.link_salt:
        action.link_salt = links.new_salt()
        session.flush()
    assert action.link_salt is not None
    return links.link_key(PURPOSE, action.id, action.link_salt)


def action_from_link(session: Session, raw_id: object, key: object) -> Action | None:
    """The action an owner's link opens, or None for a malformed, forged or revoked link."""
    parsed = links.parse_link(raw_id, key)
    if parsed is None:
        return None
    action = session.get(Action, parsed[0])
    if action is None or not links.check_key(PURPOSE, action.id, action.link_salt, parsed[1]):
        return None
    return action


@dataclass(frozen=True)
class ActionView:
    id: int
    title: str
    owner: str
    partners: str
    priority: str  # the voted priority it was born from ("" when none)
    start_on: date | None
    deadline: date | None
    status: str
    progress: int
    overdue: bool
    last_update: datetime | None


def is_overdue(action: Action, today: date) -> bool:
    return action.status in OPEN and action.deadline is not None and action.deadline < today


def plan_view(
    session: Session, *, diagnostic_id: int, today: date | None = None
) -> tuple[ActionView, ...]:
    """Every action, with its voted priority and whether it is overdue, by due date."""
    today = today or date.today()
    rows = session.execute(
        select(Action, Priority.title)
        .outerjoin(Priority, Priority.id == Action.priority_id)
        .where(Action.diagnostic_id == diagnostic_id)
        .order_by(Action.deadline.is_(None), Action.deadline, Action.id)
    ).all()
    last = _last_updates(session, diagnostic_id)
    return tuple(
        ActionView(
            a.id,
            a.title,
            a.owner or "",
            a.partners or "",
            title or "",
            a.start_on,
            a.deadline,
            a.status,
            a.progress,
            is_overdue(a, today),
            last.get(a.id),
        )
        for a, title in rows
    )


def _last_updates(session: Session, diagnostic_id: int) -> dict[int, datetime]:
    found: dict[int, datetime] = {}
    for action_id, posted in session.execute(
        select(ActionUpdate.action_id, ActionUpdate.posted_at)
        .join(Action, Action.id == ActionUpdate.action_id)
        .where(Action.diagnostic_id == diagnostic_id)
        .order_by(ActionUpdate.posted_at)
    ):
        found[action_id] = posted
    return found


@dataclass(frozen=True)
class UpdateView:
    action_id: int
    action_title: str
    posted_at: datetime
    progress: int
    status: str
    note: str
    by_owner: bool


def history(
    session: Session, *, diagnostic_id: int, action_id: int | None = None
) -> tuple[UpdateView, ...]:
    """Every dated update, oldest first (the progress chart and the workbook read it)."""
    query = (
        select(ActionUpdate, Action.title)
        .join(Action, Action.id == ActionUpdate.action_id)
        .where(Action.diagnostic_id == diagnostic_id)
        .order_by(ActionUpdate.posted_at, ActionUpdate.id)
    )
    if action_id is not None:
        query = query.where(Action.id == action_id)
    return tuple(
        UpdateView(u.action_id, title, u.posted_at, u.progress, u.status, u.note, u.by_owner)
        for u, title in session.execute(query)
    )


def current_owner_key(action_id: int, salt: str | None) -> str | None:
    """The key of the owner's link if one was given (a read: no salt is created here)."""
    return links.link_key(PURPOSE, action_id, salt) if salt else None


def owner_salts(session: Session, *, diagnostic_id: int) -> dict[int, str | None]:
    return {
        aid: salt
        for aid, salt in session.execute(
            select(Action.id, Action.link_salt).where(Action.diagnostic_id == diagnostic_id)
        )
    }
