"""Reference geography: @etalab/decoupage-administratif JSON files and INSEE's COG CSV files.

Communes (current ones; old codes and municipal arrondissements become aliases), EPCI with their
members, départements and régions. The caller owns the transaction: a failed file changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from essdash.errors import ImportFailed
from essdash.importers import cog_fields as fields
from essdash.importers.geography import (
    CommuneRow,
    load_json,
    upsert_aliases,
    upsert_communes,
    upsert_territory,
)
from essdash.importers.sources import decode_utf8, refuse_foreign_format
from essdash.models import Commune, CommuneAlias, Territory, TerritoryCommune

COMMUNE_CODE = re.compile(r"^\d[\dAB]\d{3}$")
ALIAS_TYPES = ("commune-deleguee", "commune-associee", "arrondissement-municipal")
ACCEPTED = "JSON @etalab/decoupage-administratif (liste d'objets) ou CSV du COG INSEE en UTF-8"


def import_cog_files(session: Session, paths: list[Path]) -> list[str]:
    """Import each file (JSON or CSV, detected from its content); returns one line per file.

    Communes go first whatever the order given: EPCI members must be known communes, and
    départements and régions sum their communes' populations."""
    return [import_cog_file(session, path) for path in sorted(paths, key=_rank)]


def _rank(path: Path) -> int:
    """0 for communes, 1 for départements or régions, 2 for EPCI (from the file's start)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65_536)
    except OSError:
        return 0
    if b'"membres"' in head:
        return 2
    if b"commune-actuelle" in head or b"TYPECOM" in head.upper():
        return 0
    return 1


def import_cog_file(session: Session, path: Path) -> str:
    if not path.is_file():
        raise ImportFailed(f"{path.name} : fichier introuvable.")
    if path.suffix.lower() == ".json":
        return _import_json(session, path, _load_json(path))
    return _import_insee_csv(session, path)


def _load_json(path: Path) -> list[dict[str, Any]]:
    data = load_json(path, "une liste d'objets JSON")
    if not isinstance(data, list) or not data:
        raise ImportFailed(f"{path.name}, ligne 1 : liste d'objets JSON attendue.")
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise ImportFailed(
                f"{path.name}, élément n° {index + 1} : objet JSON attendu, lu {fields.kind(item)}."
            )
    return data


def _import_json(session: Session, path: Path, items: list[dict[str, Any]]) -> str:
    first = items[0]
    if "membres" in first:
        return _epci(session, path, items)
    if "type" in first and "departement" in first:
        return _communes_json(session, path, items)
    if "region" in first:
        rows = [
            (
                fields.field(path, i, d, "code"),
                fields.field(path, i, d, "nom"),
                fields.optional(path, i, d, "region"),
            )
            for i, d in enumerate(items)
        ]
        return _levels(session, "departement", rows)
    if "chefLieu" in first:
        rows = [
            (fields.field(path, i, d, "code"), fields.field(path, i, d, "nom"), None)
            for i, d in enumerate(items)
        ]
        return _levels(session, "region", rows)
    raise ImportFailed(
        f"{path.name}, élément n° 1 : champs attendus « code », « nom » et « type »."
    )


def _communes_json(session: Session, path: Path, items: list[dict[str, Any]]) -> str:
    communes: list[CommuneRow] = []
    aliases: dict[str, str] = {}
    for i, item in enumerate(items):
        code = fields.field(path, i, item, "code")
        if not COMMUNE_CODE.match(code):
            raise ImportFailed(
                f"{path.name}, élément n° {i + 1} : champ « code » attendu sur 5 caractères, "
                f"lu « {code} »."
            )
        kind = item.get("type")
        if kind == "commune-actuelle":
            communes.append(
                CommuneRow(
                    code,
                    fields.field(path, i, item, "nom"),
                    fields.field(path, i, item, "departement"),
                    fields.optional(path, i, item, "region"),
                    fields.population(path, i, item, "population"),
                )
            )
            former = fields.list_of(path, i, item, "anciensCodes")
            aliases.update({str(old): code for old in former})
        elif kind in ALIAS_TYPES:
            parent = item.get("commune") or item.get("chefLieu")
            if parent and parent != code:
                aliases.setdefault(code, str(parent))
    current = {c.code for c in communes}
    aliases = {old: new for old, new in aliases.items() if old not in current}
    upsert_communes(session, communes)
    upsert_aliases(session, aliases)
    return f"{path.name} : {len(communes)} communes, {len(aliases)} anciens codes."


def _epci(session: Session, path: Path, items: list[dict[str, Any]]) -> str:
    known = set(session.scalars(select(Commune.code)).all())
    known_aliases = dict(
        session.execute(select(CommuneAlias.old_code, CommuneAlias.commune_code)).all()
    )
    links = 0
    for i, item in enumerate(items):
        code, name = fields.field(path, i, item, "code"), fields.field(path, i, item, "nom")
        members = fields.members(path, i, item, known, known_aliases)
        people = fields.population(path, i, item, "populationMunicipale", "populationTotale")
        territory = upsert_territory(session, "epci", code, name, people)
        session.execute(
            delete(TerritoryCommune).where(TerritoryCommune.territory_id == territory.id)
        )
        session.execute(
            insert(TerritoryCommune),
            [{"territory_id": territory.id, "commune_code": m} for m in sorted(set(members))],
        )
        session.execute(update(Commune).where(Commune.code.in_(members)).values(epci_code=code))
        links += len(members)
    _set_epci_parents(session)
    return f"{path.name} : {len(items)} EPCI, {links} communes membres."


def _set_epci_parents(session: Session) -> None:
    """Each EPCI's département and région: those of most of its member communes."""
    rows = session.execute(
        select(Commune.epci_code, Commune.departement_code, Commune.region_code).where(
            Commune.epci_code.is_not(None)
        )
    ).all()
    counts: dict[str, dict[tuple[str, str | None], int]] = {}
    for epci, dep, reg in rows:
        bucket = counts.setdefault(str(epci), {})
        bucket[(dep, reg)] = bucket.get((dep, reg), 0) + 1
    for epci, bucket in counts.items():
        dep, reg = max(bucket, key=lambda k: bucket[k])
        session.execute(
            update(Territory)
            .where(Territory.kind == "epci", Territory.code == epci)
            .values(parent_departement=dep, parent_region=reg)
        )


