"""Candidate priorities: typed by the facilitator, or made from a theme or a post-it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Contribution, Priority, Question, Theme, Vote

MAX_TITLE_LENGTH = 300


def _check_no_open_vote(session: Session, workshop_id: int) -> None:
    stmt = select(Vote.id).where(Vote.workshop_id == workshop_id, Vote.status == "open")
    if session.scalar(stmt.limit(1)) is not None:
        raise UserError("Un vote est ouvert : clôturez-le avant de changer les priorités.")


def _clean_title(title: str) -> str:
    cleaned = " ".join((title or "").split())
    if not cleaned:
        raise UserError("Intitulé de la priorité : obligatoire.")
    if len(cleaned) > MAX_TITLE_LENGTH:
        raise UserError(f"Intitulé de la priorité : {MAX_TITLE_LENGTH} caractères au plus.")
    return cleaned


def candidates(session: Session, *, workshop_id: int) -> list[Priority]:
    """The visible priorities of the workshop, in creation order."""
    stmt = (
        select(Priority)
        .where(Priority.workshop_id == workshop_id, Priority.hidden.is_(False))
        .order_by(Priority.id)
    )
    return list(session.scalars(stmt))


def add_priority(
    session: Session, *, workshop_id: int, title: str, description: str = ""
) -> Priority:
    """A priority typed by the facilitator."""
    _check_no_open_vote(session, workshop_id)
    priority = Priority(
        workshop_id=workshop_id, title=_clean_title(title), description=description.strip()
    )
    session.add(priority)
    session.flush()
    return priority


def _existing(session: Session, workshop_id: int, **link: int) -> Priority | None:
    stmt = select(Priority).where(Priority.workshop_id == workshop_id, Priority.hidden.is_(False))
    for column, value in link.items():
        stmt = stmt.where(getattr(Priority, column) == value)
    return session.scalars(stmt).first()


def priority_from_theme(session: Session, *, theme_id: int) -> Priority:
    """A priority named after a theme (the same theme twice gives the same priority)."""
    theme = session.get(Theme, theme_id)
    if theme is None:
        raise UserError("Thème introuvable.")
    question = session.get(Question, theme.question_id)
    assert question is not None
    existing = _existing(session, question.workshop_id, theme_id=theme.id)
    if existing is not None:
        return existing
    _check_no_open_vote(session, question.workshop_id)
    priority = Priority(
        workshop_id=question.workshop_id, title=_clean_title(theme.name), theme_id=theme.id
    )
    session.add(priority)
    session.flush()
    return priority


def priority_from_contribution(session: Session, *, contribution_id: int) -> Priority:
    """A priority worded like a post-it (the same post-it twice gives the same priority)."""
    contribution = session.get(Contribution, contribution_id)
    if contribution is None or contribution.hidden:
        raise UserError("Post-it introuvable.")
    existing = _existing(session, contribution.workshop_id, contribution_id=contribution.id)
    if existing is not None:
        return existing
    _check_no_open_vote(session, contribution.workshop_id)
    priority = Priority(
        workshop_id=contribution.workshop_id,
        title=_clean_title(contribution.text[:MAX_TITLE_LENGTH]),
        contribution_id=contribution.id,
    )
    session.add(priority)
    session.flush()
    return priority


def rename_priority(session: Session, *, priority_id: int, title: str) -> Priority:
    priority = session.get(Priority, priority_id)
    if priority is None:
        raise UserError("Priorité introuvable.")
    _check_no_open_vote(session, priority.workshop_id)
    priority.title = _clean_title(title)
    session.flush()
    return priority


def remove_priority(session: Session, *, priority_id: int) -> None:
    """Take a priority off the list (kept hidden: past votes still name it)."""
    priority = session.get(Priority, priority_id)
    if priority is None:
        raise UserError("Priorité introuvable.")
    _check_no_open_vote(session, priority.workshop_id)
    priority.hidden = True
    session.flush()
