"""`make bench-load`: simulated phones and 3 projection views against the real server.

Starts the server itself in a temporary data dir: one Streamlit process on SQLite (`make run`),
or `--processes N` behind HAProxy on a PostgreSQL cluster of its own (`make run-multi`). Runs a
baseline phase (10 participants) then one phase per `--participants` value, prints the figures
of each and their ratios, and stops everything. Every loop is bounded in time.

    python -m bench.load [--participants 100[,200,300]] [--baseline 10] [--duration 60]
        [--processes 1] [--database sqlite|postgresql] [--json FILE] [--kill-after S]
        [--write-results]

`--kill-after S`: S seconds into the last phase one process is killed (kill -9); phones and
projection views reconnect through the proxy, the process is restarted and rejoins.
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

from bench import failover, report
from bench.metrics import LoopLag, ProcSampler, RowCheck, Summary, count_rows, version_read_ms
from bench.scenario import PAGES, Context, Recorder, participant, projection_viewer
from bench.server import Target, prepare_workshop, serve, server_errors
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
    cpu_pct: float  # all server processes together, % of one core
    cpu_s: float
    peak_cpu_pct: float
    rss_start_mb: float
    rss_max_mb: float
    loop_lag: Summary
    load_avg: tuple[float, float]  # machine 1-min load average at the start and the end
    bench_cpu_s: float
    projection_ticks: int
    unreported: int
    per_process: dict[str, tuple[float, float]] = field(default_factory=dict)  # cpu %, RSS MB
    kill: dict[str, object] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def all_ack(self) -> Summary:
        return self.ack["all"]

    @property
    def all_visible(self) -> Summary:
        return self.visible["all"]


def _prefix(phase: str) -> str:
    return "zq" + "".join(random.choices(string.ascii_lowercase, k=4)) + phase


@dataclass
class Views:
    """The projection views, reopened in place when their process dies."""

    clients: list[StClient]
    status: str
    round_no: int
    forward: list[Callable[[bytes, float], None]]

    def listen(self, raw: bytes, now: float) -> None:
        self.forward[0](raw, now)

    async def reopen(self, base: str, i: int) -> StClient:
        await self.clients[i].close()
        client, _page = await projection_viewer(base, i, self.listen, self.round_no)
        return client


async def run_phase(
    target: Target, views: Views, n: int, opts: argparse.Namespace, phase: str, kill: bool
) -> PhaseResult:
    rec = Recorder(_prefix(phase))
    views.forward[0] = rec.listen
    ctx = Context(
        base=target.base,
        rec=rec,
        deadline=time.monotonic() + opts.duration,
        rng=random.Random(n),
        mean_gap=opts.mean_gap,
        site_share=opts.site_share,
        phone_ticks=not opts.no_phone_ticks,
        reconnect=kill,
    )
    probes = _Probes(target.pids, views.clients)
    killing = failover.Kill("s1", opts.kill_after) if kill else None
    task = None
    if killing is not None:
        until = ctx.deadline + GRACE_S + 60
        reopen = lambda i: views.reopen(target.base, i)  # noqa: E731
        task = asyncio.create_task(
            failover.kill_and_recover(target, killing, views.clients, reopen, until)
        )
    await _drive(ctx, n, opts)
    probes.stop()
    if task is not None:
        task.cancel()
    _viewer_errors(rec, views.clients)
    result = _result(rec, n, opts.duration, target.db_url, probes, views.clients)
    if killing is not None and killing.killed_at:
        kinds = ("participant", "site", "contribution")
        after = latencies(rec, kinds, since=killing.killed_at)
        result.kill = failover.summary(rec, killing, result.rows, after[0]["all"], after[1]["all"])
    return result


class _Probes:
    """Server CPU/RSS per process, the bench's loop lag, its own CPU and projection ticks."""

    def __init__(self, pids: dict[str, int], viewers: list[StClient]) -> None:
        self.load_start = os.getloadavg()[0]
        self.samplers = {name: ProcSampler(pid) for name, pid in pids.items()}
        self.lag = LoopLag()
        for sampler in self.samplers.values():
            sampler.start()
        self.lag.start()
        self.ticks0 = sum(v.fragment_runs for v in viewers)
        self.cpu0 = _own_cpu()

    def stop(self) -> None:
        for sampler in self.samplers.values():
            sampler.stop()
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
    ack, visible, not_seen = latencies(rec, kinds)
    sent = {k: rec.sent(k) for k in kinds}
    acked = {k: rec.acked(k) for k in kinds}
    samplers = probes.samplers.values()
    servers = [s for name, s in probes.samplers.items() if name != "haproxy"]
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
        cpu_pct=sum(s.cpu_pct for s in samplers),
        cpu_s=sum(s.cpu_s for s in samplers),
        peak_cpu_pct=max(s.peak_cpu_pct for s in servers),
        rss_start_mb=sum(s.rss_start_mb for s in servers),
        rss_max_mb=sum(s.rss_max_mb for s in servers),
        loop_lag=probes.lag_summary,
        load_avg=(probes.load_start, probes.load_end),
        bench_cpu_s=probes.bench_cpu_s,
        projection_ticks=sum(v.fragment_runs for v in viewers) - probes.ticks0,
        unreported=rec.unreported,
        per_process={k: (s.cpu_pct, s.rss_max_mb) for k, s in probes.samplers.items()},
    )


