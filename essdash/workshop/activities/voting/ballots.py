"""The rules of a ballot for each method, checked on the server before anything is written."""

from __future__ import annotations

from collections.abc import Mapping, Set

from essdash import labels
from essdash.errors import UserError
from essdash.models import Vote


def _points(vote: Vote, entries: Mapping[int, int]) -> dict[int, int]:
    if any(v < 0 for v in entries.values()):
        raise UserError("Points : un nombre positif ou nul par priorité.")
    given = {item: v for item, v in entries.items() if v > 0}
    total, budget = sum(given.values()), vote.points_per_participant
    if total == 0:
        raise UserError("Points : placez au moins un point.")
    if total > budget:
        raise UserError(f"Points : {total} placés pour {budget} disponibles.")
    if not vote.allow_stacking and any(v > 1 for v in given.values()):
        raise UserError("Points : un seul point par priorité dans ce vote.")
    return given


def _ranking(allowed: Set[int], entries: Mapping[int, int]) -> dict[int, int]:
    if set(entries) != set(allowed):
        raise UserError("Classement : classez toutes les priorités.")
    if sorted(entries.values()) != list(range(1, len(allowed) + 1)):
        raise UserError("Classement : chaque rang de 1 à N une seule fois.")
    return dict(entries)


def _majority(allowed: Set[int], entries: Mapping[int, int]) -> dict[int, int]:
    if set(entries) != set(allowed):
        raise UserError("Jugement majoritaire : donnez une mention à chaque priorité.")
    if any(not 0 <= v < len(labels.MAJORITY_GRADES) for v in entries.values()):
        raise UserError("Jugement majoritaire : mention inconnue.")
    return dict(entries)


def validate_entries(vote: Vote, allowed: Set[int], entries: Mapping[int, int]) -> dict[int, int]:
    """The entries to store, or a UserError in French saying which rule is broken."""
    unknown = set(entries) - set(allowed)
    if unknown:
        raise UserError("Bulletin : une des priorités n'est pas soumise au vote.")
    if any(not isinstance(v, int) or isinstance(v, bool) for v in entries.values()):
        raise UserError("Bulletin : des nombres entiers sont attendus.")
    if vote.method == "points":
        return _points(vote, entries)
    if vote.method == "ranking":
        return _ranking(allowed, entries)
    return _majority(allowed, entries)
