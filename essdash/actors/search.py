"""Offline search of the Sirene stock for an actor: name, sign, acronym, SIRET or SIREN.

Restricted to the diagnostic's territory and ranked by similarity, accents and case ignored.
Ranking: each word typed scores 1 when it is a word of the names, 0.9 when a word starts with
it, ½ when it appears inside one; plus the Jaro-Winkler similarity of the whole query to the
establishment's name (0.3), a bonus when the name starts with the query (0.2) and one for an
active establishment (0.1). When no name contains any word typed (a typo), a second pass keeps the
names with a word starting like one typed (three letters) whose Jaro-Winkler similarity to the
query is at least 0.85.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.indicators import query as figures
from essdash.indicators import search_index, store
from essdash.indicators.perimeter import STATISTICAL, Perimeter, load_perimeter
from essdash.models import CommuneAlias, Diagnostic, TerritoryCommune

MAX_TOKENS, FUZZY_MIN = 6, 0.85
_COMMUNE = re.compile(r"^\d[\dAB]\d{3}$")


@dataclass(frozen=True)
class SireneHit:
    """One establishment found, with what picking it fills in the directory."""

    siret: str
    siren: str
    name: str
    sign: str | None
    acronym: str | None
    address: str | None
    commune: str
    active: bool
    legal_form: str | None
    naf: str | None
    headcount_class: str | None
    lon: float | None
    lat: float | None
    family: str | None  # ESS family by the perimeter rules, None outside the ESS
    sector: str  # perimeter sector key
    score: float


def territory_codes(session: Session, diagnostic_id: int) -> tuple[str, ...]:
    """Commune codes of the diagnostic's territory, with the former codes merged into them."""
    codes = set(
        session.scalars(
            select(TerritoryCommune.commune_code)
            .join(Diagnostic, Diagnostic.territory_id == TerritoryCommune.territory_id)
            .where(Diagnostic.id == diagnostic_id)
        )
    )
    old = session.scalars(select(CommuneAlias.old_code).where(CommuneAlias.commune_code.in_(codes)))
    return tuple(sorted(codes | set(old)))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _territory_where(communes: Sequence[str]) -> str:
    """The commune range first (it prunes Parquet row groups), then the exact list."""
    codes = sorted({c for c in communes if _COMMUNE.match(c)})
    if not codes:
        return "FALSE"
    listed = ", ".join(_literal(c) for c in codes)
    lo, hi = _literal(codes[0]), _literal(codes[-1])
    return f"commune BETWEEN {lo} AND {hi} AND commune IN ({listed})"


def _text_sql(tokens: list[str], phrase: str, fuzzy: bool) -> tuple[str, str]:
    """(score expression, filter) of a text query."""
    whole = [f"contains(search_key, {_literal(f' {t} ')})" for t in tokens]  # key is padded
    word = [f"contains(search_key, {_literal(' ' + t)})" for t in tokens]
    inside = [f"contains(search_key, {_literal(t)})" for t in tokens]
    matched = " + ".join(
        f"(CASE WHEN {h} THEN 1.0 WHEN {w} THEN 0.9 WHEN {i} THEN 0.5 ELSE 0 END)"
        for h, w, i in zip(whole, word, inside, strict=True)
    )
    jw = f"jaro_winkler_similarity(name_key, {_literal(phrase)})"
    score = (
        f"({matched}) / {len(tokens)} + 0.3 * {jw} "
        f"+ 0.2 * CAST(starts_with(name_key, {_literal(phrase)}) AS INTEGER) "
        "+ 0.1 * CAST(etat = 'A' AS INTEGER)"
    )
    # a typo keeps the first letters of a word: only names with a word starting like one typed
    # are compared letter by letter (Jaro-Winkler is the costly part)
    starts = " OR ".join(f"contains(search_key, {_literal(' ' + t[:3])})" for t in tokens)
    where = f"({starts}) AND {jw} >= {FUZZY_MIN}" if fuzzy else "(" + " OR ".join(inside) + ")"
    return score, where


