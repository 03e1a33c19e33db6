"""`make bench-load`: ~100 simulated phones and 3 projection views against the real server.

Starts `streamlit run server.py` itself (temporary data dir, demo loaded, loopback, free port),
runs a baseline phase (10 participants) then the main phase (100 by default), prints the
figures of both and their ratios, and stops the server. Every loop is bounded in time.

    python -m bench.load [--participants 100] [--baseline 10] [--duration 60] [--write-results]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import string
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import report
from bench.metrics import LoopLag, ProcSampler, RowCheck, Summary, count_rows
from bench.scenario import (
    PAGES,
    Context,
    Recorder,
    participant,
    projection_viewer,
)
from bench.server import prepare_workshop, server_errors
from bench.st_client import StClient

ROOT = Path(__file__).resolve().parent.parent
GRACE_S = 4.0  # after the last write: time left for it to reach the projection


@dataclass
class PhaseResult:
    participants: int
    duration: float
    ack: dict[str, Summary]
    visible: dict[str, Summary]
    not_seen: dict[str, int]
    rows: list[RowCheck]
    errors: dict[str, int]
    error_samples: list[str]
    skipped: dict[str, str]
    cpu_pct: float
    cpu_s: float
    peak_cpu_pct: float
    rss_start_mb: float
    rss_max_mb: float
    loop_lag: Summary
    load_avg: tuple[float, float]  # machine 1-min load average at the start and the end
    bench_cpu_s: float
    projection_ticks: int
    unreported: int
    notes: list[str] = field(default_factory=list)

    @property
    def all_ack(self) -> Summary:
        return self.ack["all"]

    @property
    def all_visible(self) -> Summary:
        return self.visible["all"]


def _prefix(phase: str) -> str:
    return "zq" + "".join(random.choices(string.ascii_lowercase, k=4)) + phase


async def run_phase(
    base: str,
    pid: int,
    db_url: str,
    viewers: list[StClient],
    forward: list[Callable[[bytes, float], None]],
    n: int,
    opts: argparse.Namespace,
    phase: str,
) -> PhaseResult:
    rec = Recorder(_prefix(phase))
    forward[0] = rec.listen
    ctx = Context(
        base=base,
        rec=rec,
        deadline=time.monotonic() + opts.duration,
        rng=random.Random(n),
        mean_gap=opts.mean_gap,
        site_share=opts.site_share,
        phone_ticks=not opts.no_phone_ticks,
    )
    probes = _Probes(pid, viewers)
    await _drive(ctx, n, opts)
    probes.stop()
    _viewer_errors(rec, viewers)
    return _result(rec, n, opts.duration, db_url, probes, viewers)


class _Probes:
    """Server CPU/RSS, the bench's loop lag, its own CPU and the projection ticks of a phase."""

    def __init__(self, pid: int, viewers: list[StClient]) -> None:
        self.load_start = os.getloadavg()[0]
        self.sampler, self.lag = ProcSampler(pid), LoopLag()
        self.sampler.start()
        self.lag.start()
        self.ticks0 = sum(v.fragment_runs for v in viewers)
        self.cpu0 = _own_cpu()

    def stop(self) -> None:
        self.sampler.stop()
        self.lag_summary = self.lag.stop()
        self.bench_cpu_s = _own_cpu() - self.cpu0
        self.load_end = os.getloadavg()[0]


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _drive(ctx: Context, n: int, opts: argparse.Namespace) -> None:
    """People join over `--ramp` seconds, write until the deadline, then a grace period."""
    ramp = min(opts.ramp, opts.duration / 3)
    tasks = [asyncio.create_task(participant(ctx, i, ramp * i / n)) for i in range(n)]
    _done, pending = await asyncio.wait(tasks, timeout=opts.duration + 120)
    for task in pending:
        task.cancel()
        ctx.rec.error("timeout", "participant still running after the phase")
    await asyncio.sleep(GRACE_S)


def _viewer_errors(rec: Recorder, viewers: list[StClient]) -> None:
    for viewer in viewers:
        if viewer.closed_reason:
            rec.error("disconnect", f"{viewer.name}: {viewer.closed_reason}")
        for exc in viewer.exceptions:
            rec.error("exception", f"{viewer.name}: {exc}")
        viewer.exceptions.clear()


