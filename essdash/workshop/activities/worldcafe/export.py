"""The world café in the workbook: the visible post-its ("Contributions") and every version of
each rapporteur's synthesis ("Synthèses").

Post-its are attributed by type of actor, not by name; dates stay datetimes (to_xlsx writes
them as real dates in Paris time).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.models import Contribution, Participant, Question, Synthesis, Theme
from essdash.readmodel.scope import Scope, public_name

CONTRIBUTION_COLUMNS = [
    "Atelier",
    "N° question",
    "Question",
    "Texte",
    "Thème",
    "Info recherchée",
    "Table",
    "Manche",
    "Type d'acteur de l'auteur·e",
    "Date",
    "État de modération",
    "Saisie par l'animation",
]


def contributions(session: Session, scope: Scope) -> pd.DataFrame:
    """Visible post-its, by question then time; hidden (moderated) ones never leave the app."""
    rows = session.execute(
        select(Contribution, Question, Participant.actor_type, Theme.name)
        .join(Question, Question.id == Contribution.question_id)
        .join(Participant, Participant.id == Contribution.participant_id)
        .outerjoin(Theme, Theme.id == Contribution.theme_id)
        .where(Contribution.workshop_id.in_(scope.workshop_ids), Contribution.hidden.is_(False))
        .order_by(Contribution.workshop_id, Question.position, Contribution.created_at)
    ).all()
    data = [
        [
            scope.title_of(c.workshop_id),
            q.position,
            q.text,
            c.text,
            theme or "",
            labels.INFO_TAGS.get(c.tag or "", c.tag or ""),
            c.table_no,
            c.round_no,
            labels.ACTOR_TYPES.get(actor_type, actor_type),
            c.created_at,
            "Publiée, classée dans un thème" if theme else "Publiée, non classée",
            "Oui" if c.on_behalf else "",
        ]
        for c, q, actor_type, theme in rows
    ]
    return pd.DataFrame(data, columns=CONTRIBUTION_COLUMNS)


def syntheses(session: Session, scope: Scope) -> pd.DataFrame:
    """Every version of each rapporteur's synthesis; the last one per table is marked."""
    rows = session.execute(
        select(Synthesis, Question, Participant)
        .join(Question, Question.id == Synthesis.question_id)
        .outerjoin(Participant, Participant.id == Synthesis.participant_id)
        .where(Question.workshop_id.in_(scope.workshop_ids))
        .order_by(Question.workshop_id, Question.position, Synthesis.table_no, Synthesis.id)
    ).all()
    latest: dict[tuple[int, int | None], int] = {}
    for s, _q, _p in rows:
        latest[(s.question_id, s.table_no)] = s.id
    data = [
        [
            scope.title_of(q.workshop_id),
            q.position,
            q.text,
            s.table_no,
            public_name(p) if p is not None else s.author_name,
            s.created_at,
            "Oui" if latest[(s.question_id, s.table_no)] == s.id else "Non",
            s.text,
        ]
        for s, q, p in rows
    ]
    columns = ["Atelier", "N° question", "Question", "Table", "Rapporteur·e", "Date"]
    return pd.DataFrame(data, columns=[*columns, "Dernière version", "Synthèse"])
