"""Benchmark: import a synthetic Sirene-format file, then time indicators per territory, beside a
plain pandas read_csv + merge + groupby doing the same work.

    python -m bench.indicators [--rows 5000000]        (make bench)

Prints import throughput, peak memory (child process), and per-territory times and ratios.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

COMMUNES_PER_DEP = 300


def generate(folder: Path, rows: int) -> tuple[Path, Path]:
    """Establishment and legal-unit CSV files in INSEE's layout (deterministic)."""
    estab, units = folder / "StockEtablissement_bench.csv", folder / "StockUniteLegale_bench.csv"
    con = duckdb.connect()
    n_units = rows * 4 // 5
    con.execute(f"""COPY (SELECT lpad(CAST(i AS VARCHAR), 9, '0') AS siren,
        ['9220','9220','5458','8210','9300','5710','5499','1000','1000','7210'][i % 10 + 1]
            AS categorieJuridiqueUniteLegale,
        CASE WHEN i % 10 = 5 AND i % 3 = 0 THEN 'O' ELSE '' END
            AS economieSocialeSolidaireUniteLegale
        FROM range({n_units}) t(i)) TO '{units}' (HEADER, DELIMITER ',')""")
    con.execute(f"""COPY (SELECT lpad(CAST(i % {n_units} AS VARCHAR), 9, '0') AS siren,
        lpad(CAST(i // {n_units} + 1 AS VARCHAR), 5, '0') AS nic,
        lpad(CAST(i % {n_units} AS VARCHAR), 9, '0') || lpad(CAST(i // {n_units} + 1 AS VARCHAR), 5, '0') AS siret,
        'O' AS statutDiffusionEtablissement,
        CAST(DATE '1980-01-01' + CAST(CAST(hash(i) % 16000 AS BIGINT) AS INTEGER) AS VARCHAR) AS dateCreationEtablissement,
        ['NN','NN','00','01','02','03','11','12','21',''][CAST(hash(i * 7) % 10 AS BIGINT) + 1] AS trancheEffectifsEtablissement,
        lpad(CAST(10 + (CAST(hash(i * 3) % 90 AS BIGINT)) AS VARCHAR), 2, '0') || lpad(CAST(CAST(hash(i * 5) % {COMMUNES_PER_DEP} AS BIGINT) AS VARCHAR), 3, '0')
            AS codeCommuneEtablissement,
        CASE WHEN CAST(hash(i * 11) % 100 AS BIGINT) < 60 THEN 'A' ELSE 'F' END AS etatAdministratifEtablissement,
        ['88.99B','94.99Z','85.59A','47.11B','43.21A','56.10A','62.01Z','84.11Z','86.21Z','01.11Z'][CAST(hash(i * 13) % 10 AS BIGINT) + 1]
            AS activitePrincipaleEtablissement,
        'NAFRev2' AS nomenclatureActivitePrincipaleEtablissement
        FROM range({rows}) t(i)) TO '{estab}' (HEADER, DELIMITER ',')""")  # noqa: E501
    return estab, units


def _import_child(estab: str, units: str, data_dir: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    os.environ["ESSDASH_DATA_DIR"] = data_dir
    from essdash.importers.sirene import import_sirene

    started = time.perf_counter()
    report = import_sirene(Path(estab), Path(units))
    out.put((time.perf_counter() - started, report.establishments))


def run_import(estab: Path, units: Path, data_dir: Path) -> tuple[float, int, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.get_context("fork").Process(
        target=_import_child, args=(str(estab), str(units), str(data_dir), queue)
    )
    child.start()
    seconds, count = queue.get()
    child.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, count, peak_mb


def pandas_baseline(estab: Path, units: Path, communes: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    usecols = ["siren", "codeCommuneEtablissement", "etatAdministratifEtablissement",
               "activitePrincipaleEtablissement", "trancheEffectifsEtablissement"]  # fmt: skip
    e = pd.read_csv(estab, dtype=str, keep_default_na=False, usecols=usecols)
    u = pd.read_csv(units, dtype=str, keep_default_na=False)
    e = e[
        e["codeCommuneEtablissement"].isin(communes) & (e["etatAdministratifEtablissement"] == "A")
    ]
    m = e.merge(u, on="siren", how="left")
    ess = m["categorieJuridiqueUniteLegale"].isin(["9220", "5458", "8210", "9300"])
    ess &= ~m["activitePrincipaleEtablissement"].str.startswith("84")
    table = (
        m[ess].groupby(["categorieJuridiqueUniteLegale", "trancheEffectifsEtablissement"]).size()
    )
    return time.perf_counter() - started, int(table.sum())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", 5_000_000)))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="essdash-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        estab, units = generate(folder, args.rows)
        size_mb = estab.stat().st_size / 1e6
        print(
            f"Fichier généré : {args.rows:,} établissements, {size_mb:,.0f} Mo "
            f"en {time.perf_counter() - started:.1f} s"
        )
        seconds, count, peak = run_import(estab, units, folder / "data")
        print(f"Import : {count:,} lignes en {seconds:.1f} s ({count / seconds:,.0f} lignes/s, "
              f"{size_mb / seconds:.0f} Mo/s), mémoire max {peak:,.0f} Mo")  # fmt: skip
        os.environ["ESSDASH_DATA_DIR"] = str(folder / "data")
        from essdash.indicators.perimeter import load_perimeter
        from essdash.indicators.query import grouped

        perimeter = load_perimeter()
        aliases = pd.DataFrame({"old_code": [], "commune_code": []}, dtype="string")
        for dep in ("44", "60", "80"):
            communes = [f"{dep}{i:03d}" for i in range(COMMUNES_PER_DEP)]
            t0 = time.perf_counter()
            cube, _ = grouped(perimeter, "statistique", tuple(communes), aliases)
            cold = time.perf_counter() - t0
            ess = int(cube.loc[cube["active"] & cube["family"].notna(), "establishments"].sum())
            base, base_ess = pandas_baseline(estab, units, communes)
            print(f"Territoire {dep} ({COMMUNES_PER_DEP} communes) : DuckDB {cold * 1000:.0f} ms "
                  f"({ess:,} établissements ESS) ; pandas read_csv+groupby {base:.1f} s "
                  f"({base_ess:,}) ; rapport ×{base / cold:.0f}")  # fmt: skip
        t0 = time.perf_counter()
        grouped(perimeter, "statistique", None, aliases)
        print(f"France entière (toutes communes) : {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
