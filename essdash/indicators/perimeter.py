"""The ESS perimeter, size classes, sectors and secret thresholds, read from one data file.

The file (`data/perimetre_ess.csv`, columns rubrique, cle, libelle, code, valeur) is the contract of
`docs/quantitatif.md`. An observatory may drop its own version in `config.data_dir()`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from essdash import config
from essdash.errors import ImportFailed

PERIMETER_FILE = "perimetre_ess.csv"
STATISTICAL, LEGAL = "statistique", "legal"
PERIMETER_CHOICES: dict[str, str] = {
    STATISTICAL: "Périmètre statistique (INSEE, par défaut)",
    LEGAL: "Périmètre légal (loi du 31 juillet 2014)",
}
COMMERCIAL_FAMILY = "commerciale_ess"
NOT_CLASSIFIED, OTHER_SECTOR = "non_classe", "autres"
NO_EMPLOYEE_CODES = ("NN", "00", "")
COLUMNS = ("rubrique", "cle", "libelle", "code", "valeur")


@dataclass
class Perimeter:
    """Every list the figures depend on; built from the data file, never written in code."""

    families: dict[str, str] = field(default_factory=dict)  # key -> French label
    cj_family: dict[str, str] = field(default_factory=dict)  # CJ niveau III -> family key
    excluded_naf: dict[str, str] = field(default_factory=dict)  # NAF prefix -> why
    size_labels: dict[str, str] = field(default_factory=dict)
    size_midpoints: dict[str, float] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)  # key -> label, in display order
    division_sector: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    division_section: dict[str, str] = field(default_factory=dict)
    public_cj_prefixes: tuple[str, ...] = ()
    secret_min_establishments: int = 3
    secret_dominance: float = 0.85
    source: str = ""

    def families_for(self, perimeter: str) -> dict[str, str]:
        """Family labels of the chosen perimeter (the legal one adds the commercial companies)."""
        if perimeter == LEGAL:
            return dict(self.families)
        return {k: v for k, v in self.families.items() if k != COMMERCIAL_FAMILY}


def naf_key(code: str) -> str:
    """NAF code without dot, upper case: '94.99Z' -> '9499Z', '46.3' -> '463'."""
    return code.replace(".", "").strip().upper()


def perimeter_path() -> Path:
    """The observatory's own table in data_dir() if present, else the one shipped with essdash."""
    own = config.data_dir() / PERIMETER_FILE
    return own if own.is_file() else config.ROOT / "data" / PERIMETER_FILE


def load_perimeter(path: Path | None = None) -> Perimeter:
    path = path or perimeter_path()
    perimeter = Perimeter(source=str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ImportFailed(
                f"{path.name}, ligne 1 : colonne attendue « {missing[0]} » absente "
                f"(colonnes attendues : {', '.join(COLUMNS)})."
            )
        for line, row in enumerate(reader, start=2):
            _add_row(perimeter, row, path.name, line)
    return perimeter


def _add_row(p: Perimeter, row: dict[str, str], name: str, line: int) -> None:
    part, key, label, code = row["rubrique"], row["cle"], row["libelle"], row["code"].strip()
    value = (row["valeur"] or "").strip()
    try:
        if part == "famille":
            p.families.setdefault(key, label)
            p.cj_family[code] = key
        elif part == "famille_legale":
            p.families[key] = label
        elif part == "exclusion":
            p.excluded_naf[naf_key(code)] = label
        elif part == "tranche":
            p.size_labels[code] = label
            p.size_midpoints[code] = float(value)
        elif part in ("secteur", "section"):
            labels, mapping = (
                (p.sectors, p.division_sector)
                if part == "secteur"
                else (p.sections, p.division_section)
            )
            labels.setdefault(key, label)
            if code:
                mapping[code.zfill(2)] = key
        elif part == "public":
            p.public_cj_prefixes = (*p.public_cj_prefixes, code)
        elif part == "secret" and key == "min_etablissements":
            p.secret_min_establishments = int(value)
        elif part == "secret" and key == "dominance":
            p.secret_dominance = float(value)
    except ValueError as error:
        raise ImportFailed(
            f"{name}, ligne {line} : colonne « valeur » attendue numérique, lu « {value} »."
        ) from error


def filiere_prefixes(codes: list[str]) -> list[str]:
    """Normalised NAF prefixes of a filière (a prefix matches every code under it)."""
    return sorted({naf_key(c) for c in codes if c.strip()})
