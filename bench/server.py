"""Setting up the server the load bench drives, and reading its log afterwards."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from essdash.deploy.postgres import LocalCluster
from essdash.deploy.stack import (
    Stack,
    environment,
    free_port,
    prepare_database,
    sqlite_refusal,
)


def prepare_workshop(db_url: str) -> tuple[int, str]:
    """Open a world-café round in the DEMO workshop (the facilitator's 'start round')."""
    from sqlalchemy import select

    from essdash.db import write_session
    from essdash.models import Workshop
    from essdash.workshop.activities.worldcafe import service

    with write_session(db_url) as session:
        workshop = session.scalars(select(Workshop).where(Workshop.join_code == "DEMO")).one()
        if not service.round_is_open(workshop):
            service.start_round(session, workshop_id=workshop.id)
        text = f"world café round {workshop.current_round} open, {workshop.table_count} tables"
        return workshop.current_round, text


def server_errors(logs: list[Path]) -> dict[str, int]:
    """Last line of each traceback in the server logs, counted."""
    found: dict[str, int] = {}
    for log in logs:
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        for i, line in enumerate(lines):
            if line.startswith("Traceback"):
                j = i + 1
                while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                    j += 1
                if j < len(lines):
                    key = lines[j][:200]
                    found[key] = found.get(key, 0) + 1
    return found


@dataclass
class Target:
    """What the bench drives: the address phones use, the server processes, the database."""

    base: str
    db_url: str
    pids: dict[str, int]  # process name -> pid (the proxy as "haproxy")
    logs: list[Path]
    stack: Stack | None = None
    notes: list[str] = field(default_factory=list)


@contextmanager
def serve(data_dir: Path, processes: int, database: str) -> Iterator[Target]:
    """One process on SQLite as `make run` does, or N processes behind HAProxy on a PostgreSQL
    cluster of its own under `data_dir` (what `make run-multi` starts)."""
    if database == "sqlite":
        refusal = sqlite_refusal("sqlite://", processes)
        if refusal:
            raise SystemExit(refusal)
        yield from _serve_single(data_dir)
        return
    yield from _serve_stack(data_dir, processes)


def _serve_single(data_dir: Path) -> Iterator[Target]:
    from tests.e2e.helpers import start_server

    base, proc = start_server(data_dir)
    try:
        yield Target(base, f"sqlite:///{data_dir / 'e2e.db'}", {"s1": proc.pid},
                     [data_dir / "server.log"], notes=["1 process, SQLite, no proxy"])  # fmt: skip
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _serve_stack(data_dir: Path, processes: int) -> Iterator[Target]:
    data_dir.chmod(0o755)  # the postgres user reaches its cluster below
    cluster = LocalCluster(data_dir / "postgres", free_port())
    url = cluster.start()
    try:
        env = environment(url, data_dir)
        env.update(ESSDASH_MODE="demo", ESSDASH_FACILITATOR_PASSWORD="demo-animation")
        prepare_database(env)
        stack = Stack(data_dir / "run-multi", env, processes, free_port(), bind="127.0.0.1")
        try:
            stack.start()
            pids = {m.name: m.proc.pid for m in stack.members if m.proc is not None}
            if stack.proxy is not None:
                pids["haproxy"] = stack.proxy.pid
            logs = [m.log for m in stack.members]
            note = f"{processes} processes behind HAProxy, PostgreSQL (fsync on)"
            yield Target(stack.url, url, pids, logs, stack, [note])
        finally:
            stack.stop()
    finally:
        cluster.stop()
