"""The vote in the restitution: one slide per opened vote, its priorities and their result."""

from __future__ import annotations

from sqlalchemy.orm import Session

from essdash import labels
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import PrioritiesSlide, PriorityRow
from essdash.workshop.activities.voting.export import score_label, votes_of
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
