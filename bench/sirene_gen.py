# ruff: noqa: E501  (one SQL expression per column reads best on one line)
"""Generated Sirene stock files in INSEE's real layout (53 establishment columns, 33 legal-unit
columns, real commune codes and names), for the import benchmark and the large-file tests.

Deterministic: the same `rows` give the same bytes. About 175 bytes per establishment, like the
national file; 29 legal units for 40 establishments; Lambert-93 coordinates on metropolitan rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from essdash.importers.sirene_layout import ESTABLISHMENT_COLUMNS, LEGAL_UNIT_COLUMNS

CJ = "['9220','9220','5458','8210','9300','5710','5499','1000','1000','5710','1000','6540']"
NAF = "['88.99B','94.99Z','85.59A','47.11B','43.21A','56.10A','62.01Z','84.11Z','86.21Z','01.11Z']"
TRANCHE = "['NN','NN','00','01','02','03','11','12','21','','','NN']"


def _h(i: str, k: int, n: int) -> str:
    """A deterministic pseudo-random integer in [0, n) from row number `i`."""
    return f"CAST(hash({i} * {k}) % {n} AS BIGINT)"


def _communes(con: duckdb.DuckDBPyConnection, cog: Path) -> int:
    rows = [
        (c["code"], c["nom"].upper(), (c.get("codesPostaux") or ["00000"])[0])
        for c in json.loads(cog.read_text(encoding="utf-8"))
        if c.get("type") == "commune-actuelle"
    ]
    frame = pd.DataFrame(rows, columns=["code", "nom", "cp"]).rename_axis("k").reset_index()
    con.register("communes_frame", frame)
    con.execute("CREATE TABLE communes AS SELECT * FROM communes_frame")
    return len(rows)


def _establishment_sql(rows: int, units: int, n_communes: int) -> str:
    unit, nic = f"(i % {units})", f"(i // {units} + 1)"
    metro = "NOT starts_with(c.code, '97')"
    values = {
        "siren": f"lpad(CAST({unit} AS VARCHAR), 9, '0')",
        "nic": f"lpad(CAST({nic} AS VARCHAR), 5, '0')",
        "siret": f"lpad(CAST({unit} AS VARCHAR), 9, '0') || lpad(CAST({nic} AS VARCHAR), 5, '0')",
        "statutDiffusionEtablissement": f"CASE WHEN {_h('i', 17, 50)} = 0 THEN 'P' ELSE 'O' END",
        "dateCreationEtablissement": f"CAST(DATE '1975-01-01' + CAST({_h('i', 1, 18000)} AS INTEGER) AS VARCHAR)",
        "trancheEffectifsEtablissement": f"{TRANCHE}[{_h('i', 7, 12)} + 1]",
        "anneeEffectifsEtablissement": "'2022'",
        "dateDernierTraitementEtablissement": "'2024-03-22T15:40:57'",
        "etablissementSiege": f"CASE WHEN {nic} = 1 THEN 'true' ELSE 'false' END",
        "nombrePeriodesEtablissement": f"CAST({_h('i', 19, 5)} + 1 AS VARCHAR)",
        "numeroVoieEtablissement": f"CAST({_h('i', 23, 120)} + 1 AS VARCHAR)",
        "typeVoieEtablissement": "['RUE','AV','BD','PL','CHE','RTE'][" + _h("i", 29, 6) + " + 1]",
        "libelleVoieEtablissement": "['DE LA REPUBLIQUE','DU GENERAL DE GAULLE','DES ECOLES','DE LA GARE','VICTOR HUGO'][" + _h("i", 31, 5) + " + 1]",
        "codePostalEtablissement": "c.cp",
        "libelleCommuneEtablissement": "c.nom",
        "codeCommuneEtablissement": "c.code",
        "identifiantAdresseEtablissement": f"c.code || '_' || lpad(CAST({_h('i', 37, 9999)} AS VARCHAR), 4, '0')",
        "coordonneeLambertAbscisseEtablissement": f"CASE WHEN {metro} THEN CAST(120000 + {_h('i', 41, 1000000)} + 0.25 AS VARCHAR) END",
        "coordonneeLambertOrdonneeEtablissement": f"CASE WHEN {metro} THEN CAST(6150000 + {_h('i', 43, 950000)} + 0.5 AS VARCHAR) END",
        "dateDebut": f"CAST(DATE '2008-01-01' + CAST({_h('i', 47, 5000)} AS INTEGER) AS VARCHAR)",
        "etatAdministratifEtablissement": f"CASE WHEN {_h('i', 11, 100)} < 45 THEN 'A' ELSE 'F' END",
        "enseigne1Etablissement": f"CASE WHEN {_h('i', 53, 4)} = 0 THEN 'ENSEIGNE ' || CAST({unit} AS VARCHAR) END",
        "denominationUsuelleEtablissement": f"CASE WHEN {_h('i', 59, 9)} = 0 THEN 'ETS ' || CAST({unit} AS VARCHAR) END",
        "activitePrincipaleEtablissement": f"{NAF}[{_h('i', 13, 10)} + 1]",
        "nomenclatureActivitePrincipaleEtablissement": "'NAFRev2'",
        "caractereEmployeurEtablissement": f"CASE WHEN {_h('i', 7, 12)} BETWEEN 2 AND 8 THEN 'O' ELSE 'N' END",
    }  # fmt: skip
    select = ", ".join(f"{values.get(c, 'NULL')} AS {c}" for c in ESTABLISHMENT_COLUMNS)
    return (
        f"SELECT {select} FROM range({rows}) t(i) JOIN communes c ON c.k = {_h('i', 3, n_communes)}"
    )


def _legal_unit_sql(units: int) -> str:
    values = {
        "siren": "lpad(CAST(i AS VARCHAR), 9, '0')",
        "statutDiffusionUniteLegale": "'O'",
        "dateCreationUniteLegale": f"CAST(DATE '1975-01-01' + CAST({_h('i', 5, 18000)} AS INTEGER) AS VARCHAR)",
        "dateDernierTraitementUniteLegale": "'2024-03-22T15:40:57'",
        "nombrePeriodesUniteLegale": "'2'",
        "categorieEntreprise": "'PME'",
        "anneeCategorieEntreprise": "'2021'",
        "dateDebut": "'2019-01-01'",
        "etatAdministratifUniteLegale": "'A'",
        "denominationUniteLegale": "'ASSOCIATION ' || CAST(i AS VARCHAR)",
        "categorieJuridiqueUniteLegale": f"{CJ}[i % 12 + 1]",
        "activitePrincipaleUniteLegale": f"{NAF}[i % 10 + 1]",
        "nomenclatureActivitePrincipaleUniteLegale": "'NAFRev2'",
        "nicSiegeUniteLegale": "'00001'",
        "economieSocialeSolidaireUniteLegale": "CASE WHEN i % 12 = 5 AND i % 3 = 0 THEN 'O' WHEN i % 4 = 0 THEN 'N' END",
        "caractereEmployeurUniteLegale": "'N'",
    }  # fmt: skip
    select = ", ".join(f"{values.get(c, 'NULL')} AS {c}" for c in LEGAL_UNIT_COLUMNS)
    return f"SELECT {select} FROM range({units}) t(i)"


def generate(folder: Path, rows: int, cog: Path) -> tuple[Path, Path]:
    """(establishments CSV, legal units CSV) of `rows` establishments over the real communes."""
    estab = folder / "StockEtablissement_utf8.csv"
    units_path = folder / "StockUniteLegale_utf8.csv"
    units = max(1, rows * 29 // 40)
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET enable_progress_bar = false")
    n = _communes(con, cog)
    con.execute(f"COPY ({_legal_unit_sql(units)}) TO '{units_path}' (HEADER, DELIMITER ',')")
    con.execute(
        f"COPY ({_establishment_sql(rows, units, n)} ) TO '{estab}' (HEADER, DELIMITER ',')"
    )
    con.close()
    return estab, units_path
