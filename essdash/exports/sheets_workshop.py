"""Workbook sheets of the live workshop: attendance, structures, sites, zones, post-its, syntheses.

Each function returns one DataFrame with French column names; dates stay datetimes (to_xlsx
writes them as real dates in Paris time).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.exports.features import map_features
from essdash.exports.scope import ERASED_NAME, Scope, public_name
from essdash.models import Contribution, Participant, Question, Structure, Synthesis, Theme

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


def sites(session: Session, scope: Scope) -> pd.DataFrame:
    rows = []
    for f in map_features(session, scope, kind="site"):
        point = f.geometry.representative_point()
        rows.append(
            [
                f.workshop,
                f.label,
                f.structure,
                f.actor_type,
                f.family,
                f.sector,
                f.offer,
                f.commune_code,
                f.commune,
                round(point.x, 6),
                round(point.y, 6),
                "Oui" if f.on_behalf else "",
                f.created_at,
                f.id,
            ]
        )
    columns = ["Atelier", "Site", "Structure", "Type d'acteur", "Famille de l'ESS", "Secteur"]
    columns += ["Offre", "Code commune", "Commune", "Longitude", "Latitude"]
    return pd.DataFrame(rows, columns=[*columns, "Saisi par l'animation", "Date", "Identifiant"])


def zones(session: Session, scope: Scope) -> pd.DataFrame:
    rows = [
        [
            f.workshop,
            f.label,
            f.structure,
            f.actor_type,
            f.family,
            f.radius_km,
            f.area_km2,
            f.site_id,
            f.created_at,
            f.geometry.wkt,
            f.id,
        ]
        for f in map_features(session, scope, kind="zone")
    ]
    columns = ["Atelier", "Zone", "Structure", "Type d'acteur", "Famille de l'ESS", "Rayon (km)"]
    columns += ["Surface (km²)", "Site", "Date", "Géométrie (WKT, WGS 84)", "Identifiant"]
    return pd.DataFrame(rows, columns=columns)


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
