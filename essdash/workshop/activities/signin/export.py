"""The attendance list (feuille d'émargement): one row per person present, duplicates merged."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import formatting, labels
from essdash.models import Participant

COLUMNS = (
    "Nom",
    "Structure",
    "Type d'acteur",
    "Famille de l'ESS",
    "E-mail",
    "Téléphone",
    "Arrivée",
    "Mode",
    "Saisi par l'animation",
)


def active_participants(session: Session, workshop_id: int) -> list[Participant]:
    """Signed-in people, without merged duplicates and erased persons, in order of arrival."""
    return list(
        session.scalars(
            select(Participant)
            .where(
                Participant.workshop_id == workshop_id,
                Participant.merged_into_id.is_(None),
                Participant.erased_at.is_(None),
            )
            .order_by(Participant.created_at, Participant.id)
        )
    )


def to_frame(session: Session, workshop_id: int) -> pd.DataFrame:
    """Émargement sheet; contact details appear only when the person consented."""
    rows = [
        (
            p.name,
            p.structure_name,
            labels.ACTOR_TYPES.get(p.actor_type, p.actor_type),
            labels.ESS_FAMILIES.get(p.ess_family or "", ""),
            (p.email or "") if p.consent_contact else "",
            (p.phone or "") if p.consent_contact else "",
            formatting.fmt_datetime(p.created_at),
            "À distance" if p.is_remote else "Sur place",
            "Oui" if p.entered_by_facilitator else "",
        )
        for p in active_participants(session, workshop_id)
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))
