"""What observatories publish beside the counts: size classes per family, NA88 divisions,
establishments per 10,000 inhabitants. Read off the cube's cells; secret applied per table."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from essdash.indicators import secret
from essdash.indicators.cube_figures import MEASURES, Cell
from essdash.indicators.naf_divisions import DIVISIONS
from essdash.indicators.perimeter import Perimeter

SIZE_CLASSES = {
    "NN": "Sans salarié ou non renseigné",
    "lt10": "Moins de 10",
    "10_49": "10 à 49",
    "50_249": "50 à 249",
    "250+": "250 et plus",
}
_CLASS_OF = {"01": "lt10", "02": "lt10", "03": "lt10", "11": "10_49", "12": "10_49",
             "21": "50_249", "22": "50_249", "31": "50_249"}  # fmt: skip


def size_class(tranche: str | None) -> str:
    """Sirene size band -> observatory class (bands of 250 and more: '250+')."""
    if not tranche or tranche in ("NN", "00"):
        return "NN"
    return _CLASS_OF.get(tranche, "250+")


def _size_by_family(cells: list[Cell], p: Perimeter, choice: str) -> pd.DataFrame:
    counts: dict[tuple[str, str], int] = {}
    for c in cells:
        if c["part"] == "size" and c["family"] is not None:
            where = (c["family"], size_class(c["key"]))
            counts[where] = counts.get(where, 0) + int(c["establishments"])
    families = [f for f in p.families_for(choice) if any(k[0] == f for k in counts)]
    table = pd.DataFrame(
        [[counts.get((f, k), 0) for k in SIZE_CLASSES] for f in families],
        index=pd.Index(families, name="key", dtype=object),
        columns=list(SIZE_CLASSES),
        dtype="int64",
    )
    table.insert(0, "label", [p.families[f] for f in families])
    return table


def _divisions(cells: list[Cell]) -> pd.DataFrame:
    acc: dict[str, list[float]] = {}
    for c in cells:
        if c["part"] != "division" or c["family"] is None:
            continue
        key = c["key"] or ""
        row = acc.setdefault(key, [0, 0, 0.0, 0.0])
        for i, m in enumerate(MEASURES[:3]):
            row[i] += c[m] or 0
        row[3] = max(row[3], c["max_employees"] or 0)
    keys = sorted(acc, key=lambda k: (-acc[k][0], k))
    table = pd.DataFrame([acc[k] for k in keys], columns=MEASURES,
                         index=pd.Index(keys, name="key", dtype=object))  # fmt: skip
    table = table.astype({"establishments": "int64", "employer_establishments": "int64"})
    labels = [DIVISIONS.get(k, "Activité non classée en NAF rév. 2") if k else
              "Activité non classée en NAF rév. 2" for k in keys]  # fmt: skip
    table.insert(
        0, "label", [f"{k} – {lab}" if k else lab for k, lab in zip(keys, labels, strict=True)]
    )
    return table


def compute(
    cells: Iterable[Cell], p: Perimeter, choice: str
) -> tuple[dict[str, pd.DataFrame], list[secret.SecretCell]]:
    """The panorama tables and their masked cells (a family × size cell is keyed 'family|class')."""
    cells = list(cells)
    sizes, divisions = _size_by_family(cells, p, choice), _divisions(cells)
    hidden = secret.secret_cells("by_division", divisions, p.secret_min_establishments,
                                 p.secret_dominance)  # fmt: skip
    for family, values in zip(sizes.index, sizes[list(SIZE_CLASSES)].to_numpy(), strict=True):
        for key, reason in _row_secret(dict(zip(SIZE_CLASSES, values, strict=True)), p):
            hidden.append(secret.SecretCell("size_by_family", f"{family}|{key}", reason))
    return {"size_by_family": sizes, "by_division": divisions}, hidden


def _row_secret(counts: dict[str, int], p: Perimeter) -> list[tuple[str, str]]:
    """Primary cells (1 to min-1 establishments) of one family's row, and the secondary one
    when a single cell is masked (the smallest other non-empty cell, first among equals)."""
    primary = [k for k, v in counts.items() if 0 < v < p.secret_min_establishments]
    cells = [(k, secret.PRIMARY) for k in primary]
    if len(primary) == 1:
        others = [k for k, v in counts.items() if v > 0 and k not in primary]
        if others:
            cells.append((min(others, key=lambda k: counts[k]), secret.SECONDARY))
    return cells


def per_inhabitants(establishments: int, population: int | None) -> float | None:
    """Establishments per 10,000 inhabitants (None without a population)."""
    if not population:
        return None
    return establishments * 10_000 / population