def latencies(
    rec: Recorder, kinds: tuple[str, ...], since: float = 0.0
) -> tuple[dict[str, Summary], dict[str, Summary], dict[str, int]]:
    """Submit->ack and submit->visible per kind, for the writes sent at `since` or later."""
    ack: dict[str, Summary] = {}
    visible: dict[str, Summary] = {}
    not_seen: dict[str, int] = {}
    mine = [w for w in rec.writes if w.sent_at >= since]
    for kind in (*kinds, "all"):
        # "all" for visibility: what the projection shows by name (sites, post-its);
        # participants appear there only as a count.
        shown = [k for k in kinds if k != "participant"] if kind == "all" else [kind]
        writes = [w for w in mine if w.kind in shown and w.acked_at is not None]
        if kind == "all":
            ack[kind] = Summary.of([w.acked_at - w.sent_at for w in mine if w.acked_at])
        else:
            ack[kind] = Summary.of([w.acked_at - w.sent_at for w in writes if w.acked_at])
        seen = [rec.seen[w.marker] - w.sent_at for w in writes if w.marker in rec.seen]
        visible[kind] = Summary.of(seen)
        not_seen[kind] = len(writes) - len(seen)
    return ack, visible, not_seen


async def open_views(base: str, count: int, round_no: int) -> Views:
    views = Views([], "", round_no, [lambda raw, now: None])
    pages = []
    for i in range(count):
        viewer, page = await projection_viewer(base, i, views.listen, round_no)
        views.clients.append(viewer)
        pages.append(page)
    ticking = sum(1 for v in views.clients if v.ticking)
    views.status = f"{count} projection views ({'; '.join(pages)}), {ticking} ticking"
    return views


async def run(args: argparse.Namespace, target: Target, round_no: int) -> list[PhaseResult]:
    views = await open_views(target.base, args.viewers, round_no)
    print(views.status, flush=True)
    phases = [("a", args.baseline)] + [(f"b{i}", n) for i, n in enumerate(args.participants)]
    phases = [(p, n) for p, n in phases if n > 0]
    results = []
    try:
        for index, (phase, n) in enumerate(phases):
            kill = bool(args.kill_after) and index == len(phases) - 1
            print(f"phase {phase}: {n} participants for {args.duration:.0f} s ...", flush=True)
            result = await run_phase(target, views, n, args, phase, kill)
            result.notes += [views.status, *target.notes]
            results.append(result)
            print(report.phase_text(result), flush=True)
            await asyncio.sleep(3)
    finally:
        for viewer in views.clients:
            await viewer.close()
    return results


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument(
        "--participants", default="100", help="one phase per value: 100 or 100,200,300"
    )
    parser.add_argument("--baseline", type=int, default=10, help="0 to skip the baseline")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--viewers", type=int, default=3)
    parser.add_argument("--mean-gap", type=float, default=7.5, help="s between writes")
    parser.add_argument("--ramp", type=float, default=15.0, help="s over which people join")
    parser.add_argument("--site-share", type=float, default=0.2, help="0 = post-its only")
    parser.add_argument(
        "--no-phone-ticks", action="store_true", help="phones do not re-run run_every fragments"
    )
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--json", type=Path, help="write one JSON object per phase to FILE")
    parser.add_argument("--kill-after", type=float, default=0.0, help="s into the last phase")
    parser.add_argument("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args(argv)
    args.participants = [int(v) for v in str(args.participants).split(",") if v.strip()]
    if args.kill_after and args.processes < 2:
        parser.error("--kill-after needs --processes 2 or more (and --database postgresql)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    sys.path.insert(0, str(ROOT))
    with (
        tempfile.TemporaryDirectory(prefix="essdash-bench-") as tmp,
        serve(Path(tmp), args.processes, args.database) as target,
    ):
        round_no, setup = prepare_workshop(target.db_url)
        reads = version_read_ms(target.db_url)
        print(f"server {target.base} ({', '.join(target.notes)}); {setup}", flush=True)
        print(f"version row read: {report.ms(reads)}", flush=True)
        results = asyncio.run(run(args, target, round_no))
        tracebacks = server_errors(target.logs)
    print(report.comparison_text(results))
    if tracebacks:
        print("server log, uncaught exceptions:", tracebacks)
    if args.json:
        report.write_json(args.json, results, args, reads)
    if args.write_results:
        report.write_results(ROOT / "bench" / "RESULTS.md", results, sys.argv, PAGES)
    return 0 if results and all(report.targets_met(r) for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
