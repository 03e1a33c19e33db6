"""Compare two `python -m bench.load --json` files phase by phase (a markdown table).

    python -m bench.compare single.json multi.json

For each number of participants found in both: writes / rows, errors, submit->ack p95,
submit->visible p50 / p95 / max, server CPU (per process), RSS, machine load, and the ratio of
the visible p95s (second file / first file: below 1 means the second set-up is faster).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _label(doc: dict[str, Any]) -> str:
    phase = doc["phases"][0]
    unit = "process" if phase["processes"] == 1 else "processes"
    return f"{phase['processes']} {unit}, {phase['database']}"


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _row(label: str, p: dict[str, Any]) -> str:
    vis, ack = p["visible_s"], p["ack_s"]
    per = ", ".join(
        f"{k} {v['cpu_pct']:.0f} %" for k, v in p["cpu_per_process"].items() if k != "haproxy"
    )
    load = "→".join(f"{x:.0f}" for x in p["load_avg_1min"])
    return (
        f"| {p['participants']} | {label} | {p['writes']} / {p['rows']} | {p['errors']} "
        f"| {_s(ack['p95'])} | {_s(vis['p50'])} / {_s(vis['p95'])} / {_s(vis['max'])} "
        f"| {p['cpu_pct_total']:.0f} % ({per}) | {p['rss_max_mb_total']:.0f} MB | {load} |"
    )


def table(first: dict[str, Any], second: dict[str, Any]) -> str:
    a = {p["participants"]: p for p in first["phases"]}
    b = {p["participants"]: p for p in second["phases"]}
    lines = [
        "| participants | set-up | writes / rows | errors | ack p95 (s) "
        "| visible p50 / p95 / max (s) | server CPU (% of a core) | RSS | load (1 min) |",
        "|---:|---|---|---:|---:|---|---|---:|---|",
    ]
    ratios = []
    for n in sorted(set(a) & set(b)):
        lines += [_row(_label(first), a[n]), _row(_label(second), b[n])]
        pa, pb = a[n]["visible_s"]["p95"], b[n]["visible_s"]["p95"]
        if pa and pb:
            ratios.append(f"{n}: ×{pb / pa:.2f}")
    lines += ["", "visible p95, second ÷ first: " + ", ".join(ratios)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__)
        return 2
    docs = [json.loads(Path(a).read_text(encoding="utf-8")) for a in args]
    print(table(docs[0], docs[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
