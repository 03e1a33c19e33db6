"""What the load bench measures: latencies, server CPU and memory, rows against writes."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# (table, text column) where each kind of write lands.
WRITE_TABLES: dict[str, tuple[str, str]] = {
    "participant": ("participant", "name"),
    "site": ("map_feature", "label"),
    "contribution": ("contribution", "text"),
}


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    n: int
    p50: float | None
    p95: float | None
    max: float | None

    @classmethod
    def of(cls, values: list[float]) -> Summary:
        return cls(len(values), percentile(values, 50), percentile(values, 95), max(values or [0]))

    def fmt(self) -> str:
        if not self.n:
            return "n/a"
        return f"{self.p50:.3f} / {self.p95:.3f} / {self.max:.3f} s (n={self.n})"


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def _rss_mb(pid: int) -> float:
    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return pages * PAGE_SIZE / 1e6


@dataclass
class ProcSampler:
    """Server CPU (% of one core) and RSS, sampled every second while a phase runs."""

    pid: int
    cpu_start: float = 0.0
    t_start: float = 0.0
    cpu_pct: float = 0.0
    cpu_s: float = 0.0  # server CPU seconds over the phase
    peak_cpu_pct: float = 0.0  # busiest one-second window
    rss_start_mb: float = 0.0
    rss_max_mb: float = 0.0
    rss_end_mb: float = 0.0
    _task: asyncio.Task[None] | None = None

    last_cpu: float = 0.0  # the last reading (a killed process keeps its last figures)

    def start(self) -> None:
        self.cpu_start, self.t_start = _cpu_seconds(self.pid), time.monotonic()
        self.last_cpu = self.cpu_start
        self.rss_start_mb = self.rss_max_mb = _rss_mb(self.pid)
        self._task = asyncio.create_task(self._sample())

    async def _sample(self) -> None:
        last_cpu, last_t = self.cpu_start, self.t_start
        while True:
            await asyncio.sleep(1.0)
            try:
                cpu, now = _cpu_seconds(self.pid), time.monotonic()
                self.rss_max_mb = max(self.rss_max_mb, _rss_mb(self.pid))
            except OSError:  # the process is gone (the failover bench kills one)
                return
            self.peak_cpu_pct = max(self.peak_cpu_pct, 100 * (cpu - last_cpu) / (now - last_t))
            last_cpu, last_t = cpu, now
            self.last_cpu = cpu

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        elapsed = max(1e-9, time.monotonic() - self.t_start)
        try:
            self.last_cpu = _cpu_seconds(self.pid)
            self.rss_end_mb = _rss_mb(self.pid)
        except OSError:
            self.rss_end_mb = 0.0
        self.cpu_s = self.last_cpu - self.cpu_start
        self.cpu_pct = 100 * self.cpu_s / elapsed
        self.rss_max_mb = max(self.rss_max_mb, self.rss_end_mb)


@dataclass
class LoopLag:
    """How late the bench's own event loop wakes up (a late loop inflates the latencies)."""

    samples: list[float] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.1)
            self.samples.append(time.monotonic() - before - 0.1)

    def stop(self) -> Summary:
        if self._task is not None:
            self._task.cancel()
        return Summary.of(self.samples)


@dataclass(frozen=True)
class RowCheck:
    kind: str
    sent: int
    acknowledged: int
    rows: int  # rows carrying one of this phase's markers
    lost: int  # sent, no row
    acked_lost: int  # acknowledged, no row (never acceptable, even when a process is killed)
    doubled: int  # markers found in more than one row
    unexpected: int  # rows whose marker was never sent
    details: tuple[str, ...] = ()  # the rows behind a mismatch, for the report

    @property
    def ok(self) -> bool:
        return self.rows == self.sent and not (self.lost or self.doubled or self.unexpected)

    @property
    def ok_after_kill(self) -> bool:
        """A killed process may take with it the writes it had not acknowledged, no other."""
        return not (self.acked_lost or self.doubled or self.unexpected)


def count_rows(
    db_url: str, prefix: str, sent: dict[str, set[str]], acked: dict[str, set[str]]
) -> list[RowCheck]:
    """Find each marker of this phase in the database: nothing lost, nothing doubled."""
    pattern = re.compile(re.escape(prefix) + r"[0-9]{6}")
    engine = create_engine(db_url)
    checks = []
    try:
        with engine.connect() as conn:
            for kind, (table, column) in WRITE_TABLES.items():
                sql = text(f"SELECT {column} FROM {table} WHERE {column} LIKE :like")
                values = conn.execute(sql, {"like": f"%{prefix}%"}).scalars().all()
                found = Counter(m for v in values for m in pattern.findall(v or ""))
                mine = sent.get(kind, set())
                details = (
                    _details(conn, table, column, found, mine) if kind == "contribution" else ()
                )
                checks.append(
                    RowCheck(
                        kind=kind,
                        sent=len(mine),
                        acknowledged=len(acked.get(kind, set())),
                        rows=sum(found.values()),
                        lost=len(mine - set(found)),
                        acked_lost=len(acked.get(kind, set()) - set(found)),
                        doubled=sum(1 for n in found.values() if n > 1),
                        unexpected=len(set(found) - mine),
                        details=details,
                    )
                )
    finally:
        engine.dispose()
    return checks


def _details(
    conn: Any, table: str, column: str, found: Counter[str], sent: set[str]
) -> tuple[str, ...]:
    """Rows of doubled markers, and the rows of the authors of lost markers."""
    doubled = [m for m, n in found.items() if n > 1]
    lost = sorted(sent - set(found))
    if not doubled and not lost:
        return ()
    lines = [f"lost markers: {lost[:5]}", f"doubled markers: {doubled[:5]}"]
    cols = f"id, participant_id, client_request_id, created_at, updated_at, {column}"
    authors = set()
    for marker in doubled[:3]:
        sql = text(f"SELECT {cols} FROM {table} WHERE {column} LIKE :like")
        for row in conn.execute(sql, {"like": f"%{marker}%"}):
            authors.add(row[1])
    for author in sorted(authors):
        lines.append(f"  rows of participant {author}:")
        sql = text(f"SELECT {cols} FROM {table} WHERE participant_id = :p ORDER BY id")
        for row in conn.execute(sql, {"p": author}):
            lines.append("    " + " | ".join(str(v) for v in row))
    return tuple(lines)


def version_read_ms(db_url: str, reads: int = 300) -> Summary:
    """How long reading one workshop's version row takes (what every process does at most twice
    a second per workshop to learn of another process's writes), in milliseconds."""
    from sqlalchemy.orm import Session

    from essdash.db.engine import make_engine
    from essdash.db.versions import versions

    engine = make_engine(db_url)
    samples = []
    try:
        with Session(engine) as session:
            workshop_id = session.scalar(text("SELECT min(id) FROM workshop")) or 1
            session.rollback()
            for _ in range(reads):
                start = time.perf_counter()
                with Session(engine) as s:
                    versions(s, workshop_id)
                    s.rollback()
                samples.append(1000 * (time.perf_counter() - start))
    finally:
        engine.dispose()
    return Summary.of(samples)
