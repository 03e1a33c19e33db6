"""Diagnostics and their action plan: plain functions taking a Session, never committing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.diagnostics import creation
from essdash.errors import UserError
from essdash.models import Action, ActionUpdate, Diagnostic, Priority, Workshop
from essdash.models.diagnostic import ACTION_STATUSES, PHASES

MAX_TITLE = 300


def diagnostics(session: Session) -> list[Diagnostic]:
    return list(session.scalars(select(Diagnostic).order_by(Diagnostic.name, Diagnostic.id)))


def _diagnostic(session: Session, diagnostic_id: int) -> Diagnostic:
    found = session.get(Diagnostic, diagnostic_id)
    if found is None:
        raise UserError(f"Diagnostic : le diagnostic n° {diagnostic_id} n'existe pas.")
    return found


def set_phase(session: Session, *, diagnostic_id: int, phase: str) -> Diagnostic:
    if phase not in PHASES:
        raise UserError(f"Phase : « {phase} » inconnue (attendu : {', '.join(PHASES)}).")
    diagnostic = _diagnostic(session, diagnostic_id)
    diagnostic.phase = phase
    session.flush()
    return diagnostic


def set_references(session: Session, *, diagnostic_id: int, keys: list[str]) -> Diagnostic:
    """Reference territories as 'kind:code' keys (e.g. departement:44, region:52, france)."""
    cleaned = []
    for key in keys:
        kind, _, code = key.strip().partition(":")
        if not kind or (kind != "france" and not code):
            raise UserError(
                f"Territoires de référence : « {key} » n'est pas de la forme type:code."
            )
        cleaned.append(f"{kind}:{code}" if code else kind)
    diagnostic = _diagnostic(session, diagnostic_id)
    diagnostic.reference_territories = ",".join(cleaned) or None
    session.flush()
    return diagnostic


def set_issuer(session: Session, *, diagnostic_id: int, issuer: str) -> Diagnostic:
    """The organisation named on the cover of the restitution document (empty: none)."""
    diagnostic = _diagnostic(session, diagnostic_id)
    diagnostic.issuer = creation.clean_issuer(issuer) or None
    session.flush()
    return diagnostic


def new_restitution_code(session: Session, *, diagnostic_id: int) -> str:
    """A fresh secret code: the old restitution link stops working."""
    diagnostic = _diagnostic(session, diagnostic_id)
    diagnostic.restitution_code = creation.new_restitution_code()
    session.flush()
    return diagnostic.restitution_code


def priorities_of(session: Session, *, diagnostic_id: int) -> dict[int, str]:
    """Visible priorities of the diagnostic's workshops, to link an action to one."""
    rows = session.execute(
        select(Priority.id, Priority.title)
        .join(Workshop, Workshop.id == Priority.workshop_id)
        .where(Workshop.diagnostic_id == diagnostic_id, Priority.hidden.is_(False))
        .order_by(Priority.id)
    )
    return {pid: title for pid, title in rows}


@dataclass(frozen=True)
class ActionInput:
    """One line of the edited plan; `id` None for a new action."""

    title: str
    owner: str = ""
    partners: str = ""
    deadline: date | None = None
    status: str = "a_lancer"
    progress: int = 0
    priority_id: int | None = None
    id: int | None = None
    start_on: date | None = None


def _validate(line: int, row: ActionInput, priorities: dict[int, str]) -> None:
    where = f"Plan d'action, ligne {line}"
    if not row.title.strip():
        raise UserError(f"{where} : l'intitulé de l'action est vide.")
    if len(row.title) > MAX_TITLE:
        raise UserError(f"{where} : intitulé de {MAX_TITLE} caractères au plus.")
    if row.status not in ACTION_STATUSES:
        raise UserError(f"{where} : statut « {row.status} » inconnu.")
    if not 0 <= row.progress <= 100:
        raise UserError(f"{where} : l'avancement va de 0 à 100 %.")
    if row.start_on and row.deadline and row.deadline < row.start_on:
        raise UserError(f"{where} : l'échéance précède le début.")
    if row.priority_id is not None and row.priority_id not in priorities:
        raise UserError(f"{where} : priorité liée inconnue.")


def save_plan(session: Session, *, diagnostic_id: int, rows: list[ActionInput]) -> list[Action]:
    """Replace the plan by the edited table: update, add, and delete the lines removed."""
    # Lock the diagnostic row: two people saving the plan at once are applied one after the other.
    if session.get(Diagnostic, diagnostic_id, with_for_update=True) is None:
        raise UserError(f"Diagnostic : le diagnostic n° {diagnostic_id} n'existe pas.")
    priorities = priorities_of(session, diagnostic_id=diagnostic_id)
    for line, row in enumerate(rows, start=1):
        _validate(line, row, priorities)
    existing = {
        a.id: a
        for a in session.scalars(select(Action).where(Action.diagnostic_id == diagnostic_id))
    }
    kept: list[Action] = []
    changed: list[Action] = []
    for row in rows:
        action = existing.pop(row.id, None) if row.id is not None else None
        if action is None:
            action = Action(diagnostic_id=diagnostic_id, title=row.title.strip())
            session.add(action)
        before = (action.progress, action.status) if action.id else None
        action.title, action.owner, action.partners = row.title.strip(), row.owner, row.partners
        action.deadline, action.status, action.progress = row.deadline, row.status, row.progress
        action.priority_id, action.start_on = row.priority_id, row.start_on
        if row.status == "termine":
            action.progress = 100
        if before != (action.progress, action.status):
            changed.append(action)  # the progress history records the change, dated
        kept.append(action)
    for removed in existing.values():
        session.delete(removed)
    session.flush()
    for action in changed:
        session.add(
            ActionUpdate(action_id=action.id, progress=action.progress, status=action.status)
        )
    session.flush()
    return kept


def actions_of(session: Session, *, diagnostic_id: int) -> list[Action]:
    return list(
        session.scalars(
            select(Action)
            .where(Action.diagnostic_id == diagnostic_id)
            .order_by(Action.deadline.is_(None), Action.deadline, Action.id)
        )
    )
