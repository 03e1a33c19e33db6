"""Sign-in's exports: the attendance list of the émargement page (one workshop, present people
only) and the workbook's "Émargement" and "Structures" sheets (a scope, erased people anonymised).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import formatting, labels
from essdash.models import Participant, Structure
from essdash.readmodel.scope import ERASED_NAME, Scope

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


ATTENDANCE_COLUMNS = [
    "Atelier",
    "Nom",
    "Structure",
    "Type d'acteur",
    "Famille de l'ESS",
    "Table",
    "Présence",
    "Arrivée",
    "Accord pour être recontacté·e",
    "E-mail",
    "Téléphone",
]


def attendance(session: Session, scope: Scope) -> pd.DataFrame:
    """One row per person signed in; contact details only with consent; erased people anonymised."""
    people = session.scalars(
        select(Participant)
        .where(
            Participant.workshop_id.in_(scope.workshop_ids), Participant.merged_into_id.is_(None)
        )
        .order_by(Participant.workshop_id, Participant.created_at, Participant.id)
    ).all()
    rows = []
    for p in people:
        erased = p.erased_at is not None
        consent = p.consent_contact and not erased
        rows.append(
            [
                scope.title_of(p.workshop_id),
                ERASED_NAME if erased else p.name,
                "" if erased else p.structure_name,
                labels.ACTOR_TYPES.get(p.actor_type, p.actor_type),
                labels.ESS_FAMILIES.get(p.ess_family or "", ""),
                p.table_no,
                "À distance" if p.is_remote else "Sur place",
                p.created_at,
                "Oui" if consent else "Non",
                (p.email or "") if consent else "",
                (p.phone or "") if consent else "",
            ]
        )
    return pd.DataFrame(rows, columns=ATTENDANCE_COLUMNS)


def structures(session: Session, scope: Scope) -> pd.DataFrame:
    """The diagnostic's directory of actors (structures, not people)."""
    items = session.scalars(
        select(Structure)
        .where(Structure.diagnostic_id == scope.diagnostic.id)
        .order_by(Structure.name, Structure.id)
    ).all()
    rows = [
        [
            s.name,
            labels.ACTOR_TYPES.get(s.actor_type or "", s.actor_type or ""),
            labels.ESS_FAMILIES.get(s.family or "", s.family or ""),
            s.sector or "",
            s.siret or "",
            s.commune_code or "",
            s.offer or "",
        ]
        for s in items
    ]
    columns = ["Structure", "Type d'acteur", "Famille de l'ESS", "Secteur", "SIRET", "Commune"]
    return pd.DataFrame(rows, columns=[*columns, "Offre"])
