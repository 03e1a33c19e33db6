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


def _child(task: str, args: tuple[str, ...], out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Runs in a fresh (spawned) process so that its peak RSS is its own."""
    started = time.perf_counter()
    if task == "import":
        os.environ["ESSDASH_DATA_DIR"] = args[2]
        from essdash.importers.sirene import import_sirene

        count = import_sirene(Path(args[0]), Path(args[1])).establishments
    else:
        count = pandas_baseline(Path(args[0]), Path(args[1]), args[2:])
    seconds = time.perf_counter() - started
    out.put((seconds, count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def in_child(task: str, *args: str) -> tuple[float, int, float]:
    """(seconds, count, peak RSS in MB) of `task` run in a spawned child process."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(task, args, queue))
    child.start()
    result: tuple[float, int, float] = queue.get()
    child.join()
    return result


def pandas_baseline(estab: Path, units: Path, communes: tuple[str, ...]) -> int:
    """The same figures the plain way: read both CSVs, filter, merge, classify, group."""
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
    return int(table.sum())


def _ess(cube: pd.DataFrame) -> int:
    return int(cube.loc[cube["active"] & cube["family"].notna(), "establishments"].sum())


def time_territories(estab: Path, units: Path, folder: Path) -> None:
    """Per territory: DuckDB cold, DuckDB through the page's cache, pandas baseline."""
    os.environ["ESSDASH_DATA_DIR"] = str(folder / "data")
    import logging

    import streamlit as st

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "No runtime found" is expected here

    from essdash.indicators import store
    from essdash.indicators.perimeter import load_perimeter
    from essdash.indicators.query import grouped

    perimeter = load_perimeter()
    aliases = pd.DataFrame({"old_code": [], "commune_code": []}, dtype="string")

    @st.cache_data(max_entries=16, show_spinner=False)  # same mechanism as essdash.ui.quant.data
    def cached(members: tuple[str, ...] | None, version: str) -> pd.DataFrame:
        return grouped(perimeter, "statistique", members, aliases)[0]  # pickled, like the page

    version = store.data_version()
    for dep in ("44", "60", "80"):
        communes = tuple(f"{dep}{i:03d}" for i in range(COMMUNES_PER_DEP))
        t0 = time.perf_counter()
        ess = _ess(grouped(perimeter, "statistique", communes, aliases)[0])
        cold = time.perf_counter() - t0
        cached(communes, version)
        t0 = time.perf_counter()
        cached(communes, version)
        hit = time.perf_counter() - t0
        base, base_ess, base_mb = in_child("pandas", str(estab), str(units), *communes)
        print(f"Territoire {dep} ({COMMUNES_PER_DEP} communes, {ess:,} établissements ESS ; "
              f"pandas {base_ess:,}) : DuckDB à froid {cold * 1000:.0f} ms, en cache "
              f"{hit * 1000:.2f} ms ; pandas read_csv+groupby {base:.1f} s, {base_mb:,.0f} Mo ; "
              f"rapport ×{base / cold:.1f} à froid, ×{base / hit:,.0f} en cache")  # fmt: skip
    t0 = time.perf_counter()
    grouped(perimeter, "statistique", None, aliases)
    print(f"France entière (toutes communes, à froid) : {time.perf_counter() - t0:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", 5_000_000)))
    args = parser.parse_args()
    print(
        f"Machine : {os.cpu_count()} cœurs ; "
        f"commande : python -m bench.indicators --rows {args.rows}"
    )
    with tempfile.TemporaryDirectory(prefix="essdash-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        estab, units = generate(folder, args.rows)
        size_mb = estab.stat().st_size / 1e6
        print(
            f"Fichier généré : {args.rows:,} établissements, {size_mb:,.0f} Mo "
            f"en {time.perf_counter() - started:.1f} s"
        )
        seconds, count, peak = in_child("import", str(estab), str(units), str(folder / "data"))
        print(f"Import : {count:,} lignes en {seconds:.1f} s ({count / seconds:,.0f} lignes/s, "
              f"{size_mb / seconds:.0f} Mo/s), mémoire max {peak:,.0f} Mo")  # fmt: skip
        time_territories(estab, units, folder)
        from bench.territory_times import time_reports

        time_reports(folder / "data")


if __name__ == "__main__":
    main()
