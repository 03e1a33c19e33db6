"""One Excel sheet of the world café: the visible post-its with their question and theme.

Post-its are attributed by type of actor, not by name; dates stay datetimes.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from essdash import labels
from essdash.workshop.activities.worldcafe import board, syntheses
from essdash.workshop.activities.worldcafe.service import questions

COLUMNS = (
    "Question",
    "Texte",
    "Type d'acteur",
    "Table",
    "Manche",
    "Info recherchée",
    "Thème",
    "Saisi pour le compte de",
    "Date",
)


def to_frame(session: Session, workshop_id: int) -> pd.DataFrame:
    """Visible post-its (hidden ones are left out), in question order."""
    all_questions = questions(session, workshop_id=workshop_id)
    position = {q.id: q.position for q in all_questions}
    text = {q.id: q.text for q in all_questions}
    rows = [
        (
            f"{position.get(p.question_id, '?')}. {text.get(p.question_id, '')}",
            p.text,
            labels.ACTOR_TYPES.get(p.actor_type, p.actor_type),
            p.table_no,
            p.round_no,
            labels.INFO_TAGS.get(p.tag, "") if p.tag else "",
            p.theme_name or "",
            "oui" if p.on_behalf else "",
            p.created_at,
        )
        for p in sorted(
            board.post_its(session, workshop_id=workshop_id),
            key=lambda p: (position.get(p.question_id, 0), p.id),
        )
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def syntheses_frame(session: Session, workshop_id: int) -> pd.DataFrame:
    """Every version of every synthesis (history kept), for the restitution sheet."""
    rows = [
        (
            f"{v.question_position}. {v.question_text}",
            v.table_no,
            v.author_name,
            v.created_at,
            v.text,
        )
        for v in syntheses.history(session, workshop_id=workshop_id)
    ]
    return pd.DataFrame(rows, columns=["Question", "Table", "Rapporteur·e", "Date", "Synthèse"])
