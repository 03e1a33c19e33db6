"""Only the territory timings of `make bench`, on a generated base (faster to rerun):

python -m bench.territories_main [--rows 5000000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.indicators import generate, in_child
from bench.territory_times import time_reports


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="essdash-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        estab, units = generate(folder, args.rows)
        print(f"Fichier généré : {args.rows:,} établissements en "
              f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
        seconds, count, peak = in_child("import", str(estab), str(units), str(folder / "data"))
        print(f"Import (cube compris) : {count:,} lignes en {seconds:.1f} s, "
              f"mémoire max {peak:,.0f} Mo", flush=True)  # fmt: skip
        time_reports(folder / "data")


if __name__ == "__main__":
    main()
