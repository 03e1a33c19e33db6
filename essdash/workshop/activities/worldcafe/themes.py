"""Themes: the facilitator groups the post-its of a question (create, rename, assign, merge)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Contribution, Question, Theme

MAX_THEME_LENGTH = 120


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise UserError("Nom du thème : obligatoire.")
    if len(cleaned) > MAX_THEME_LENGTH:
        raise UserError(f"Nom du thème : {MAX_THEME_LENGTH} caractères au plus.")
    return cleaned


def _theme(session: Session, theme_id: int) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None:
        raise UserError("Thème introuvable.")
    return theme


def create_theme(session: Session, *, question_id: int, name: str) -> Theme:
    if session.get(Question, question_id) is None:
        raise UserError("Question introuvable.")
    theme = Theme(question_id=question_id, name=_clean_name(name))
    session.add(theme)
    session.flush()
    return theme


def rename_theme(session: Session, *, theme_id: int, name: str) -> Theme:
    theme = _theme(session, theme_id)
    theme.name = _clean_name(name)
    session.flush()
    return theme


def assign_theme(session: Session, *, contribution_id: int, theme_id: int | None) -> Contribution:
    """Put a post-it in a theme of its own question (None takes it out of any theme)."""
    contribution = session.get(Contribution, contribution_id)
    if contribution is None:
        raise UserError("Post-it introuvable.")
    if theme_id is not None and _theme(session, theme_id).question_id != contribution.question_id:
        raise UserError("Thème : il doit appartenir à la question du post-it.")
    contribution.theme_id = theme_id
    session.flush()
    return contribution


def merge_themes(session: Session, *, source_id: int, target_id: int) -> Theme:
    """Move every post-it of `source` into `target`, then delete `source` (duplicates)."""
    if source_id == target_id:
        raise UserError("Fusion : choisissez deux thèmes différents.")
    source, target = _theme(session, source_id), _theme(session, target_id)
    if source.question_id != target.question_id:
        raise UserError("Fusion : les deux thèmes doivent porter sur la même question.")
    session.execute(
        update(Contribution).where(Contribution.theme_id == source.id).values(theme_id=target.id)
    )
    session.delete(source)
    session.flush()
    return target


def themes_of(session: Session, *, question_id: int) -> list[Theme]:
    stmt = select(Theme).where(Theme.question_id == question_id).order_by(Theme.name, Theme.id)
    return list(session.scalars(stmt))


def theme_counts(session: Session, *, question_id: int) -> list[tuple[int, str, int]]:
    """(theme id, name, visible post-its) for each theme of the question, biggest first."""
    visible = Contribution.hidden.is_(False)
    stmt = (
        select(Theme.id, Theme.name, func.count(Contribution.id))
        .outerjoin(Contribution, (Contribution.theme_id == Theme.id) & visible)
        .where(Theme.question_id == question_id)
        .group_by(Theme.id, Theme.name)
        .order_by(func.count(Contribution.id).desc(), Theme.name)
    )
    return [(int(i), str(n), int(c)) for i, n, c in session.execute(stmt)]
