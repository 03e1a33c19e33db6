"""The participant's sites and zones: their RGPD export and their move when duplicates merge."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from essdash.models import MapFeature, Participant
from essdash.models.personal import declared_rows


def export(session: Session, participant: Participant) -> dict[str, Any]:
    table = MapFeature.__table__
    features = declared_rows(session, table, table.c.participant_id == participant.id)  # type: ignore[arg-type]
    kinds = session.scalars(
        select(MapFeature.kind)
        .where(MapFeature.participant_id == participant.id)
        .order_by(MapFeature.id)
    ).all()
    return {
        "carte": [
            {"type": "Site" if kind == "site" else "Zone de chalandise", **feature}
            for kind, feature in zip(kinds, features, strict=True)
        ]
    }


def merge(session: Session, keep_id: int, duplicate_id: int) -> None:
    session.execute(
        update(MapFeature)
        .where(MapFeature.participant_id == duplicate_id)
        .values(participant_id=keep_id)
    )
