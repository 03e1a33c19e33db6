"""Printing the load bench's figures and writing bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.load import PhaseResult
    from bench.metrics import Summary

TARGET_VISIBLE_P95 = 1.5
# `--write-results` rewrites only what lies between these markers in bench/RESULTS.md.
FIGURES_START = "<!-- figures: written by `python -m bench.load --write-results` -->"
FIGURES_END = "<!-- end of figures -->"


def targets_met(r: PhaseResult) -> bool:
    p95 = r.all_visible.p95
    if r.kill is not None:  # the writes cut by the kill were never acknowledged
        rows_ok = all(c.ok_after_kill for c in r.rows)
    else:
        rows_ok = all(c.ok for c in r.rows)
    return rows_ok and not r.errors and p95 is not None and p95 <= TARGET_VISIBLE_P95


def _rows_line(r: PhaseResult) -> list[str]:
    lines = []
    for c in r.rows:
        if not c.sent and not c.rows:
            continue
        verdict = "OK" if c.ok else "MISMATCH"
        lines.append(
            f"  {c.kind:<13} sent {c.sent:>4}  acknowledged {c.acknowledged:>4}  rows {c.rows:>4}"
            f"  lost {c.lost} (acknowledged {c.acked_lost})  doubled {c.doubled}"
            f"  unexpected {c.unexpected}  {verdict}"
        )
        lines += [f"    {d}" for d in c.details]
    return lines


def phase_text(r: PhaseResult) -> str:
    lines = [
        f"== {r.participants} participants, {r.duration:.0f} s ==",
        "submit -> acknowledged   p50 / p95 / max",
    ]
    lines += [f"  {k:<13} {s.fmt()}" for k, s in r.ack.items() if s.n]
    lines.append("submit -> visible on a projection view   p50 / p95 / max")
    for kind, s in r.visible.items():
        if s.n or r.not_seen.get(kind):
            missing = r.not_seen.get(kind, 0)
            extra = f"  (never seen: {missing})" if missing else ""
            lines.append(f"  {kind:<13} {s.fmt()}{extra}")
    lines.append("rows in the database against writes sent")
    lines += _rows_line(r) or ["  no write sent"]
    writes = sum(c.sent for c in r.rows)
    per_write = 1000 * r.cpu_s / writes if writes else 0  # ms of server CPU, projections included
    lines.append(
        f"server CPU {r.cpu_pct:.0f} % of one core (busiest second {r.peak_cpu_pct:.0f} %), "
        f"{per_write:.0f} ms per write; RSS {r.rss_start_mb:.0f} -> max {r.rss_max_mb:.0f} MB"
    )
    if len(r.per_process) > 1:
        lines.append(
            "per process: "
            + ", ".join(f"{k} {c:.0f} % / {m:.0f} MB" for k, (c, m) in r.per_process.items())
        )
    if r.kill is not None:
        lines += [f"kill: {k} = {v}" for k, v in r.kill.items()]
    lines.append(
        f"projection fragment runs {r.projection_ticks}; bench client CPU {r.bench_cpu_s:.1f} s;"
        f" bench loop lag p95 {r.loop_lag.p95 or 0:.3f} s; machine load average "
        f"{r.load_avg[0]:.1f} -> {r.load_avg[1]:.1f} ({os.cpu_count()} cores)"
    )
    if r.unreported:
        lines.append(
            f"runs ended without script_finished (acknowledged at the next fragment start): "
            f"{r.unreported}"
        )
    errors = ", ".join(f"{k} {v}" for k, v in r.errors.items()) or "0"
    lines.append(f"errors: {errors}")
    lines += [f"  - {s}" for s in r.error_samples[:8]]
    lines += [f"scenario not run: {k} ({v})" for k, v in r.skipped.items()]
    lines.append("targets (rows = writes, 0 errors, p95 visible <= 1.5 s): " + _verdict(r))
    return "\n".join(lines)


def _verdict(r: PhaseResult) -> str:
    return "met" if targets_met(r) else "NOT met"


def _ratio(a: float | None, b: float | None) -> str:
    if not a or b is None:
        return "n/a"
    return f"x{b / a:.1f}"


def comparison_text(results: list[PhaseResult]) -> str:
    if len(results) < 2:
        return ""
    a, b = results[0], results[-1]
    rows = [
        ("submit->ack p50", a.all_ack.p50, b.all_ack.p50),
        ("submit->ack p95", a.all_ack.p95, b.all_ack.p95),
        ("submit->visible p50", a.all_visible.p50, b.all_visible.p50),
        ("submit->visible p95", a.all_visible.p95, b.all_visible.p95),
        ("server CPU %", a.cpu_pct, b.cpu_pct),
        ("server RSS max MB", a.rss_max_mb, b.rss_max_mb),
    ]
    lines = [f"== {a.participants} -> {b.participants} participants =="]
    for name, x, y in rows:
        lines.append(f"  {name:<22} {_num(x):>8} -> {_num(y):>8}  {_ratio(x, y)}")
    return "\n".join(lines)


def _num(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}" if v < 10 else f"{v:.0f}"


def _fmt_md(s: Summary) -> str:
    return "n/a" if not s.n else f"{s.p50:.2f} / {s.p95:.2f} / {s.max:.2f}"


def _md_table(results: list[PhaseResult]) -> list[str]:
    lines = [
        "| participants | writes sent / rows | errors | submit→ack p50 / p95 / max (s) "
        "| submit→visible p50 / p95 / max (s) | server CPU (1 core) | RSS max | machine load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        sent = sum(c.sent for c in r.rows)
        rows = sum(c.rows for c in r.rows)
        errors = sum(r.errors.values())
        lines.append(
            f"| {r.participants} | {sent} / {rows} | {errors} | {_fmt_md(r.all_ack)} "
            f"| {_fmt_md(r.all_visible)} | {r.cpu_pct:.0f} % | {r.rss_max_mb:.0f} MB "
            f"| {r.load_avg[0]:.1f} → {r.load_avg[1]:.1f} |"
        )
    return lines


def write_results(
    path: Path, results: list[PhaseResult], argv: list[str], pages: dict[str, str]
) -> None:
    cores = os.cpu_count()
    lines = [
        "## Latest run",
        "",
        f"Date: {date.today().isoformat()}. Machine: {cores} cores "
        f"({platform.processor() or platform.machine()}), Python {platform.python_version()}, "
        "SQLite, server and load generator on the same machine.",
        f"Command: `python -m bench.load {' '.join(argv[1:])}`".replace("  ", " "),
        "",
        *_md_table(results),
        "",
    ]
    for r in results:
        lines += ["```", phase_text(r), "```", ""]
    if len(results) >= 2:
        lines += ["```", comparison_text(results), "```", ""]
    lines.append("Pages driven: " + ", ".join(f"`app_pages/{p}.py`" for p in pages.values()))
    figures = "\n".join([FIGURES_START, *lines, FIGURES_END])
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if FIGURES_START in old and FIGURES_END in old:
        head, rest = old.split(FIGURES_START, 1)
        tail = rest.split(FIGURES_END, 1)[1]
        path.write_text(head + figures + tail, encoding="utf-8")
    else:
        path.write_text(figures + "\n" + old, encoding="utf-8")


def _summary(s: Summary) -> dict[str, float | int | None]:
    return {"n": s.n, "p50": s.p50, "p95": s.p95, "max": s.max}


def phase_json(r: PhaseResult, args: Any) -> dict[str, Any]:
    """One phase as a JSON object (`--json`)."""
    return {
        "participants": r.participants,
        "processes": args.processes,
        "database": args.database,
        "viewers": args.viewers,
        "duration_s": r.duration,
        "writes": sum(c.sent for c in r.rows),
        "acknowledged": sum(c.acknowledged for c in r.rows),
        "rows": sum(c.rows for c in r.rows),
        "acknowledged_lost": sum(c.acked_lost for c in r.rows),
        "errors": sum(r.errors.values()),
        "errors_by_kind": r.errors,
        "ack_s": _summary(r.all_ack),
        "visible_s": _summary(r.all_visible),
        "never_seen": r.not_seen.get("all", 0),
        "cpu_pct_total": r.cpu_pct,
        "cpu_per_process": {
            k: {"cpu_pct": c, "rss_max_mb": m} for k, (c, m) in r.per_process.items()
        },
        "rss_max_mb_total": r.rss_max_mb,
        "load_avg_1min": list(r.load_avg),
        "bench_cpu_s": r.bench_cpu_s,
        "bench_loop_lag_p95_s": r.loop_lag.p95,
        "kill": r.kill,
        "targets_met": targets_met(r),
        "notes": r.notes,
    }


def write_json(path: Path, results: list[PhaseResult], args: Any, reads: Summary) -> None:
    import json

    document = {
        "command": "python -m bench.load " + " ".join(sys.argv[1:]),
        "cores": os.cpu_count(),
        "uptime": _uptime(),
        "version_read_ms": _summary(reads),
        "phases": [phase_json(r, args) for r in results],
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")


def _uptime() -> str:
    import subprocess

    done = subprocess.run(["uptime"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def ms(s: Summary) -> str:
    """A summary of durations in milliseconds."""
    if not s.n:
        return "n/a"
    return f"p50 {s.p50:.2f} / p95 {s.p95:.2f} / max {s.max:.2f} ms (n={s.n})"
