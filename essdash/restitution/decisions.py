"""Slides of the decisions: the priorities with each vote's result, and the action plan."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.exports.scope import Scope
from essdash.exports.sheets_plan import score_label, votes_of
from essdash.formatting import fmt_date
from essdash.models import Action, Priority
from essdash.restitution.slides import ActionRow, PlanSlide, PrioritiesSlide, PriorityRow
from essdash.workshop.activities.voting.service import ballot_count, vote_results

MAX_PRIORITIES = 10


def priorities_slides(session: Session, scope: Scope) -> list[PrioritiesSlide]:
    """One slide per vote that was opened (a draft vote has nothing to show)."""
    slides = []
    for vote in votes_of(session, scope):
        if vote.status == "draft":
            continue
        results = vote_results(session, vote=vote)[:MAX_PRIORITIES]
        rows = tuple(
            PriorityRow(
                rank=r.rank,
                title=r.title,
                result=score_label(vote.method, r),
                score=float(r.score),
                profile=tuple(r.profile),
            )
            for r in results
        )
        state = "résultat final" if vote.status == "closed" else "résultat provisoire"
        slides.append(
            PrioritiesSlide(
                title=f"Les priorités — {vote.title} ({state})",
                method=labels.VOTE_METHODS.get(vote.method, vote.method),
                method_key=vote.method,
                ballots=ballot_count(session, vote_id=vote.id),
                rows=rows,
            )
        )
    return slides


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
