"""The votes in the workbook: secret ballots ("Bulletins de vote") and each vote's ranking
("Résultats du vote"); a draft vote's results are empty, a closed vote shows its final count."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.models import Ballot, BallotEntry, Participant, Priority, Vote
from essdash.readmodel.scope import Scope
from essdash.workshop.activities.voting.results import ItemResult
from essdash.workshop.activities.voting.service import vote_results


def votes_of(session: Session, scope: Scope) -> list[Vote]:
    return list(
        session.scalars(
            select(Vote)
            .where(Vote.workshop_id.in_(scope.workshop_ids))
            .order_by(Vote.workshop_id, Vote.id)
        )
    )


def value_label(method: str, value: int) -> str:
    """What a ballot entry means: points, a rank, or a grade of majority judgment."""
    if method == "majority":
        return labels.MAJORITY_GRADES[value] if 0 <= value < len(labels.MAJORITY_GRADES) else ""
    if method == "ranking":
        return f"{value}ᵉ" if value > 1 else "1ᵉʳ"
    return f"{value} point{'s' if value > 1 else ''}"


def score_label(method: str, item: ItemResult) -> str:
    if method == "majority":
        grade = item.majority_grade
        return labels.MAJORITY_GRADES[grade] if grade is not None else "–"
    if method == "ranking":
        return f"{item.score} (Borda)"
    return f"{item.score} point{'s' if item.score > 1 else ''}"


def ballots(session: Session, scope: Scope) -> pd.DataFrame:
    """Secret ballots: a number per ballot and the voter's type of actor, never a name."""
    rows = session.execute(
        select(Vote, Ballot, BallotEntry, Priority.title, Participant.actor_type)
        .join(Ballot, Ballot.vote_id == Vote.id)
        .join(BallotEntry, BallotEntry.ballot_id == Ballot.id)
        .join(Priority, Priority.id == BallotEntry.priority_id)
        .join(Participant, Participant.id == Ballot.participant_id)
        .where(Vote.workshop_id.in_(scope.workshop_ids), Priority.hidden.is_(False))
        .order_by(Vote.id, Ballot.id, BallotEntry.priority_id)
    ).all()
    numbers: dict[int, dict[int, int]] = {}  # vote -> ballot -> number within the vote
    data = []
    for vote, ballot, entry, title, actor_type in rows:
        in_vote = numbers.setdefault(vote.id, {})
        number = in_vote.setdefault(ballot.id, len(in_vote) + 1)
        data.append(
            [
                scope.title_of(vote.workshop_id),
                vote.title,
                labels.VOTE_METHODS.get(vote.method),
                number,
                labels.ACTOR_TYPES.get(actor_type, actor_type),
                title,
                entry.value,
                value_label(vote.method, entry.value),
                ballot.updated_at,
            ]
        )
    columns = ["Atelier", "Vote", "Méthode", "Bulletin n°", "Type d'acteur du votant"]
    return pd.DataFrame(data, columns=[*columns, "Priorité", "Valeur", "Signification", "Date"])


def results(session: Session, scope: Scope) -> pd.DataFrame:
    """Ranking of the priorities in each vote (majority judgment: grade and merit profile)."""
    grade_columns = [f"Nb « {g} »" for g in labels.MAJORITY_GRADES]
    data = []
    for vote in votes_of(session, scope):
        for item in vote_results(session, vote=vote):
            profile = list(item.profile) if item.profile else [None] * len(grade_columns)
            data.append(
                [
                    scope.title_of(vote.workshop_id),
                    vote.title,
                    labels.VOTE_METHODS.get(vote.method),
                    labels.VOTE_STATUSES.get(vote.status, vote.status),
                    item.rank,
                    item.title,
                    item.score,
                    score_label(vote.method, item),
                    *profile,
                ]
            )
    columns = ["Atelier", "Vote", "Méthode", "État du vote", "Rang", "Priorité", "Score"]
    return pd.DataFrame(data, columns=[*columns, "Résultat", *grade_columns])
