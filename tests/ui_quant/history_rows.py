"""A plausible Sirene history for the establishments already stored (the demo's): each one opens
at its creation date and, when closed today, closes on a seeded date after it."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import duckdb

from essdash.indicators import store

HEADER = ["siren", "nic", "siret", "dateFin", "dateDebut", "etatAdministratifEtablissement",
          "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement",
          "caractereEmployeurEtablissement"]  # fmt: skip


def write_history(target: Path, seed: int = 2010) -> Path:
    rng = random.Random(seed)
    rows = (
        duckdb.connect()
        .execute(
            "SELECT siret, date_creation, etat, naf, tranche FROM "
            f"read_parquet('{store.sql_path(store.establishments_path())}') ORDER BY siret"
        )
        .fetchall()
    )
    with target.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for siret, created, etat, naf, tranche in rows:
            start = created or dt.date(2000 + rng.randrange(20), 1 + rng.randrange(12), 1)
            employer = "O" if tranche not in ("", "NN", "00") else "N"
            if etat == "F":
                end = start + dt.timedelta(days=200 + rng.randrange(4000))
                end = min(end, dt.date.today() - dt.timedelta(days=30))
                out.writerow(
                    [siret[:9], siret[9:], siret, end, start, "A", naf, "NAFRev2", employer]
                )
                out.writerow([siret[:9], siret[9:], siret, "", end + dt.timedelta(days=1), "F",
                              naf, "NAFRev2", "N"])  # fmt: skip
            else:
                out.writerow(
                    [siret[:9], siret[9:], siret, "", start, "A", naf, "NAFRev2", employer]
                )
    return target
