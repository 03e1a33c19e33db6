"""About 3,000 fictional establishments of the Val de Démo, ESS and not, written in INSEE's
StockEtablissement / StockUniteLegale layouts and loaded through the real Sirene import."""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pyproj import Transformer
from shapely.geometry import Point, Polygon
from sqlalchemy.orm import Session

from essdash import config
from essdash.demo import geography as geo
from essdash.importers.sirene import import_sirene
from essdash.importers.sirene_layout import (
    ESTABLISHMENT_COLUMNS,
    LEGAL_UNIT_COLUMNS,
    in_layout_order,
)

if TYPE_CHECKING:
    from essdash.demo.loader import DemoContext

SEED = 4004
UNITS = 2_400  # legal units; head offices plus secondary sites give about 3,000 establishments
# The columns the demo fills, in INSEE's order (the others stay absent, as the importer allows).
# fmt: off
ESTABLISHMENT_HEADER = in_layout_order(ESTABLISHMENT_COLUMNS, [
    "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement",
    "trancheEffectifsEtablissement", "anneeEffectifsEtablissement", "etablissementSiege",
    "codePostalEtablissement", "libelleCommuneEtablissement", "codeCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
    "etatAdministratifEtablissement", "enseigne1Etablissement",
    "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
])
UNIT_HEADER = in_layout_order(LEGAL_UNIT_COLUMNS, [
    "siren", "statutDiffusionUniteLegale", "dateCreationUniteLegale",
    "etatAdministratifUniteLegale", "denominationUniteLegale", "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale", "nomenclatureActivitePrincipaleUniteLegale",
    "economieSocialeSolidaireUniteLegale",
])
# fmt: on

# (weight, CJ, ESS flag, name stem, NAF codes, size classes)
Profile = tuple[int, str, str, str, tuple[str, ...], tuple[str, ...]]
PROFILES: tuple[Profile, ...] = (
    (
        150,
        "9220",
        "O",
        "Association",
        (
            "88.99B",
            "93.12Z",
            "94.99Z",
            "85.59A",
            "90.01Z",
            "88.10A",
            "87.30A",
            "56.10A",
            "38.32Z",
            "47.79Z",
        ),
        ("NN", "NN", "01", "02", "03", "11", "12"),
    ),
    (18, "9210", "", "Association", ("94.99Z", "93.29Z"), ("NN", "NN", "01")),
    (
        30,
        "5458",
        "O",
        "SCOP",
        ("43.21A", "62.01Z", "71.12B", "10.71C", "56.10A", "81.21Z"),
        ("01", "02", "03", "11", "12"),
    ),
    (14, "5560", "O", "SCIC", ("38.32Z", "47.11F", "01.13Z", "35.11Z"), ("01", "02", "03", "11")),
    (
        12,
        "6317",
        "O",
        "Coopérative agricole",
        ("01.11Z", "46.31Z", "10.51C"),
        ("02", "03", "11", "12"),
    ),
    (10, "8210", "O", "Mutuelle", ("65.12Z", "86.21Z"), ("01", "02", "11", "21")),
    (4, "9300", "O", "Fondation", ("87.10A", "88.99B"), ("11", "12", "21")),
    (10, "5710", "O", "SAS solidaire", ("47.79Z", "38.11Z", "88.91A"), ("01", "02", "03")),
    (8, "9220", "", "Syndicat", ("94.20Z", "94.11Z"), ("NN", "01")),
    (
        500,
        "1000",
        "",
        "Entreprise individuelle",
        ("43.22A", "47.11B", "56.10C", "96.02A", "01.11Z", "86.23Z", "49.32Z", "45.20A"),
        ("NN", "NN", "NN", "00", "01"),
    ),
    (
        260,
        "5499",
        "",
        "SARL",
        ("43.21A", "47.11C", "56.10A", "45.20A", "10.71C", "68.31Z", "71.12B", "46.90Z"),
        ("NN", "01", "02", "03", "11", "12"),
    ),
    (
        180,
        "5710",
        "",
        "SAS",
        ("62.01Z", "47.19B", "25.62B", "49.41A", "46.69B", "70.22Z", "82.99Z"),
        ("NN", "01", "02", "03", "11", "12", "21"),
    ),
    (80, "6540", "", "SCI", ("68.20B",), ("NN",)),
    (30, "7210", "", "Commune", ("84.11Z", "85.20Z"), ("03", "11", "12")),
    (6, "4110", "", "Établissement public", ("84.12Z", "86.10Z"), ("12", "21")),
)


