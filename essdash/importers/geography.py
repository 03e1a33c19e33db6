"""Bulk upserts of the reference geography (communes, aliases, territories); caller commits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from essdash import config
from essdash.errors import ImportFailed
from essdash.importers.sources import decode_utf8, refuse_foreign_format
from essdash.models import Commune, CommuneAlias, Territory

CHUNK = 500


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    departement: str
    region: str | None
    population: int | None


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def load_json(path: Path, accepted: str) -> Any:
    """Parsed JSON of a geography file; every way it can be unreadable gets a French message."""
    if not path.is_file():
        raise ImportFailed(f"{path.name} : fichier introuvable.")
    if path.stat().st_size > config.json_max_bytes():
        raise ImportFailed(
            f"{path.name} : fichier de plus de {config.json_max_bytes() // 1024**2} Mio, "
            "au-delà du maximum (ESSDASH_JSON_MAX_BYTES)."
        )
    refuse_foreign_format(path, path.name, accepted)
    text = decode_utf8(path.read_bytes(), path.name)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"{path.name}, ligne {error.lineno} : JSON invalide ({error.msg})."
        ) from error
    except ValueError as error:
        raise ImportFailed(
            f"{path.name} : valeur « {error} » non admise, nombre fini attendu."
        ) from error
    except RecursionError as error:
        raise ImportFailed(
            f"{path.name} : JSON imbriqué trop profondément, {accepted} attendu."
        ) from error


def population(value: Any) -> int | None:
    """A population read from a file: None when absent, else a non-negative whole number.

    Raises ValueError (the caller names the place) for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value < 0:
        raise ValueError(value)
    return value


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def upsert_communes(session: Session, rows: list[CommuneRow]) -> None:
    """Insert new communes, update names, codes and populations of known ones (contours kept)."""
    codes = [r.code for r in rows]
    known: set[str] = set()
    for chunk in _chunks(codes):
        known.update(session.scalars(select(Commune.code).where(Commune.code.in_(chunk))).all())
    values = [
        {
            "code": r.code,
            "name": r.name,
            "departement_code": r.departement,
            "region_code": r.region,
            "population": int(r.population) if r.population is not None else None,
        }
        for r in rows
    ]
    new = [v for v in values if v["code"] not in known]
    old = [v for v in values if v["code"] in known]
    if new:
        session.execute(insert(Commune), new)
    if old:
        session.execute(update(Commune), old)


def upsert_aliases(session: Session, aliases: dict[str, str]) -> None:
    old_codes = sorted(aliases)
    for chunk in _chunks(old_codes):
        session.execute(delete(CommuneAlias).where(CommuneAlias.old_code.in_(chunk)))
    if old_codes:
        session.execute(
            insert(CommuneAlias),
            [{"old_code": o, "commune_code": aliases[o]} for o in old_codes],
        )


def upsert_territory(
    session: Session, kind: str, code: str, name: str, population: int | None
) -> Territory:
    territory = session.scalar(
        select(Territory).where(Territory.kind == kind, Territory.code == code)
    )
    if territory is None:
        territory = Territory(kind=kind, code=code, name=name)
        session.add(territory)
    territory.name = name
    territory.population = int(population) if population is not None else None
    session.flush()
    return territory
