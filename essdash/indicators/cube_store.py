"""Figures of any territory summed from the cube; large territories kept on disk per version.

A département, a région or France is computed once per data version (cube stamp, URSSAF file,
its communes and perimeter choice) and stored as a pickle inside the cube directory, which a
rebuild replaces whole: those figures are then read back in a few milliseconds, in any process.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pyarrow as pa
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.indicators import cube, cube_figures, panorama, store
from essdash.indicators.compute import Figures, apply_secret, use_urssaf
from essdash.indicators.perimeter import Perimeter
from essdash.indicators.territories import TerritoryRef
from essdash.models import Commune, CommuneAlias

KEPT_KINDS = ("departement", "region", "france")
REFS = "figures"


def session_aliases(session: Session) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Old code -> current commune, and current commune -> old codes; read once per session."""
    found = session.info.get("essdash_aliases")
    if found is None:
        rows = session.execute(select(CommuneAlias.old_code, CommuneAlias.commune_code)).all()
        olds: dict[str, list[str]] = {}
        for old, new in rows:
            olds.setdefault(new, []).append(old)
        found = session.info["essdash_aliases"] = ({old: new for old, new in rows}, olds)
    return found  # type: ignore[no-any-return]


def raw_codes(ref: TerritoryRef, olds: dict[str, list[str]]) -> set[str] | None:
    """The commune codes found in Sirene for the territory (its communes and their old codes)."""
    if ref.communes is None:
        return None
    raw = set(ref.communes)
    for code in ref.communes:
        raw.update(olds.get(code, ()))
    return raw


def commune_names(session: Session, codes: tuple[str, ...] | None) -> dict[str, str]:
    query = select(Commune.code, Commune.name)
    if codes is not None:
        query = query.where(Commune.code.in_(codes))
    return {code: name for code, name in session.execute(query).all()}


def territory_rows(ref: TerritoryRef, raw: set[str] | None, with_communes: bool) -> pa.Table:
    """The cube rows of the territory: per commune when its commune table is wanted."""
    if raw is None and not with_communes:
        return cube.france_rows()
    return cube.commune_rows(raw)


def _cache_path(ref: TerritoryRef, choice: str, raw: set[str] | None, with_communes: bool) -> Path:
    members = "*" if raw is None else ",".join(sorted(raw))
    urssaf = store.file_version(store.urssaf_path())
    text = f"{ref.key}|{ref.name}|{choice}|{with_communes}|{urssaf}|{members}"
    return cube.cube_dir() / REFS / (hashlib.sha1(text.encode()).hexdigest() + ".pkl")


def figures(
    session: Session, ref: TerritoryRef, choice: str, p: Perimeter, with_communes: bool
) -> Figures:
    """The figures of `ref` in the chosen perimeter, from the cube (built first if stale)."""
    cube.ensure()
    alias_map, olds = session_aliases(session)
    raw = raw_codes(ref, olds)
    kept = _cache_path(ref, choice, raw, with_communes) if ref.kind in KEPT_KINDS else None
    if kept is not None and kept.is_file():
        try:
            found: Figures = pickle.loads(kept.read_bytes())
            return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            kept.unlink(missing_ok=True)
    rows = territory_rows(ref, raw, with_communes)
    cells = cube_figures.for_choice(cube_figures.collapse(rows), choice)
    communes = None
    if with_communes:
        names = commune_names(session, ref.communes)
        communes = cube_figures.by_commune(rows, choice, alias_map, names)
    result = Figures(
        territory=ref,
        perimeter=choice,
        **cube_figures.headline(cells),  # type: ignore[arg-type]
        tables=cube_figures.tables(cells, p, choice, communes),
    )
    if with_communes:  # a reference needs no panorama (its density uses its total only)
        result.panorama, result.panorama_secret = panorama.compute(cells, p, choice)
    use_urssaf(result)
    apply_secret(result, p)
    if kept is not None:
        _write(kept, result)
    return result


def _write(path: Path, result: Figures) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    temp.replace(path)
