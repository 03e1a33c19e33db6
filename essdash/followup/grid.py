"""The interview grid ("infos recherchées", seed 002), editable per diagnostic.

Top-level keys are the tags post-its already carry (`labels.INFO_TAGS`): interviews and
post-its count in the same synthesis.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import GridItem, Interview, InterviewAnswer

MAX_LABEL = 200


@dataclass(frozen=True)
class GridEntry:
    key: str
    label: str
    parent_key: str | None = None


DEFAULT_GRID: tuple[GridEntry, ...] = (
    GridEntry("enjeux", "Enjeux du territoire"),
    GridEntry("offre", "Offre de biens et services"),
    GridEntry("innovation", "Stratégies d'innovation sociale"),
    GridEntry("innovation.besoins", "Réponses à des besoins sociaux", "innovation"),
    GridEntry("innovation.participation", "Processus participatifs", "innovation"),
    GridEntry("innovation.territoire", "Lien au territoire", "innovation"),
    GridEntry("innovation.modeles", "Modèles économiques", "innovation"),
    GridEntry("innovation.valeur", "Appropriation collective de la valeur", "innovation"),
    GridEntry("partenariats", "Relations partenariales"),
    GridEntry("partenariats.concurrence", "Concurrence avec l'économie classique", "partenariats"),
    GridEntry("partenariats.developpement", "Partenariats de développement", "partenariats"),
    GridEntry("accompagnement", "Besoins d'accompagnement"),
    GridEntry("opportunites", "Opportunités de développement d'activités et de services"),
)


def grid_of(session: Session, diagnostic_id: int) -> tuple[GridEntry, ...]:
    """The diagnostic's grid, in order; the seed-002 grid until it is edited."""
    rows = session.scalars(
        select(GridItem)
        .where(GridItem.diagnostic_id == diagnostic_id)
        .order_by(GridItem.position, GridItem.id)
    ).all()
    if not rows:
        return DEFAULT_GRID
    return tuple(GridEntry(r.key, r.label, r.parent_key) for r in rows)


def top_key(key: str) -> str:
    """The top-level item of a key ("innovation.besoins" -> "innovation")."""
    return key.split(".", 1)[0]


def new_key(label: str, parent_key: str | None, taken: set[str]) -> str:
    """A stable key for a new item, from its label (ASCII, unique in the grid)."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "_", ascii_label.lower()).strip("_")[:30] or "item"
    base = f"{parent_key}.{stem}" if parent_key else stem
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def save_grid(
    session: Session, *, diagnostic_id: int, entries: list[tuple[str | None, str, str | None]]
) -> tuple[GridEntry, ...]:
    """Replace the grid by (key or None for a new line, label, parent key) lines, in order.

    An item that interviews answered cannot be removed (its answers would be lost)."""
    taken: set[str] = set()
    cleaned: list[GridEntry] = []
    for line, (key, label, parent) in enumerate(entries, start=1):
        text = " ".join(label.split())
        if not text:
            raise UserError(f"Grille d'entretien, ligne {line} : l'intitulé est vide.")
        if len(text) > MAX_LABEL:
            raise UserError(f"Grille d'entretien, ligne {line} : {MAX_LABEL} caractères au plus.")
        if parent is not None and parent not in {e.key for e in cleaned if e.parent_key is None}:
            raise UserError(f"Grille d'entretien, ligne {line} : rubrique parente inconnue.")
        final = key or new_key(text, parent, taken)
        if final in taken:
            raise UserError(f"Grille d'entretien, ligne {line} : rubrique en double.")
        taken.add(final)
        cleaned.append(GridEntry(final, text, parent))
    _refuse_answered_removals(session, diagnostic_id, taken)
    session.execute(delete(GridItem).where(GridItem.diagnostic_id == diagnostic_id))
    session.flush()
    for position, entry in enumerate(cleaned):
        session.add(
            GridItem(
                diagnostic_id=diagnostic_id,
                key=entry.key,
                label=entry.label,
                parent_key=entry.parent_key,
                position=position,
            )
        )
    session.flush()
    return tuple(cleaned)


def _refuse_answered_removals(session: Session, diagnostic_id: int, kept: set[str]) -> None:
    answered = set(
        session.scalars(
            select(InterviewAnswer.item_key)
            .join(Interview, Interview.id == InterviewAnswer.interview_id)
            .where(Interview.diagnostic_id == diagnostic_id)
        )
    )
    lost = sorted(answered - kept)
    if lost:
        raise UserError(
            "Grille d'entretien : des entretiens ont répondu à la rubrique "
            f"« {lost[0]} » : gardez-la (renommez-la si besoin)."
        )
