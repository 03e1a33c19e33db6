"""Write tiny Sirene stock files from hand-made rows, and the communes they sit in."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from essdash.db import write_session
from essdash.models import Commune, Territory, TerritoryCommune

ESTAB_HEADER = [
    "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement",
    "trancheEffectifsEtablissement", "codeCommuneEtablissement", "etatAdministratifEtablissement",
    "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement",
]  # fmt: skip
UNIT_HEADER = ["siren", "categorieJuridiqueUniteLegale", "economieSocialeSolidaireUniteLegale"]


@dataclass(frozen=True)
class Row:
    cj: str
    naf: str = "88.99B"
    tranche: str = "NN"
    etat: str = "A"
    ess: str = ""
    commune: str = "99001"
    nomenclature: str = "NAFRev2"
    created: str = "2020-05-01"


def write_files(rows: list[Row], folder: Path) -> tuple[Path, Path]:
    """One legal unit per row (siren 100000001, ...), one establishment each."""
    estab, units = folder / "StockEtablissement_test.csv", folder / "StockUniteLegale_test.csv"
    with estab.open("w", newline="") as ef, units.open("w", newline="") as uf:
        e, u = csv.writer(ef), csv.writer(uf)
        e.writerow(ESTAB_HEADER)
        u.writerow(UNIT_HEADER)
        for i, r in enumerate(rows, start=1):
            siren = f"{100000000 + i:09d}"
            e.writerow([siren, "00012", siren + "00012", "O", r.created, r.tranche, r.commune,
                        r.etat, r.naf, r.nomenclature])  # fmt: skip
            u.writerow([siren, r.cj, r.ess])
    return estab, units


def add_communes(codes: list[str], departement: str = "99", region: str = "99") -> None:
    """Fictional communes of a fictional département, with an EPCI of all of them."""
    with write_session() as s:
        for code in codes:
            s.add(Commune(code=code, name=f"Commune {code}", departement_code=departement,
                          region_code=region, epci_code="299999999"))  # fmt: skip
        epci = Territory(
            kind="epci",
            code="299999999",
            name="EPCI test",
            parent_departement=departement,
            parent_region=region,
        )
        epci.communes = [TerritoryCommune(commune_code=c) for c in codes]
        s.add(epci)
        s.add(
            Territory(
                kind="departement", code=departement, name="Département test", parent_region=region
            )
        )
        s.add(Territory(kind="region", code=region, name="Région test", parent_region=region))
