"""Filières: editable lists of NAF rév. 2 codes (a prefix matches every code under it)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from essdash import config
from essdash.errors import ImportFailed
from essdash.indicators.perimeter import naf_key

FILIERES_FILE = "filieres.csv"
COLUMNS = ("cle", "libelle", "code_naf")
NAF_PREFIX = re.compile(r"^\d{2}(\d{1,2}[A-Z]?)?$")


@dataclass(frozen=True)
class Filiere:
    key: str
    label: str
    codes: tuple[str, ...]

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(sorted({naf_key(c) for c in self.codes if c.strip()}))


def filieres_path() -> Path:
    own = config.data_dir() / FILIERES_FILE
    return own if own.is_file() else config.ROOT / "data" / FILIERES_FILE


def load_filieres(path: Path | None = None) -> list[Filiere]:
    path = path or filieres_path()
    found: dict[str, tuple[str, list[str]]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ImportFailed(f"{path.name}, ligne 1 : colonne attendue « {missing[0]} » absente.")
        for row in reader:
            _label, codes = found.setdefault(row["cle"], (row["libelle"], []))
            codes.append(row["code_naf"].strip())
    return [Filiere(key, label, tuple(codes)) for key, (label, codes) in found.items()]


def parse_codes(text: str) -> tuple[str, ...]:
    """'38, 39 46.77Z' -> ('38', '39', '46.77Z'); rejects what is not a NAF code or prefix."""
    codes = tuple(c for c in text.replace(";", " ").replace(",", " ").split() if c)
    for code in codes:
        if not NAF_PREFIX.match(naf_key(code)):
            raise ImportFailed(
                f"Code NAF « {code} » non reconnu (attendu par ex. 38, 46.3, 47.79Z)."
            )
    return codes


def save_filieres(filieres: list[Filiere], path: Path | None = None) -> Path:
    """Write the observatory's own list into data_dir() (the shipped file stays untouched)."""
    path = path or config.data_dir() / FILIERES_FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for filiere in filieres:
            for code in filiere.codes:
                writer.writerow((filiere.key, filiere.label, code))
    return path
