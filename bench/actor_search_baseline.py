"""The directory's search ranking without any index: one SQL scan of the stored establishments.

The reference of bench.actor_search: names normalised on the fly, every word typed tested as a
substring of the padded names, both passes (words, then the typo pass) as essdash.actors.search
documents them. It gives the SIRETs the indexed search must give, and the time it saves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from essdash.actors.search import FUZZY_MIN, MAX_TOKENS
from essdash.indicators import store
from essdash.indicators.search_index import normalised

_COMMUNE = re.compile(r"^\d[\dAB]\d{3}$")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _territory_where(communes: Sequence[str]) -> str:
    codes = sorted({c for c in communes if _COMMUNE.match(c)})
    if not codes:
        return "FALSE"
    listed = ", ".join(_literal(c) for c in codes)
    lo, hi = _literal(codes[0]), _literal(codes[-1])
    return f"commune BETWEEN {lo} AND {hi} AND commune IN ({listed})"


def _text_sql(tokens: list[str], phrase: str, fuzzy: bool) -> tuple[str, str]:
    """(score expression, filter) over a search_key padded with one space at each end."""
    whole = [f"contains(search_key, {_literal(f' {t} ')})" for t in tokens]
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
    starts = " OR ".join(f"contains(search_key, {_literal(' ' + t[:3])})" for t in tokens)
    where = f"({starts}) AND {jw} >= {FUZZY_MIN}" if fuzzy else "(" + " OR ".join(inside) + ")"
    return score, where


def ranked_sirets(text: str, communes: Sequence[str], limit: int = 8) -> list[str]:
    """The SIRETs the search ranks first for `text`, computed without the index."""
    con = store.connect()
    try:
        digits = re.sub(r"[\s.]", "", text)
        if digits.isdigit() and len(digits) >= 9:
            column = "siret" if len(digits) > 9 else "siren"
            passes = [
                (
                    "1.0 + 0.1 * CAST(etat = 'A' AS INTEGER)",
                    f"starts_with({column}, {_literal(digits[:14])})",
                )
            ]
        else:
            rows = con.execute(f"SELECT {normalised('$1')}", [text]).fetchall()
            phrase = str(rows[0][0]) if rows else ""
            tokens = [t for t in phrase.split() if len(t) >= 2 or t.isdigit()][:MAX_TOKENS]
            if not tokens:
                return []
            passes = [_text_sql(tokens, phrase, fuzzy) for fuzzy in (False, True)]
        key = "concat_ws(' ', name, sign, acronym, legal_name)"
        source = store.sql_path(store.establishments_path())
        for score, where in passes:
            found = con.execute(f"""
                SELECT siret FROM (
                    SELECT *, {score} AS score FROM (
                        SELECT *, {normalised("name")} AS name_key,
                               ' ' || {normalised(key)} || ' ' AS search_key
                        FROM read_parquet('{source}') WHERE {_territory_where(communes)})
                    WHERE {where})
                ORDER BY score DESC, etat, siret LIMIT {int(limit)}
            """).fetchall()
            if found:
                return [str(r[0]) for r in found]
        return []
    finally:
        con.close()