def _number_sql(digits: str) -> tuple[str, str]:
    column = "siret" if len(digits) > 9 else "siren"
    return "1.0 + 0.1 * CAST(etat = 'A' AS INTEGER)", f"starts_with({column}, {_literal(digits)})"


def _ranked(files: list[Path], score: str, where: str, territory: str, limit: int) -> str:
    listed = ", ".join(_literal(store.sql_path(f)) for f in files)
    return f"""
        SELECT * FROM (SELECT *, {score} AS score
                       FROM read_parquet([{listed}], hive_partitioning = false)
                       WHERE {territory} AND {where})
        ORDER BY score DESC, etat, siret LIMIT {int(limit)}
    """


def _classified(perimeter: Perimeter, choice: str, ranked: str) -> str:
    """The hits with their ESS family and sector by the figures' own rules (indicators.query)."""
    return f"""
        SELECT s.siret, s.siren, coalesce(s.name, s.legal_name, s.sign, '') AS name, s.sign,
               s.acronym, s.address, s.commune, s.etat = 'A' AS active, s.cj, s.naf_rev2,
               nullif(s.tranche, ''), s.lon, s.lat,
               {figures.family_expr(perimeter, choice)} AS family,
               {figures.sector_expr()} AS sector, s.score
        FROM ({ranked}) s
        LEFT JOIN cj_family f ON f.cj = s.cj
        LEFT JOIN division_map d ON d.division = substr(s.naf_rev2, 1, 2)
        ORDER BY s.score DESC, s.etat, s.siret
    """


_shared: dict[str, duckdb.DuckDBPyConnection] = {}
_shared_lock = threading.Lock()


def _cursor(perimeter: Perimeter) -> duckdb.DuckDBPyConnection:
    """A cursor on one shared in-memory database holding the perimeter's lookup tables (a new
    database per search would cost more than the search itself)."""
    key = f"{perimeter.source}|{store.file_version(Path(perimeter.source))}"
    with _shared_lock:
        con = _shared.get(key)
        if con is None:
            for old in _shared.values():
                old.close()
            _shared.clear()
            con = store.connect(memory_limit="512MB")
            for name, frame in figures.lookup_tables(perimeter).items():
                con.register(f"{name}_frame", frame)
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_frame")
                con.unregister(f"{name}_frame")
            _shared[key] = con
        return con.cursor()


def search_sirene(
    text: str,
    communes: Sequence[str],
    *,
    limit: int = 8,
    perimeter: Perimeter | None = None,
    choice: str = STATISTICAL,
) -> list[SireneHit]:
    """The establishments of these communes best matching `text` (empty without a stock)."""
    if not search_index.ensure():
        return []
    perimeter = perimeter or load_perimeter()
    territory = _territory_where(communes)
    files = search_index.files_for({search_index.departement_of(c) for c in communes})
    if not files:
        return []
    con = _cursor(perimeter)
    try:
        digits = re.sub(r"[\s.]", "", text)
        if digits.isdigit() and len(digits) >= 9:
            passes = [_number_sql(digits[:14])]
        else:
            row = con.execute(f"SELECT {search_index.normalised('$1')}", [text]).fetchone()
            phrase = str(row[0]) if row else ""
            tokens = [t for t in phrase.split() if len(t) >= 2 or t.isdigit()][:MAX_TOKENS]
            if not tokens:
                return []
            passes = [_text_sql(tokens, phrase, fuzzy) for fuzzy in (False, True)]
        for score, where in passes:
            sql = _classified(perimeter, choice, _ranked(files, score, where, territory, limit))
            rows = con.execute(sql).fetchall()
            if rows:
                return [_hit(r) for r in rows]
        return []
    finally:
        con.close()


def _hit(row: tuple[Any, ...]) -> SireneHit:
    (siret, siren, name, sign, acronym, address, commune, active, cj, naf, tranche, lon, lat,
     family, sector, score) = row  # fmt: skip
    return SireneHit(
        str(siret), str(siren), str(name), sign, acronym, address, str(commune), bool(active),
        cj, naf, tranche, lon, lat, family, str(sector), float(score),
    )  # fmt: skip