def _result(
    rec: Recorder, n: int, duration: float, db_url: str, probes: _Probes, viewers: list[StClient]
) -> PhaseResult:
    kinds = ("participant", "site", "contribution")
    ack, visible, not_seen = _latencies(rec, kinds)
    sent = {k: rec.sent(k) for k in kinds}
    acked = {k: rec.acked(k) for k in kinds}
    sampler = probes.sampler
    return PhaseResult(
        participants=n,
        duration=duration,
        ack=ack,
        visible=visible,
        not_seen=not_seen,
        rows=count_rows(db_url, rec.prefix, sent, acked),
        errors=dict(rec.errors),
        error_samples=list(rec.error_samples),
        skipped=dict(rec.skipped),
        cpu_pct=sampler.cpu_pct,
        cpu_s=sampler.cpu_s,
        peak_cpu_pct=sampler.peak_cpu_pct,
        rss_start_mb=sampler.rss_start_mb,
        rss_max_mb=sampler.rss_max_mb,
        loop_lag=probes.lag_summary,
        load_avg=(probes.load_start, probes.load_end),
        bench_cpu_s=probes.bench_cpu_s,
        projection_ticks=sum(v.fragment_runs for v in viewers) - probes.ticks0,
        unreported=rec.unreported,
    )


def _latencies(
    rec: Recorder, kinds: tuple[str, ...]
) -> tuple[dict[str, Summary], dict[str, Summary], dict[str, int]]:
    ack: dict[str, Summary] = {}
    visible: dict[str, Summary] = {}
    not_seen: dict[str, int] = {}
    for kind in (*kinds, "all"):
        # "all" for visibility: what the projection shows by name (sites, post-its);
        # participants appear there only as a count.
        shown = [k for k in kinds if k != "participant"] if kind == "all" else [kind]
        writes = [w for w in rec.writes if w.kind in shown and w.acked_at is not None]
        if kind == "all":
            ack[kind] = Summary.of([w.acked_at - w.sent_at for w in rec.writes if w.acked_at])
        else:
            ack[kind] = Summary.of([w.acked_at - w.sent_at for w in writes if w.acked_at])
        seen = [rec.seen[w.marker] - w.sent_at for w in writes if w.marker in rec.seen]
        visible[kind] = Summary.of(seen)
        not_seen[kind] = len(writes) - len(seen)
    return ack, visible, not_seen


async def open_viewers(
    base: str, count: int, forward: list[Callable[[bytes, float], None]], round_no: int
) -> tuple[list[StClient], str]:
    def listen(raw: bytes, now: float) -> None:
        forward[0](raw, now)

    viewers, pages = [], []
    for i in range(count):
        viewer, page = await projection_viewer(base, i, listen, round_no)
        viewers.append(viewer)
        pages.append(page)
    ticking = sum(1 for v in viewers if v.ticking)
    return viewers, f"{count} projection views ({'; '.join(pages)}), {ticking} ticking"


async def run(
    args: argparse.Namespace, base: str, pid: int, db_url: str, round_no: int
) -> list[PhaseResult]:
    forward: list[Callable[[bytes, float], None]] = [lambda raw, now: None]
    viewers, status = await open_viewers(base, args.viewers, forward, round_no)
    print(status, flush=True)
    results = []
    try:
        for phase, n in (("a", args.baseline), ("b", args.participants)):
            if n <= 0:
                continue
            print(f"phase {phase}: {n} participants for {args.duration:.0f} s ...", flush=True)
            result = await run_phase(base, pid, db_url, viewers, forward, n, args, phase)
            result.notes.append(status)
            results.append(result)
            print(report.phase_text(result), flush=True)
            await asyncio.sleep(3)
    finally:
        for viewer in viewers:
            await viewer.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--baseline", type=int, default=10, help="0 to skip the baseline")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--viewers", type=int, default=3)
    parser.add_argument("--mean-gap", type=float, default=7.5, help="s between writes")
    parser.add_argument("--ramp", type=float, default=15.0, help="s over which people join")
    parser.add_argument("--site-share", type=float, default=0.2, help="0 = post-its only")
    parser.add_argument(
        "--no-phone-ticks", action="store_true", help="phones do not re-run run_every fragments"
    )
    parser.add_argument("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.e2e.helpers import start_server

    with tempfile.TemporaryDirectory(prefix="essdash-bench-") as tmp:
        data_dir = Path(tmp)
        db_url = f"sqlite:///{data_dir / 'e2e.db'}"
        base, proc = start_server(data_dir)
        try:
            round_no, setup = prepare_workshop(db_url)
            print(f"server {base} (pid {proc.pid}); {setup}", flush=True)
            results = asyncio.run(run(args, base, proc.pid, db_url, round_no))
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except Exception:
                proc.kill()
            tracebacks = server_errors(data_dir / "server.log")
    print(report.comparison_text(results))
    if tracebacks:
        print("server log, uncaught exceptions:", tracebacks)
    if args.write_results:
        report.write_results(ROOT / "bench" / "RESULTS.md", results, sys.argv, PAGES)
    return 0 if results and all(report.targets_met(r) for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
