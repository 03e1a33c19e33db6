"""Duplicates in the directory (same SIRET; similar names in one commune) and their merge.

A merge keeps everything: the participants of the merged actor (hence their sites, zones and
post-its), its interviews and its relations move to the kept one; empty fields of the kept actor
are filled from the other; then the other is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from essdash.actors.directory import actor_in, folded
from essdash.errors import UserError
from essdash.models import ActorRelation, Interview, Participant, Structure

SIMILAR_NAMES = 0.85
FILLED = ("actor_type", "family", "sector", "siret", "siren", "legal_form", "naf",
          "headcount_class", "address", "commune_code", "lon", "lat", "offer")  # fmt: skip


@dataclass(frozen=True)
class DuplicatePair:
    keep_id: int
    other_id: int
    keep_name: str
    other_name: str
    reason: str


def _similar(a: str, b: str) -> bool:
    fa, fb = folded(a), folded(b)
    if not fa or not fb:
        return False
    if fa == fb or (min(len(fa), len(fb)) >= 5 and (fa in fb or fb in fa)):
        return True
    return SequenceMatcher(None, fa, fb).ratio() >= SIMILAR_NAMES


def find_duplicates(session: Session, diagnostic_id: int) -> list[DuplicatePair]:
    """Pairs of actors that look like one structure; the older one is proposed as kept."""
    actors = session.scalars(
        select(Structure).where(Structure.diagnostic_id == diagnostic_id).order_by(Structure.id)
    ).all()
    pairs: list[DuplicatePair] = []
    for a, b in combinations(actors, 2):
        if a.siret and a.siret == b.siret:
            reason = f"même SIRET ({a.siret})"
        elif a.siret and b.siret and a.siret != b.siret:
            continue  # two establishments, even of one name
        elif a.commune_code and a.commune_code == b.commune_code and _similar(a.name, b.name):
            reason = "noms proches dans la même commune"
        else:
            continue
        pairs.append(DuplicatePair(a.id, b.id, a.name, b.name, reason))
    return pairs


def merge(session: Session, *, keep_id: int, other_id: int) -> Structure:
    """Merge `other` into `keep` (same diagnostic), keeping every link of both."""
    if keep_id == other_id:
        raise UserError("Fusion : choisissez deux structures différentes.")
    keep, other = actor_in(session, keep_id), actor_in(session, other_id)
    if keep.diagnostic_id != other.diagnostic_id:
        raise UserError("Fusion : les deux structures doivent être du même diagnostic.")
    for name in FILLED:
        if getattr(keep, name) in (None, "", "autre") and getattr(other, name) not in (None, ""):
            setattr(keep, name, getattr(other, name))
    session.execute(
        update(Participant)
        .where(Participant.structure_id == other.id)
        .values(structure_id=keep.id, structure_name=keep.name)
    )
    session.execute(
        update(Interview).where(Interview.structure_id == other.id).values(structure_id=keep.id)
    )
    _move_relations(session, keep.id, other.id)
    session.flush()
    session.execute(delete(Structure).where(Structure.id == other.id))
    session.expire_all()
    return actor_in(session, keep_id)


def _move_relations(session: Session, keep_id: int, other_id: int) -> None:
    """Repoint the other's relations; a tie between the two, or one the kept actor already has,
    is dropped (the kept one's confirmation wins)."""
    moved = session.scalars(
        select(ActorRelation).where(
            (ActorRelation.source_id == other_id) | (ActorRelation.target_id == other_id)
        )
    ).all()
    for relation in moved:
        source = keep_id if relation.source_id == other_id else relation.source_id
        target = keep_id if relation.target_id == other_id else relation.target_id
        if source == target or _has(session, relation, source, target):
            session.delete(relation)
            continue
        relation.source_id, relation.target_id = source, target
        session.flush()


def _has(session: Session, relation: ActorRelation, source: int, target: int) -> bool:
    pairs = [(source, target)] if relation.directed else [(source, target), (target, source)]
    for s, t in pairs:
        found = session.scalar(
            select(ActorRelation.id).where(
                ActorRelation.kind == relation.kind,
                ActorRelation.source_id == s,
                ActorRelation.target_id == t,
                ActorRelation.id != relation.id,
            )
        )
        if found is not None:
            if relation.confirmed_at is not None:
                other = session.get(ActorRelation, found)
                if other is not None and other.confirmed_at is None:
                    other.confirmed_at = relation.confirmed_at
            return True
    return False
