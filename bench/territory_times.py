"""Benchmark part: a territory's full figures with its three references, from the cube, against
today's baseline (one scan of the establishments per territory, as before the cube), on the
generated base of bench.indicators.

Each measurement runs in a freshly spawned process ("cold": data on disk, nothing in memory);
"warm" is the same call again in that process. "first" is the first request of a data version
(the département, région and France references are computed then kept on disk).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

from sqlalchemy import insert

COMMUNES_PER_DEP = 300
EPCI_SIZE = 20
DEPARTEMENTS = [f"{d:02d}" for d in range(10, 100)]


def seed_geography(data_dir: Path) -> str:
    """A SQLite database of the generated communes: départements, régions (first digit), EPCI."""
    url = f"sqlite:///{data_dir / 'bench.db'}"
    os.environ["ESSDASH_DATABASE_URL"] = url
    os.environ["ESSDASH_DATA_DIR"] = str(data_dir)
    from essdash.db import migrate, write_session
    from essdash.models import Commune, Territory

    migrate.upgrade(url)
    communes, territories = [], []
    for dep in DEPARTEMENTS:
        territories.append({"kind": "departement", "code": dep, "name": f"Département {dep}",
                            "parent_region": dep[0]})  # fmt: skip
        for i in range(COMMUNES_PER_DEP):
            epci = f"2{dep}{i // EPCI_SIZE:06d}"
            code = f"{dep}{i:03d}"
            communes.append({"code": code, "name": f"Commune {code}", "departement_code": dep,
                             "region_code": dep[0], "epci_code": epci})  # fmt: skip
            if i % EPCI_SIZE == 0:
                territories.append({"kind": "epci", "code": epci, "name": f"EPCI {epci}",
                                    "parent_departement": dep,
                                    "parent_region": dep[0]})  # fmt: skip
    for region in sorted({d[0] for d in DEPARTEMENTS}):
        territories.append({"kind": "region", "code": region, "name": f"Région {region}"})
    with write_session() as session:
        session.execute(insert(Commune), communes)
        session.execute(insert(Territory), territories)
    return url


TERRITORIES = (
    ("commune", "commune:44017"),
    ("EPCI", "epci:244000002"),
    ("département", "departement:44"),
    ("région", "region:4"),
    ("France", "france"),
)


def _child(mode: str, key: str, url: str, data_dir: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    os.environ["ESSDASH_DATABASE_URL"] = url
    os.environ["ESSDASH_DATA_DIR"] = data_dir
    from essdash.db import read_session
    from essdash.indicators.compute import compute_report, scan_figures
    from essdash.indicators.perimeter import STATISTICAL, load_perimeter
    from essdash.indicators.territories import default_references, parse_key, resolve

    def run() -> int:
        with read_session() as session:
            if mode == "cube":
                return compute_report(session, key).main.ess_establishments
            ref = resolve(session, *parse_key(key))
            p = load_perimeter()
            found = scan_figures(session, ref, STATISTICAL, p)
            for other in default_references(session, ref):
                scan_figures(session, other, STATISTICAL, p)
            return found.ess_establishments

    started = time.perf_counter()
    count = run()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    run()
    out.put((cold, time.perf_counter() - started, count))


def in_child(mode: str, key: str, url: str, data_dir: Path) -> tuple[float, float, int]:
    """(cold seconds, warm seconds, ESS establishments) of one report in a spawned process."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(mode, key, url, str(data_dir), queue))
    child.start()
    result: tuple[float, float, int] = queue.get()
    child.join()
    return result


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def time_reports(data_dir: Path) -> None:
    """Cube build time, then per territory: first, cold and warm (cube) against the scan."""
    url = seed_geography(data_dir)
    from essdash.indicators import cube

    started = time.perf_counter()
    cube.build()
    size = sum(f.stat().st_size for f in cube.cube_dir().rglob("*.parquet")) / 1e6
    print(f"Cube : construit en {time.perf_counter() - started:.1f} s ({size:.1f} Mo)")
    for label, key in TERRITORIES:
        first, _, count = in_child("cube", key, url, data_dir)
        cold, warm, _ = in_child("cube", key, url, data_dir)
        base_cold, base_warm, base_count = in_child("scan", key, url, data_dir)
        print(
            f"{label} ({key}) avec ses références, {count:,} établissements ESS "
            f"(balayage : {base_count:,}) : cube 1re fois {_ms(first)}, à froid {_ms(cold)}, "
            f"à chaud {_ms(warm)} ; balayage d'aujourd'hui à froid {_ms(base_cold)}, à chaud "
            f"{_ms(base_warm)} ; rapport ×{base_cold / cold:,.0f} à froid"
        )
