"""Demo priorities and a closed majority-judgment vote with the sample participants' ballots."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Question, Theme
from essdash.models.base import utcnow
from essdash.readmodel.contract import SeedContext
from essdash.workshop.activities.voting import priorities, service

FROM_THEMES = ("Mobilité et isolement", "Réemploi et circuits courts", "Lieux et moyens partagés")
TYPED = "Accompagner le renouvellement des bénévoles associatifs"

# One ballot per sample participant: a grade index (0 = À rejeter ... 6 = Excellent) per priority.
GRADES: tuple[tuple[int, int, int, int], ...] = (
    (5, 4, 3, 2),
    (4, 6, 3, 3),
    (6, 3, 4, 2),
    (3, 4, 5, 4),
    (4, 2, 3, 5),
    (5, 4, 2, 3),
)


def seed(session: Session, ctx: SeedContext) -> None:
    workshop_id = ctx.workshop.id
    stmt = (
        select(Theme)
        .join(Question, Question.id == Theme.question_id)
        .where(Question.workshop_id == workshop_id, Theme.name.in_(FROM_THEMES))
        .order_by(Theme.id)
    )
    items = [priorities.priority_from_theme(session, theme_id=t.id) for t in session.scalars(stmt)]
    items.append(priorities.add_priority(session, workshop_id=workshop_id, title=TYPED))
    now = utcnow()
    vote = service.create_vote(
        session, workshop_id=workshop_id, method="majority", title="Enjeux prioritaires (démo)"
    )
    service.open_vote(session, vote_id=vote.id, now=now - timedelta(minutes=5))
    for participant, grades in zip(ctx.participants, GRADES, strict=False):
        service.cast_ballot(
            session,
            vote_id=vote.id,
            participant_id=participant.id,
            entries={p.id: g for p, g in zip(items, grades, strict=True)},
            now=now - timedelta(minutes=3),
        )
    service.close_vote(session, vote_id=vote.id, now=now)
    service.set_results_visible(session, vote_id=vote.id, visible=True)
