"""Offline search of the Sirene stock for an actor: name, sign, acronym, SIRET or SIREN.

Restricted to the diagnostic's territory and ranked by similarity, accents and case ignored.
Ranking: each word typed scores 1 when it is a word of the names, 0.9 when a word starts with
it, ½ when it appears inside one; plus the Jaro-Winkler similarity of the whole query to the
establishment's name (0.3), a bonus when the name starts with the query (0.2) and one for an
active establishment (0.1). When no name contains any word typed (a typo), a second pass keeps the
names with a word starting like one typed (three letters) whose Jaro-Winkler similarity to the
query is at least 0.85.

How: the word index of the territory's départements (indicators.search_partition) gives the
rows holding a word typed and their matched share; those that can still rank go to DuckDB for
Jaro-Winkler and the order; only the hits' own rows are then read and classified.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.actors import search_candidates as candidates
from essdash.indicators import query as figures
from essdash.indicators import search_index, store
from essdash.indicators.perimeter import STATISTICAL, Perimeter, load_perimeter, perimeter_path
from essdash.indicators.search_partition import Partition
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


def _score_sql(phrase: str | None) -> str:
    """The score of a candidate of matched share `m` (see the module docstring)."""
    if phrase is None:  # SIRET or SIREN
        return "1.0 + 0.1 * CAST(etat = 'A' AS INTEGER)"
    return (
        f"m + 0.3 * jaro_winkler_similarity(name_key, {_literal(phrase)}) "
        f"+ 0.2 * CAST(starts_with(name_key, {_literal(phrase)}) AS INTEGER) "
        "+ 0.1 * CAST(etat = 'A' AS INTEGER)"
    )


def _best(
    con: duckdb.DuckDBPyConnection, found: candidates.Found, phrase: str | None, fuzzy: bool,
    limit: int,
) -> list[tuple[int, int, float]]:  # fmt: skip
    """(partition, row, score) of the best candidates, best first (ties: active, then SIRET)."""
    if not found.size:
        return []
    where = (
        f"jaro_winkler_similarity(name_key, {_literal(phrase)}) >= {FUZZY_MIN}"
        if fuzzy and phrase is not None
        else "TRUE"
    )
    con.register("candidates", found.table())
    try:
        rows = con.execute(f"""
            SELECT part, row, score FROM (SELECT *, {_score_sql(phrase)} AS score
                                          FROM candidates WHERE {where})
            ORDER BY score DESC, etat, siret LIMIT {int(limit)}
        """).fetchall()
    finally:
        con.unregister("candidates")
    return [(int(p), int(r), float(score)) for p, r, score in rows]


def _classified(perimeter: Perimeter, choice: str) -> str:
    """The hits with their ESS family and sector by the figures' own rules (indicators.query)."""
    return f"""
        SELECT s.siret, s.siren, coalesce(s.name, s.legal_name, s.sign, '') AS name, s.sign,
               s.acronym, s.address, s.commune, s.etat = 'A' AS active, s.cj, s.naf_rev2,
               nullif(s.tranche, ''), s.lon, s.lat,
               {figures.family_expr(perimeter, choice)} AS family,
               {figures.sector_expr()} AS sector, s.score
        FROM hits s
        LEFT JOIN cj_family f ON f.cj = s.cj
        LEFT JOIN division_map d ON d.division = substr(s.naf_rev2, 1, 2)
        ORDER BY s.score DESC, s.etat, s.siret
    """


def _hits(
    con: duckdb.DuckDBPyConnection, parts: list[Partition], best: list[tuple[int, int, float]],
    perimeter: Perimeter, choice: str,
) -> list[SireneHit]:  # fmt: skip
    """The details of the best rows (read from their batches only), classified."""
    used = sorted({p for p, _, _ in best})
    tables = [parts[i].details([r for p, r, _ in best if p == i]) for i in used]
    table = pa.concat_tables(tables, promote_options="permissive")
    scores = [score for i in used for p, _, score in best if p == i]  # the order of `tables`
    table = table.append_column("score", pa.array(scores, pa.float64()))
    con.register("hits", table)
    try:
        return [_hit(r) for r in con.execute(_classified(perimeter, choice)).fetchall()]
    finally:
        con.unregister("hits")


_shared_lock = threading.Lock()
_perimeters: dict[str, Perimeter] = {}


def _default_perimeter() -> Perimeter:
    """The perimeter in force, read again only when its file changes (kept private: the search
    only reads it)."""
    path = perimeter_path()
    key = f"{path}|{store.file_version(path)}"
    with _shared_lock:
        found = _perimeters.get(key)
        if found is None:
            _perimeters.clear()
            found = _perimeters[key] = load_perimeter(path)
        return found


_shared: dict[str, duckdb.DuckDBPyConnection] = {}


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
    territory = frozenset(c for c in communes if _COMMUNE.match(c))
    departements = sorted({search_index.departement_of(c) for c in territory})
    parts = [p for d in departements if (p := search_index.partition(d)) is not None]
    if not parts:
        return []
    perimeter = perimeter or _default_perimeter()
    con = _cursor(perimeter)
    try:
        best = _ranked(con, parts, territory, text, limit)
        return _hits(con, parts, best, perimeter, choice) if best else []
    finally:
        con.close()


def _ranked(
    con: duckdb.DuckDBPyConnection, parts: list[Partition], territory: frozenset[str], text: str,
    limit: int,
) -> list[tuple[int, int, float]]:  # fmt: skip
    """The best (partition, row, score): by number, else by words, else by a typo pass."""
    digits = re.sub(r"[\s.]", "", text)
    if digits.isdigit() and len(digits) >= 9:
        found = candidates.by_number(parts, territory, digits[:14])
        return _best(con, found, None, False, limit)
    rows = con.execute(f"SELECT {search_index.normalised('$1')}", [text]).fetchall()
    phrase = str(rows[0][0]) if rows else ""
    tokens = [t for t in phrase.split() if len(t) >= 2 or t.isdigit()][:MAX_TOKENS]
    if not tokens:
        return []
    found = candidates.by_words(parts, territory, tokens, phrase, limit)
    best = _best(con, found, phrase, False, limit)
    if best:
        return best
    # no name of the territory holds a word typed: every matched share is 0
    return _best(con, candidates.by_word_starts(parts, territory, tokens), phrase, True, limit)


def _hit(row: tuple[Any, ...]) -> SireneHit:
    (siret, siren, name, sign, acronym, address, commune, active, cj, naf, tranche, lon, lat,
     family, sector, score) = row  # fmt: skip
    return SireneHit(
        str(siret), str(siren), str(name), sign, acronym, address, str(commune), bool(active),
        cj, naf, tranche, lon, lat, family, str(sector), float(score),
    )  # fmt: skip