def _levels(session: Session, kind: str, rows: list[tuple[str, str, str | None]]) -> str:
    """Départements or régions; members are read from the communes' codes at query time."""
    column = Commune.departement_code if kind == "departement" else Commune.region_code
    populations = dict(
        session.execute(select(column, func.sum(Commune.population)).group_by(column)).all()
    )
    for code, name, parent in rows:
        territory = upsert_territory(session, kind, code, name, populations.get(code))
        territory.parent_region = parent if kind == "departement" else code
        territory.parent_departement = code if kind == "departement" else None
    label = "départements" if kind == "departement" else "régions"
    return f"{len(rows)} {label}."


def _import_insee_csv(session: Session, path: Path) -> str:
    refuse_foreign_format(path, path.name, ACCEPTED)
    text = decode_utf8(path.read_bytes(), path.name)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFailed(f"{path.name}, ligne {line} : ligne CSV mal formée (caractère nul).")
    sample = text.split("\n", 1)[0]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[dict[str, str]] = []
    try:
        header = {h.upper(): h for h in reader.fieldnames or []}
        for record in reader:
            rows.append({k.upper(): (v or "").strip() for k, v in record.items() if k})
    except csv.Error as error:
        raise ImportFailed(
            f"{path.name}, ligne {len(rows) + 2} : ligne CSV mal formée "
            "(guillemets, caractère nul ou champ trop long)."
        ) from error
    known = "TYPECOM" in header or ("LIBELLE" in header and ("DEP" in header or "REG" in header))
    if known and not rows:
        raise ImportFailed(f"{path.name} : aucune ligne de données après l'en-tête (ligne 1).")
    if "TYPECOM" in header:
        return _insee_communes(session, path, rows)
    if "DEP" in header and "LIBELLE" in header:
        return _levels(session, "departement", _insee_rows(path, rows, "DEP", "REG"))
    if "REG" in header and "LIBELLE" in header:
        return _levels(session, "region", _insee_rows(path, rows, "REG", None))
    raise ImportFailed(
        f"{path.name}, ligne 1 : colonnes attendues « TYPECOM, COM, DEP, REG, LIBELLE » "
        "(COG INSEE)."
    )


def _insee_rows(
    path: Path, rows: list[dict[str, str]], code: str, parent: str | None
) -> list[tuple[str, str, str | None]]:
    out = []
    for line, row in enumerate(rows, start=2):
        if not row.get(code) or not row.get("LIBELLE"):
            missing = code if not row.get(code) else "LIBELLE"
            raise ImportFailed(f"{path.name}, ligne {line} : colonne attendue « {missing} » vide.")
        out.append((row[code], row["LIBELLE"], row.get(parent) if parent else None))
    return out


def _insee_communes(session: Session, path: Path, rows: list[dict[str, str]]) -> str:
    communes: list[CommuneRow] = []
    aliases: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        code = row.get("COM", "")
        if not COMMUNE_CODE.match(code):
            raise ImportFailed(
                f"{path.name}, ligne {line} : colonne « COM » attendue sur 5 caractères, "
                f"lu « {code} »."
            )
        if row.get("TYPECOM") == "COM":
            if not row.get("DEP") or not row.get("LIBELLE"):
                missing = "DEP" if not row.get("DEP") else "LIBELLE"
                raise ImportFailed(
                    f"{path.name}, ligne {line} : colonne attendue « {missing} » vide."
                )
            communes.append(
                CommuneRow(code, row["LIBELLE"], row["DEP"], row.get("REG") or None, None)
            )
        elif row.get("COMPARENT") and row["COMPARENT"] != code:
            aliases.setdefault(code, row["COMPARENT"])
    current = {c.code for c in communes}
    aliases = {o: n for o, n in aliases.items() if o not in current}
    upsert_communes(session, communes)
    upsert_aliases(session, aliases)
    return f"{path.name} : {len(communes)} communes, {len(aliases)} anciens codes."
