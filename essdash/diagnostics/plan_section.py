"""The action plan as a diagnostic-level section: its workbook sheet and its restitution slide."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.diagnostics import plan_seed
from essdash.formatting import fmt_date
from essdash.models import Action, Priority
from essdash.readmodel.contract import Section, Sheet
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import ActionRow, PlanSlide, Slide

ACTION_COLUMNS = [
    "Action",
    "Description",
    "Priorité liée",
    "Porteur",
    "Partenaires",
    "Échéance",
    "Statut",
    "Avancement (%)",
    "Mise à jour",
]


def action_plan(session: Session, scope: Scope) -> pd.DataFrame:
    rows = session.execute(
        select(Action, Priority.title)
        .outerjoin(Priority, Priority.id == Action.priority_id)
        .where(Action.diagnostic_id == scope.diagnostic.id)
        .order_by(Action.deadline.is_(None), Action.deadline, Action.id)
    ).all()
    data = [
        [
            a.title,
            a.description,
            priority or "",
            a.owner or "",
            a.partners or "",
            a.deadline,
            labels.ACTION_STATUSES.get(a.status, a.status),
            a.progress,
            a.updated_at,
        ]
        for a, priority in rows
    ]
    return pd.DataFrame(data, columns=ACTION_COLUMNS)


def plan_slide(session: Session, scope: Scope) -> PlanSlide | None:
    """The action plan, by deadline; None when the diagnostic has no action yet."""
    rows = session.execute(
        select(Action, Priority.title)
        .outerjoin(Priority, Priority.id == Action.priority_id)
        .where(Action.diagnostic_id == scope.diagnostic.id, Action.status != "abandonne")
        .order_by(Action.deadline.is_(None), Action.deadline, Action.id)
    ).all()
    if not rows:
        return None
    actions = tuple(
        ActionRow(
            title=a.title,
            owner=a.owner or "",
            partners=a.partners or "",
            deadline=fmt_date(a.deadline) if a.deadline else "",
            status=labels.ACTION_STATUSES.get(a.status, a.status),
            status_key=a.status,
            progress=max(0, min(100, a.progress)),
            priority=priority or "",
        )
        for a, priority in rows
    )
    return PlanSlide(title="Le plan d'action", rows=actions)


def plan_slides(session: Session, scope: Scope) -> Sequence[Slide]:
    """The plan slide, or nothing when the diagnostic has no action yet."""
    slide = plan_slide(session, scope)
    return [] if slide is None else [slide]


SECTION = Section(
    key="plan",
    title="Plan d'action",
    sheets=(Sheet("Plan d'action", action_plan),),
    slides=plan_slides,
    seed=plan_seed.seed,
)