def seed(session: Session, ctx: DemoContext) -> None:
    """Write the two files under data_dir() and import them (replacing only demo communes)."""
    del session  # the Sirene store is a file: nothing goes to the SQL transaction
    work = config.data_dir() / "demo"
    work.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        units_path, estab_path = (
            Path(tmp) / "StockUniteLegale_demo.csv",
            Path(tmp) / "StockEtablissement_demo.csv",
        )
        write_demo_files(ctx.communes, estab_path, units_path)
        import_sirene(estab_path, units_path, keep_outside=geo.DEPARTEMENT_CODE)


def write_demo_files(communes: list[geo.DemoCommune], estab_path: Path, units_path: Path) -> int:
    """Both CSV files; returns the number of establishments written."""
    rng = random.Random(SEED)
    to_l93 = Transformer.from_crs(4326, 2154, always_xy=True)
    polygons = [Polygon(c.polygon) for c in communes]
    weights = [c.population for c in communes]
    count = 0
    with (
        units_path.open("w", newline="", encoding="utf-8") as uf,
        estab_path.open("w", newline="", encoding="utf-8") as ef,
    ):
        units, estabs = csv.writer(uf, lineterminator="\n"), csv.writer(ef, lineterminator="\n")
        units.writerow(UNIT_HEADER)
        estabs.writerow(ESTABLISHMENT_HEADER)
        for index in range(UNITS):
            profile = rng.choices(PROFILES, weights=[p[0] for p in PROFILES])[0]
            siren = f"{900000000 + index * 7:09d}"
            units.writerow(_unit_row(rng, siren, profile, index))
            for nic in range(1, 2 + (rng.random() < 0.22) + (rng.random() < 0.05)):
                k = rng.choices(range(len(communes)), weights=weights)[0]
                lon, lat = _point_in(rng, polygons[k])
                x, y = to_l93.transform(lon, lat)
                estabs.writerow(_establishment_row(rng, siren, nic, profile, communes[k], x, y))
                count += 1
    return count


def _point_in(rng: random.Random, polygon: Polygon) -> tuple[float, float]:
    minx, miny, maxx, maxy = polygon.bounds
    while True:
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if polygon.contains(Point(lon, lat)):
            return lon, lat


def _unit_row(rng: random.Random, siren: str, profile: Profile, index: int) -> list[str]:
    _, cj, ess, stem, nafs, _sizes = profile
    name = f"{stem} démo n° {index + 1} (fictive)"
    created = f"{rng.randint(1960, 2024)}-{rng.randint(1, 12):02d}-01"
    return [siren, "O", created, "A", name, cj, rng.choice(nafs), "NAFRev2", ess]


def _establishment_row(
    rng: random.Random,
    siren: str,
    nic: int,
    profile: Profile,
    commune: geo.DemoCommune,
    x: float,
    y: float,
) -> list[str]:
    _, _cj, _ess, _stem, nafs, sizes = profile
    active = rng.random() < 0.86
    size = rng.choice(sizes)
    year = rng.choices(range(1975, 2026), weights=[1 + (y - 1975) // 5 for y in range(1975, 2026)])[
        0
    ]
    nic_code = f"{nic:05d}"
    diffusion = "P" if rng.random() < 0.03 else "O"
    xy = ("[ND]", "[ND]") if diffusion == "P" else (f"{x:.2f}", f"{y:.2f}")
    return [
        siren, nic_code, siren + nic_code, diffusion, f"{year}-{rng.randint(1, 12):02d}-15",
        size, "2023" if size not in ("NN", "") else "", "true" if nic == 1 else "false",
        "99999", commune.name.upper(), commune.code, xy[0], xy[1], "A" if active else "F",
        "", "", rng.choice(nafs), "NAFRev2", "O" if size not in ("NN", "00") else "N",
    ]  # fmt: skip
