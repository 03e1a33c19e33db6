"""`make run-multi`: N Streamlit processes behind HAProxy, on PostgreSQL.

    python -m essdash.deploy [--processes N] [--port 8501] [--bind 0.0.0.0] [--pg-port 5433]

The database is `ESSDASH_DATABASE_URL` when set (PostgreSQL; SQLite is refused for more than
one process), else a PostgreSQL cluster started here under `<data dir>/postgres` and stopped
on exit. The database is migrated and the demo loaded when empty (as `make run` does). A
process that dies is restarted and rejoins the pool once HAProxy's health checks see it.
Ctrl+C stops everything this command started.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from types import FrameType

from essdash import config
from essdash.deploy import postgres
from essdash.deploy.stack import Stack, StackError, environment, prepare_database, sqlite_refusal


def _default_processes() -> int:
    raw = os.environ.get("ESSDASH_PROCESSES", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else max(1, os.cpu_count() or 1)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m essdash.deploy", description=__doc__)
    parser.add_argument("--processes", type=int, default=_default_processes())
    parser.add_argument("--port", type=int, default=8501, help="port of the proxy")
    parser.add_argument("--bind", default="0.0.0.0", help="address the proxy listens on")
    parser.add_argument("--pg-port", type=int, default=postgres.DEFAULT_PORT)
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes : au moins 1")
    return args


class _Stop(Exception):
    pass


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    raise _Stop(signum)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    data_dir = config.data_dir()
    cluster: postgres.LocalCluster | None = None
    url = os.environ.get("ESSDASH_DATABASE_URL", "").strip()
    refusal = sqlite_refusal(url, args.processes) if url else None
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    stack: Stack | None = None
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        if not url:
            cluster = postgres.LocalCluster(data_dir / "postgres", args.pg_port)
            url = cluster.start()
            print(f"PostgreSQL local démarré ({data_dir / 'postgres'}, port {args.pg_port}).")
        if url.startswith("postgresql"):
            postgres.wait_until_ready(url)
        env = environment(url, data_dir)
        prepare_database(env)
        stack = Stack(data_dir / "run-multi", env, args.processes, args.port, args.bind)
        stack.start()
        print(
            f"essdash : {stack.url} — {args.processes} processus Streamlit derrière HAProxy "
            f"(état : {stack.run_dir / 'state.json'}). Ctrl+C pour tout arrêter.",
            flush=True,
        )
        while stack.proxy_alive():
            for message in stack.supervise():
                print(message, flush=True)
            time.sleep(0.5)
        print("HAProxy s'est arrêté : arrêt des processus.", file=sys.stderr)
        return 1
    except (StackError, postgres.PostgresError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except _Stop:
        print("Arrêt demandé : arrêt des processus.", flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let the clean-up finish
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if stack is not None:
            stack.stop()
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
