"""A local PostgreSQL cluster under the data directory, for `make run-multi` and the bench.

Used only when no `ESSDASH_DATABASE_URL` is configured: Debian's PostgreSQL binaries
(`initdb`, `pg_ctl`) create a cluster in `<data dir>/postgres/cluster` the first time, listening
on 127.0.0.1 only (trust authentication, so never on another interface), then start it. In
production the database is Debian's own PostgreSQL service instead (docs/deploiement.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORT = 5433
DATABASE = "essdash"


class PostgresError(RuntimeError):
    """A French message for the person who ran the command."""


def pg_bin(name: str) -> str | None:
    """A PostgreSQL program: on the PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


def as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the `postgres` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@dataclass(frozen=True)
class LocalCluster:
    """A cluster in `root` (its data in `root/cluster`, its socket and log beside it)."""

    root: Path
    port: int = DEFAULT_PORT

    @property
    def data(self) -> Path:
        return self.root / "cluster"

    @property
    def log(self) -> Path:
        return self.root / "postgres.log"

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{database}"

    def _programs(self) -> tuple[str, str]:
        initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise PostgresError(
                "PostgreSQL est introuvable : installez le paquet Debian « postgresql » "
                "ou indiquez une base existante dans ESSDASH_DATABASE_URL."
            )
        return initdb, pg_ctl

    def running(self) -> bool:
        _, pg_ctl = self._programs()
        if not (self.data / "PG_VERSION").exists():
            return False
        status = subprocess.run(
            as_postgres([pg_ctl, "-D", str(self.data), "status"]), capture_output=True
        )
        return status.returncode == 0

    def start(self, *, fsync: bool = True, max_connections: int = 200) -> str:
        """Create the cluster if needed, start it unless it runs, create the database."""
        initdb, pg_ctl = self._programs()
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            cmd = [initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            self._run(as_postgres(cmd), "la création de la base PostgreSQL")
        if not self.running():
            opts = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                f"-c max_connections={max_connections} -c fsync={'on' if fsync else 'off'}"
            )
            cmd = [pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w"]
            self._run(as_postgres([*cmd, "start"]), "le démarrage de PostgreSQL")
        self.create_database(DATABASE)
        return self.url()

    def create_database(self, name: str) -> None:
        from sqlalchemy import create_engine, text

        admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                exists = conn.scalar(
                    text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                )
                if not exists:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()

    def stop(self) -> None:
        _, pg_ctl = self._programs()
        if self.running():
            cmd = [pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"]
            subprocess.run(as_postgres(cmd), capture_output=True, check=False)

    def _run(self, cmd: list[str], what: str) -> None:
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise PostgresError(
                f"Échec pendant {what} (journal : {self.log}) : " + " / ".join(detail)
            )


def wait_until_ready(url: str, timeout: float = 30.0) -> None:
    """Wait until the database answers (a cluster just started may still be recovering)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                return
            except Exception as exc:
                if time.monotonic() > deadline:
                    raise PostgresError(f"PostgreSQL ne répond pas ({url}) : {exc}") from exc
                time.sleep(0.3)
    finally:
        engine.dispose()
