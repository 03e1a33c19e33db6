# ruff: noqa: E501  (one SQL expression per column reads best on one line)
"""Benchmark of the directory's offline Sirene search (essdash.actors.search).

    python -m bench.actor_search --rows 40000000

Generates a stock of `rows` establishments directly in essdash's stored layout (the Parquet file
`import-sirene` writes), over the real communes of ../shared/data/cog (bench.sirene_gen's commune
table and code lists; names drawn from a vocabulary of ESS words and commune names), builds the
search index, then times searches of a département's territory:
- on a stock holding only that département (what a CRESS imports for one département);
- on the national stock (the same territory, every other département's rows in the file);
- against a baseline in the same run: the same ranking on the stored establishments without the
  index (bench.actor_search_baseline: names normalised on the fly, every row group read), timed
  for two queries and compared for all (the same SIRETs in the same order).
Prints the median, the 95th percentile and the CPU time per query kind, and the ratios.
`--departement-only` generates only the département's rows (the same rows, in a minute).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from bench.actor_search_baseline import ranked_sirets
from bench.sirene_gen import CJ, NAF, TRANCHE, _communes, _h

ROOT = Path(__file__).resolve().parent.parent
COG = ROOT.parent / "shared" / "data" / "cog" / "communes.json"
DEPARTEMENT = "80"
REPEAT = 7
TIMED_BASELINE = ("un mot", "deux mots")  # the others are checked, not timed, without the index
WORDS = "['RESSOURCERIE','EPICERIE SOLIDAIRE','RECYCLERIE','JARDINS','CAFE ASSOCIATIF','AMAP','ATELIER VELO','CRECHE PARENTALE','SCOP','SCIC','MUTUELLE','FOYER RURAL','COMITE DES FETES','CLUB SPORTIF','ECOLE DE MUSIQUE','TIERS LIEU','GARAGE SOLIDAIRE','ENTREPRISE D INSERTION','CHANTIER D INSERTION','BOULANGERIE','PHARMACIE','BOUCHERIE','TRANSPORTS','CABINET','SARL','SAS']"
QUALIFIERS = "['DU VAL','DES DEUX RIVES','DE LA VALLEE','SAINT JEAN','LES AMIS','L ENTRAIDE','DU PAYS','VERTE','SOLIDAIRE','ET FILS','DU CENTRE','DE LA GARE']"


def _stock_sql(rows: int, n_communes: int) -> str:
    units = max(1, rows * 29 // 40)
    unit, nic = f"(i % {units})", f"(i // {units} + 1)"
    word, qual = f"{WORDS}[{_h('i', 61, 26)} + 1]", f"{QUALIFIERS}[{_h('i', 67, 12)} + 1]"
    return f"""
        SELECT lpad(CAST({unit} AS VARCHAR), 9, '0') || lpad(CAST({nic} AS VARCHAR), 5, '0') AS siret,
               lpad(CAST({unit} AS VARCHAR), 9, '0') AS siren, c.code AS commune,
               CASE WHEN {_h("i", 11, 100)} < 45 THEN 'A' ELSE 'F' END AS etat,
               {NAF}[{_h("i", 13, 10)} + 1] AS naf, {NAF}[{_h("i", 13, 10)} + 1] AS naf_rev2,
               {TRANCHE}[{_h("i", 7, 12)} + 1] AS tranche,
               CASE WHEN {_h("i", 71, 3)} = 0 THEN {word} || ' ' || {qual}
                    WHEN {_h("i", 71, 3)} = 1 THEN {word} || ' ' || c.nom
                    ELSE {word} || ' ' || CAST({unit} AS VARCHAR) END AS name,
               CASE WHEN {_h("i", 53, 4)} = 0 THEN 'ENSEIGNE ' || CAST({unit} AS VARCHAR) END AS sign,
               CASE WHEN {_h("i", 73, 5)} = 0 THEN 'A' || CAST({unit} % 997 AS VARCHAR) END AS acronym,
               {word} || ' ' || {qual} AS legal_name,
               CAST({_h("i", 23, 120)} + 1 AS VARCHAR) || ' RUE DE LA GARE, ' || c.cp || ' ' || c.nom AS address,
               {CJ}[{_h("i", 79, 12)} + 1] AS cj, CASE WHEN {_h("i", 83, 9)} = 0 THEN 'O' END AS ess,
               -5.0 + {_h("i", 41, 1300000)} / 100000.0 AS lon, 42.0 + {_h("i", 43, 900000)} / 100000.0 AS lat
        FROM range({rows}) t(i) JOIN communes c ON c.k = {_h("i", 3, n_communes)}
    """


def generate(folder: Path, rows: int, national_stock: bool = True) -> None:
    """The national stored file in `folder`/national and the département's in `folder`/dept
    (only the latter, drawn from the same rows, without `national_stock`)."""
    con = duckdb.connect()
    con.execute("SET memory_limit = '2GB'")
    con.execute(f"SET temp_directory = '{folder / 'spill'}'")
    con.execute("SET preserve_insertion_order = false")
    n = _communes(con, COG)
    national = folder / "national" / "sirene" / "etablissements.parquet"
    dept = folder / "dept" / "sirene" / "etablissements.parquet"
    national.parent.mkdir(parents=True)
    dept.parent.mkdir(parents=True)
    if not national_stock:
        only = f"SELECT * FROM ({_stock_sql(rows, n)}) WHERE starts_with(commune, '{DEPARTEMENT}')"
        con.execute(f"COPY ({only}) TO '{dept}' (FORMAT parquet)")
        con.close()
        return
    con.execute(
        f"COPY ({_stock_sql(rows, n)}) TO '{national}' (FORMAT parquet, ROW_GROUP_SIZE 122880)"
    )
    con.execute(
        f"COPY (SELECT * FROM read_parquet('{national}') WHERE starts_with(commune, '{DEPARTEMENT}')) "
        f"TO '{dept}' (FORMAT parquet)"
    )
    con.close()


def _territory(data: Path) -> tuple[str, ...]:
    rows = duckdb.sql(
        f"SELECT DISTINCT commune FROM read_parquet('{data / 'sirene' / 'etablissements.parquet'}') "
        f"WHERE starts_with(commune, '{DEPARTEMENT}') ORDER BY 1"
    ).fetchall()
    return tuple(r[0] for r in rows)


def _times(run: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float, float]:
    """(median wall ms, p95 wall ms, median CPU ms of this process: both DuckDB threads)."""
    run()  # warm: file metadata, shared connection
    samples, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    samples.sort()
    p95 = samples[int(0.95 * (len(samples) - 1))]
    return statistics.median(samples), p95, statistics.median(cpu)


QUERIES = {
    "un mot": "ressourcerie",
    "deux mots": "epicerie solidaire",
    "mot + commune": "jardins abbeville",
    "faute de frappe": "resourcerie",
    "SIREN": "000012345",
}


def _measure(data: Path, label: str) -> dict[str, float]:
    """Build the index of this stock, then time each query with and without it."""
    os.environ["ESSDASH_DATA_DIR"] = str(data)
    from essdash.actors.search import search_sirene
    from essdash.indicators import search_index

    started, started_cpu = time.perf_counter(), time.process_time()
    rows = search_index.build()
    print(
        f"\n{label}: index of {rows:,} establishments built in {time.perf_counter() - started:.1f} s"
        f" (CPU {time.process_time() - started_cpu:.1f} s)"
    )
    communes = _territory(data)
    medians: dict[str, float] = {}
    for kind, text in QUERIES.items():
        median, p95, cpu = _times(lambda t=text: search_sirene(t, communes))  # type: ignore[misc]
        medians[kind] = median
        line = f"  {kind:<16} « {text} »: médiane {median:7.1f} ms, p95 {p95:7.1f} ms, CPU {cpu:6.1f} ms"
        if kind in TIMED_BASELINE:
            base, _, base_cpu = _times(lambda t=text: ranked_sirets(t, communes), 3)  # type: ignore[misc]
            line += (
                f"   | sans index {base:7.1f} ms (CPU {base_cpu:6.1f}), ratio {base / median:5.1f}x"
            )
        same = [h.siret for h in search_sirene(text, communes)] == ranked_sirets(text, communes)
        print(line + f"   | mêmes résultats : {'oui' if same else 'NON'}")
    return medians


def _load() -> str:
    return "Charge de la machine (1, 5, 15 min) : {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=40_000_000)
    parser.add_argument(
        "--departement-only",
        action="store_true",
        help="only the département's rows of the national stock (no 40 M-row file)",
    )
    args = parser.parse_args()
    print(_load())
    with tempfile.TemporaryDirectory(prefix="essdash-actor-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        generate(folder, args.rows, national_stock=not args.departement_only)
        kind = "du département" if args.departement_only else "national"
        print(
            f"Stock {kind} généré (stock national de {args.rows:,} établissements) en {time.perf_counter() - started:.0f} s"
        )
        print(
            f"Territoire : communes du département {DEPARTEMENT}; {REPEAT} recherches par requête"
        )
        dept = _measure(folder / "dept", f"Stock du département {DEPARTEMENT}")
        print(_load())
        worst = f"\nPire médiane : département {max(dept.values()):.0f} ms (cible 300)"
        if not args.departement_only:
            national = _measure(folder / "national", "Stock national")
            worst += f", national {max(national.values()):.0f} ms (cible 1000)"
        print(worst)
    print(_load())


if __name__ == "__main__":
    main()
