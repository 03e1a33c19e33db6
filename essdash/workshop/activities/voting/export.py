"""One Excel sheet of the votes: each closed vote's final ranking, open votes' live count."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from essdash import labels
from essdash.workshop.activities.voting import service

COLUMNS = ("Vote", "Méthode", "Statut", "Rang", "Priorité", "Score", "Mention majoritaire")


def _grade(value: object) -> str:
    return labels.MAJORITY_GRADES[value] if isinstance(value, int) else ""


def to_frame(session: Session, workshop_id: int) -> pd.DataFrame:
    """One row per (vote, priority); a closed vote shows the ranking stored at its close."""
    rows = []
    for vote in service.votes_of(session, workshop_id=workshop_id):
        if vote.status == "draft":
            continue
        ranking = service.final_ranking(vote) or [
            r.as_dict() for r in service.vote_results(session, vote=vote)
        ]
        for item in ranking:
            majority = vote.method == "majority"
            rows.append(
                (
                    vote.title,
                    labels.VOTE_METHODS.get(vote.method, vote.method),
                    "Clos" if vote.status == "closed" else "En cours",
                    item["rank"],
                    item["title"],
                    "" if majority else item["score"],
                    _grade(item.get("majority_grade")) if majority else "",
                )
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))
