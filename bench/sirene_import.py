"""Benchmark of the Sirene import against the bare engine, on files in INSEE's real layout.

    python -m bench.sirene_import --rows 5000000      (also 20000000; --national = 40 M)

Generates StockEtablissement (53 columns) and StockUniteLegale (33 columns) files over the real
communes of ../shared/data/cog, then runs, each in its own spawned process (so that the peak RSS is
its own), one after the other on the same files:
- essdash's `import_sirene` (checks, join, coordinates, Parquet store);
- bare DuckDB, same memory limit and threads: scan both CSVs, join on siren, group by commune;
- the columns essdash reads copied as they are to Parquet (the floor of any import storing them);
- pandas `read_csv(usecols)` + merge + groupby, up to 5 M rows (it needs ~2 GB there).
essdash's time is also given without the work that follows the import in the same call (the
indicator cube and the directory's search index).
Prints times, rows/s, peak RSS and the ratios, with the machine's load before and after.
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

from bench.sirene_gen import generate

ROOT = Path(__file__).resolve().parent.parent
COG = ROOT.parent / "shared" / "data" / "cog" / "communes.json"
PANDAS_MAX_ROWS = 5_000_000


# (wall, CPU) seconds of the work that follows the import in the same call (the indicator cube
# and the directory's search index, store.after_import), reported apart in the child's result.
_AFTER: list[tuple[float, float]] = []


def _essdash(estab: Path, units: Path, data_dir: Path) -> int:
    os.environ["ESSDASH_DATA_DIR"] = str(data_dir)
    from essdash.importers.sirene import import_sirene
    from essdash.indicators import store

    after_import = store.after_import

    def timed() -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        after_import()
        _AFTER.append((time.perf_counter() - wall, time.process_time() - cpu))

    store.after_import = timed  # type: ignore[assignment]
    return import_sirene(estab, units).establishments


def _copy_as_is(estab: Path, units: Path, data_dir: Path) -> int:
    """The floor of any import storing these columns: the columns essdash reads, copied as they
    are to Parquet (no check, no join, no conversion), same limit and threads."""
    con = _bare_connection(data_dir)
    estab_cols = ", ".join(ESTAB_READ)
    con.execute(
        f"COPY (SELECT siren, categorieJuridiqueUniteLegale, economieSocialeSolidaireUniteLegale, "
        f"denominationUniteLegale, nomUniteLegale, sigleUniteLegale FROM read_csv('{units}', "
        f"all_varchar = true)) TO '{data_dir}/u.parquet' (FORMAT parquet, COMPRESSION snappy)"
    )
    con.execute(
        f"COPY (SELECT {estab_cols} FROM read_csv('{estab}', all_varchar = true)) "
        f"TO '{data_dir}/e.parquet' (FORMAT parquet, COMPRESSION snappy)"
    )
    row = con.execute(f"SELECT count(*) FROM read_parquet('{data_dir}/e.parquet')").fetchone()
    con.close()
    return int(row[0]) if row else 0


# The establishment columns essdash's import reads (essdash.importers.sirene_sql).
ESTAB_READ = (
    "siret", "siren", "codeCommuneEtablissement", "etatAdministratifEtablissement",
    "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement",
    "trancheEffectifsEtablissement", "dateCreationEtablissement", "statutDiffusionEtablissement",
    "denominationUsuelleEtablissement", "enseigne1Etablissement", "numeroVoieEtablissement",
    "indiceRepetitionEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement",
    "codePostalEtablissement", "libelleCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
)  # fmt: skip


def _bare_connection(data_dir: Path) -> duckdb.DuckDBPyConnection:
    from essdash.indicators.store import MEMORY_LIMIT

    spill = data_dir / "bare-spill"
    spill.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = '{spill}'")
    con.execute("SET threads = 2")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    return con


def _bare_duckdb(estab: Path, units: Path, data_dir: Path) -> int:
    """The engine alone: the same scan, join and a group by commune, nothing written."""
    con = _bare_connection(data_dir)
    rows = con.execute(
        f"""SELECT sum(n) FROM (
            SELECT e.codeCommuneEtablissement AS commune, count(*) AS n, count(u.cj) AS with_cj
            FROM read_csv('{estab}', all_varchar = true) e
            LEFT JOIN (SELECT siren, categorieJuridiqueUniteLegale AS cj
                       FROM read_csv('{units}', all_varchar = true)) u ON u.siren = e.siren
            GROUP BY 1)"""
    ).fetchone()
    con.close()
    return int(rows[0]) if rows else 0


def _pandas(estab: Path, units: Path, _data_dir: Path) -> int:
    import pandas as pd

    e = pd.read_csv(estab, dtype=str, usecols=["siren", "codeCommuneEtablissement"])
    u = pd.read_csv(units, dtype=str, usecols=["siren", "categorieJuridiqueUniteLegale"])
    merged = e.merge(u, on="siren", how="left")
    table = merged.groupby("codeCommuneEtablissement", dropna=False).agg(
        n=("siren", "size"), with_cj=("categorieJuridiqueUniteLegale", "count")
    )
    return int(table["n"].sum())


TASKS = {"essdash": _essdash, "duckdb": _bare_duckdb, "copie": _copy_as_is, "pandas": _pandas}


def _child(task: str, args: tuple[str, str, str], out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    started = time.perf_counter()
    cpu0 = time.process_time()
    count = TASKS[task](Path(args[0]), Path(args[1]), Path(args[2]))
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = time.process_time() - cpu0
    after = _AFTER[0] if _AFTER else (0.0, 0.0)
    out.put(((seconds, cpu, count, usage.ru_maxrss / 1024), after))


Result = tuple[float, float, int, float]


def in_child(task: str, *args: str) -> tuple[Result, tuple[float, float]]:
    """((wall seconds, CPU seconds, rows, peak RSS in MB), (wall, CPU) of the after-import work)
    of `task` in a spawned process."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(task, args, queue))
    child.start()
    result: tuple[Result, tuple[float, float]] = queue.get()
    child.join()
    return result


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"charge {one:.1f} (1 min) / {five:.1f} (5 min)"


