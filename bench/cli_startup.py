"""Start-up time of `python -m essdash`: lazy command imports against eager ones.

    python -m bench.cli_startup [--runs 5] [--baseline-rev REV]

Every command module of essdash/cli is imported to build the parser; they import their domain
modules (SQLAlchemy, pandas, DuckDB, shapely, openpyxl…) inside the command that needs them.
The baseline, run in this same process, is the same CLI with the domain modules imported before
it starts, as the command modules did at module level until they were made lazy
(`--baseline-rev REV` runs the CLI of that git revision instead, exported to a temporary folder).

Two cases, each run in a fresh interpreter `--runs` times (the median is printed):
- `--help`;
- a cheap refusal: `import-urssaf` on a CSV without its headcount columns (the bad-input corpus
  runs about a hundred such children).
Prints wall times, the ratio baseline / lazy, and the machine's load before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What essdash/cli/*.py imported at module level before the commands imported lazily.
EAGER = (
    "essdash.db",
    "essdash.db.migrate",
    "essdash.demo",
    "essdash.diagnostics.creation",
    "essdash.exports.geo",
    "essdash.exports.scope",
    "essdash.exports.workbook",
    "essdash.maintenance.backup",
)
_RUN = (
    "import runpy, sys; sys.argv[0] = 'essdash'; runpy.run_module('essdash', run_name='__main__')"
)


def _command(eager: bool) -> list[str]:
    preload = "".join(f"import {name}; " for name in EAGER) if eager else ""
    return [sys.executable, "-c", preload + _RUN]


def _median_seconds(
    command: list[str], args: list[str], cwd: Path, env: dict[str, str], runs: int
) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*command, *args], cwd=cwd, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _export(rev: str, target: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", rev, "essdash"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    target.mkdir()
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-rev", help="git revision whose CLI is the baseline")
    options = parser.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bad = folder / "effectifs.csv"
        bad.write_text("Code commune;Intitulé commune\n80021;Amiens\n", encoding="utf-8")
        env = dict(os.environ, ESSDASH_DATA_DIR=str(folder / "data"), PYTHONWARNINGS="ignore")
        env.pop("ESSDASH_DATABASE_URL", None)
        baseline_cwd = ROOT
        if options.baseline_rev:
            baseline_cwd = _export(options.baseline_rev, folder / "baseline")
        print(f"{'case':<26}{'baseline s':>12}{'lazy s':>10}{'ratio':>8}")
        cases = {"--help": ["--help"], "refused import-urssaf": ["import-urssaf", str(bad)]}
        for name, args in cases.items():
            eager = not options.baseline_rev
            before = _median_seconds(_command(eager), args, baseline_cwd, env, options.runs)
            after = _median_seconds(_command(False), args, ROOT, env, options.runs)
            print(f"{name:<26}{before:>12.3f}{after:>10.3f}{before / after:>7.1f}x")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
