"""Reads of the directory for the page, the card, the CLI and the exports (no writes)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.models import (
    ActorRelation,
    Commune,
    Contribution,
    Interview,
    MapFeature,
    Participant,
    Structure,
    Workshop,
)

DIRECTORY_COLUMNS = {
    "id": "N°",
    "name": "Structure",
    "actor_type": "Type d'acteur",
    "family": "Famille de l'ESS",
    "sector": "Secteur",
    "commune": "Commune",
    "siret": "SIRET",
    "headcount": "Effectif (tranche)",
    "met": "Rencontrée",
    "sites": "Sites",
    "zones": "Zones",
    "relations": "Relations",
}


def _met_where(session: Session, diagnostic_id: int) -> dict[int, list[str]]:
    """actor id -> where the diagnostic met it: workshop titles, « Entretien », « Équipe »."""
    met: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(Participant.structure_id, Workshop.title)
        .join(Workshop, Workshop.id == Participant.workshop_id)
        .where(Workshop.diagnostic_id == diagnostic_id, Participant.structure_id.is_not(None))
        .distinct()
        .order_by(Workshop.title)
    )
    for actor_id, title in rows:
        if actor_id is not None:
            met[actor_id].append(title)
    for (actor_id,) in session.execute(
        select(Interview.structure_id).where(Interview.diagnostic_id == diagnostic_id).distinct()
    ):
        if actor_id is not None:
            met[actor_id].append(labels.ACTOR_ORIGINS["interview"])
    return met


def _feature_counts(session: Session, diagnostic_id: int) -> dict[tuple[int, str], int]:
    counts: dict[tuple[int, str], int] = defaultdict(int)
    rows = session.execute(
        select(Participant.structure_id, MapFeature.kind)
        .join(MapFeature, MapFeature.participant_id == Participant.id)
        .join(Workshop, Workshop.id == Participant.workshop_id)
        .where(Workshop.diagnostic_id == diagnostic_id, MapFeature.hidden.is_(False))
    )
    for actor_id, kind in rows:
        if actor_id is not None:
            counts[(actor_id, kind)] += 1
    return counts


def relation_degrees(session: Session, diagnostic_id: int) -> dict[int, int]:
    degrees: dict[int, int] = defaultdict(int)
    for source, target in session.execute(
        select(ActorRelation.source_id, ActorRelation.target_id).where(
            ActorRelation.diagnostic_id == diagnostic_id
        )
    ):
        degrees[source] += 1
        degrees[target] += 1
    return degrees


def directory_frame(session: Session, diagnostic_id: int, sectors: dict[str, str]) -> pd.DataFrame:
    """One row per actor (keys of DIRECTORY_COLUMNS), by name; `sectors` labels sector keys."""
    actors = session.scalars(
        select(Structure).where(Structure.diagnostic_id == diagnostic_id).order_by(Structure.name)
    ).all()
    communes = dict(session.execute(select(Commune.code, Commune.name)).all())
    met, features = _met_where(session, diagnostic_id), _feature_counts(session, diagnostic_id)
    degrees = relation_degrees(session, diagnostic_id)
    rows = [
        {
            "id": a.id,
            "name": a.name,
            "actor_type": labels.ACTOR_TYPES.get(a.actor_type or "autre", a.actor_type or ""),
            "family": labels.ESS_FAMILIES.get(a.family or "", ""),
            "sector": sectors.get(a.sector or "", a.sector or ""),
            "commune": communes.get(a.commune_code or "", a.commune_code or ""),
            "siret": a.siret or "",
            "headcount": a.headcount_class or "",
            "met": ", ".join(met.get(a.id, []) or [labels.ACTOR_ORIGINS.get(a.origin, "")]),
            # the Sirene address counts as a site until someone confirms or places one
            "sites": features[(a.id, "site")] or (1 if a.lon is not None else 0),
            "zones": features[(a.id, "zone")],
            "relations": degrees.get(a.id, 0),
            "lon": a.lon,
            "lat": a.lat,
        }
        for a in actors
    ]
    return pd.DataFrame(rows, columns=[*DIRECTORY_COLUMNS, "lon", "lat"])


@dataclass(frozen=True)
class ActorCard:
    """Everything the diagnostic knows about one actor (texts are participants' own words)."""

    actor_id: int
    name: str
    fields: tuple[tuple[str, str], ...]
    people: tuple[tuple[str, str], ...]  # (name, workshop)
    contributions: tuple[str, ...]
    interviews: tuple[tuple[str, str], ...]  # (date, notes)
    features: tuple[tuple[str, str], ...]  # (kind, label)
    relations: tuple[tuple[str, str, str, str], ...]  # (kind, other actor, note, status)


def _card_relations(session: Session, actor_id: int) -> tuple[tuple[str, str, str, str], ...]:
    rows = session.scalars(
        select(ActorRelation).where(
            (ActorRelation.source_id == actor_id) | (ActorRelation.target_id == actor_id)
        )
    ).all()
    names = dict(session.execute(select(Structure.id, Structure.name)).all())
    out = []
    for r in rows:
        other = r.target_id if r.source_id == actor_id else r.source_id
        arrow = ("→ " if r.source_id == actor_id else "← ") if r.directed else ""
        status = "confirmée" if r.confirmed_at else "à confirmer"
        who = "équipe" if r.declared_by_team else "participant·e"
        out.append(
            (
                labels.RELATION_KIND_LABELS[r.kind],
                arrow + names.get(other, "?"),
                r.note,
                f"{status} ({who})",
            )
        )
    return tuple(out)


def actor_card(session: Session, actor_id: int, sectors: dict[str, str]) -> ActorCard | None:
    a = session.get(Structure, actor_id)
    if a is None:
        return None
    commune = session.get(Commune, a.commune_code) if a.commune_code else None
    fields = (
        ("Type d'acteur", labels.ACTOR_TYPES.get(a.actor_type or "autre", "")),
        ("Famille de l'ESS", labels.ESS_FAMILIES.get(a.family or "", "hors ESS")),
        ("Secteur", sectors.get(a.sector or "", a.sector or "")),
        ("SIRET", a.siret or "non rattachée à Sirene"),
        ("Catégorie juridique", a.legal_form or ""),
        ("Code NAF", a.naf or ""),
        ("Tranche d'effectif", a.headcount_class or ""),
        ("Adresse", a.address or ""),
        ("Commune", commune.name if commune else (a.commune_code or "")),
    )
    people = session.execute(
        select(Participant.id, Participant.name, Workshop.title)
        .join(Workshop, Workshop.id == Participant.workshop_id)
        .where(Participant.structure_id == actor_id, Participant.erased_at.is_(None))
    ).all()
    ids = [p[0] for p in people]
    posts = session.scalars(
        select(Contribution.text).where(
            Contribution.participant_id.in_(ids), Contribution.hidden.is_(False)
        )
    ).all()
    feats = session.execute(
        select(MapFeature.kind, MapFeature.label).where(
            MapFeature.participant_id.in_(ids), MapFeature.hidden.is_(False)
        )
    ).all()
    talks = session.execute(
        select(Interview.held_on, Interview.notes).where(Interview.structure_id == actor_id)
    ).all()
    return ActorCard(
        a.id, a.name, fields, tuple((p[1], p[2]) for p in people), tuple(posts),
        tuple((d.strftime("%d/%m/%Y") if d else "", n or "") for d, n in talks),
        tuple(("Site" if k == "site" else "Zone", lbl) for k, lbl in feats),
        _card_relations(session, actor_id),
    )  # fmt: skip