def _files(rows: int, folder: Path, keep: Path | None) -> tuple[Path, Path]:
    """The generated files: kept under `keep`/rows-N and reused when already there."""
    if keep is None:
        return generate(folder, rows, COG)
    kept = keep / f"rows-{rows}"
    estab, units = kept / "StockEtablissement_utf8.csv", kept / "StockUniteLegale_utf8.csv"
    if not (estab.is_file() and units.is_file()):
        kept.mkdir(parents=True, exist_ok=True)
        generate(kept, rows, COG)
    return estab, units


def run(
    rows: int, folder: Path, keep: Path | None = None, only: list[str] | None = None
) -> dict[str, tuple[float, float, int, float]]:
    started = time.perf_counter()
    estab, units = _files(rows, folder, keep)
    gb = (estab.stat().st_size / 1e9, units.stat().st_size / 1e9)
    print(f"Fichiers générés (format réel, 53 + 33 colonnes) : {rows:,} établissements, "
          f"{gb[0]:.2f} + {gb[1]:.2f} Go en {time.perf_counter() - started:.0f} s")  # fmt: skip
    results: dict[str, tuple[float, float, int, float]] = {}
    tasks = [t for t in TASKS if t != "pandas" or rows <= PANDAS_MAX_ROWS]
    tasks = [t for t in tasks if only is None or t in only]
    for task in tasks:
        print(f"  {task} … ({_load()})", flush=True)
        results[task], after = in_child(task, str(estab), str(units), str(folder / f"data-{task}"))
        wall, cpu, count, peak = results[task]
        print(f"  {task:8} {wall:7.1f} s (CPU {cpu:6.1f} s)  {count / wall:>10,.0f} lignes/s  "
              f"mémoire max {peak:6,.0f} Mo  ({count:,} lignes)", flush=True)  # fmt: skip
        if task == "essdash":
            print(f"    dont cube des indicateurs + index de recherche : {after[0]:.1f} s "
                  f"(CPU {after[1]:.1f} s) ; import seul : {wall - after[0]:.1f} s "
                  f"(CPU {cpu - after[1]:.1f} s)", flush=True)  # fmt: skip
            results["import seul"] = (wall - after[0], cpu - after[1], count, peak)
    if "duckdb" not in results:
        return results
    wall, cpu = results["duckdb"][0], results["duckdb"][1]
    ratios = ", ".join(
        f"{t} ÷ DuckDB nu = {results[t][0] / wall:.2f} (CPU {results[t][1] / cpu:.2f})"
        for t in results
        if t != "duckdb"
    )
    if "copie" in results and "import seul" in results:
        own, floor = results["import seul"], results["copie"]
        ratios += f" ; import seul ÷ copie telle quelle = {own[0] / floor[0]:.2f} "
        ratios += f"(CPU {own[1] / floor[1]:.2f})"
    print(f"  rapports : {ratios} ; {_load()}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, action="append")
    parser.add_argument("--national", action="store_true", help="40 millions d'établissements")
    parser.add_argument("--dir", type=Path, help="dossier de travail (défaut : temporaire)")
    parser.add_argument(
        "--keep", type=Path, help="dossier où garder les fichiers générés et les réutiliser"
    )
    parser.add_argument("--only", action="append", choices=list(TASKS), help="tâches à lancer")
    args = parser.parse_args()
    sizes = args.rows or []
    if args.national:
        sizes.append(40_000_000)
    print(f"Machine : {os.cpu_count()} cœurs, {_load()}")
    for rows in sizes or [5_000_000]:
        with tempfile.TemporaryDirectory(prefix="essdash-import-", dir=args.dir) as tmp:
            run(rows, Path(tmp), args.keep, args.only)


if __name__ == "__main__":
    main()
