"""N Streamlit processes behind HAProxy: start, supervise (restart a dead one), stop.

Every process runs `streamlit run server.py` on a loopback port of its own with the same
environment: the same database URL, the same data directory (secret key, facilitator session
revocations, login throttle), and the same Streamlit cookie secret (its XSRF cookie then
verifies on any process after a failover). `state.json` in the run directory names the
processes, their ports and pids (read by the tests and the bench).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from essdash import config
from essdash.deploy import haproxy

ROOT = config.ROOT


class StackError(RuntimeError):
    """A French message for the person who ran the command."""


def sqlite_refusal(url: str, processes: int) -> str | None:
    """Why this database cannot serve several processes (None when it can)."""
    if processes <= 1 or not url.startswith("sqlite"):
        return None
    return (
        f"Impossible de lancer {processes} processus sur une base SQLite ({url}) : chaque "
        "processus garde ses propres caches et SQLite n'accepte qu'une écriture à la fois. "
        "Lancez `make run` (un seul processus), ou indiquez une base PostgreSQL dans "
        "ESSDASH_DATABASE_URL, ou retirez cette variable : `make run-multi` démarre alors "
        "sa propre base PostgreSQL dans le dossier de données."
    )


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def cookie_secret() -> str:
    """Streamlit's cookie secret, derived from the essdash secret shared by every process."""
    return hmac.new(config.secret_key(), b"streamlit-cookie-secret", hashlib.sha256).hexdigest()


def healthy(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url + haproxy.HEALTH_PATH, timeout=timeout) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def prepare_database(env: dict[str, str]) -> None:
    """Migrate the database and load the demo when it is empty (what `make run` does)."""
    for command in (["init-db"], ["demo", "--if-empty"]):
        done = subprocess.run(
            [sys.executable, "-m", "essdash", *command],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            raise StackError(f"`essdash {' '.join(command)}` a échoué : {done.stderr[-800:]}")


@dataclass
class Member:
    """One Streamlit process of the pool."""

    name: str
    port: int
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restarts: int = 0
    failures: int = 0  # exits in a row shortly after a start

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    run_dir: Path
    env: dict[str, str]
    processes: int
    port: int
    bind: str = "0.0.0.0"
    members: list[Member] = field(default_factory=list)
    proxy: subprocess.Popen[bytes] | None = None
    _logs: list[IO[bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind in ("0.0.0.0", "::") else self.bind
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 180.0) -> None:
        """Start every process and the proxy; return once the proxy answers."""
        if haproxy.binary() is None:
            raise StackError("HAProxy est introuvable : installez le paquet Debian « haproxy ».")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        env = {**self.env, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret()}
        self.env = env
        self.members = [
            Member(f"s{i}", free_port(), self.run_dir / f"streamlit-s{i}.log")
            for i in range(1, self.processes + 1)
        ]
        for member in self.members:
            self._spawn(member)
        for member in self.members:
            self._wait(member, timeout)
        self._start_proxy()
        deadline = time.monotonic() + 30
        while not healthy(self.url):
            if self.proxy is not None and self.proxy.poll() is not None:
                raise StackError(f"HAProxy s'est arrêté (journal : {self.run_dir / 'haproxy.log'})")
            if time.monotonic() > deadline:
                raise StackError(f"HAProxy ne répond pas sur {self.url}")
            time.sleep(0.2)
        self.write_state()

    def _spawn(self, member: Member) -> None:
        log = member.log.open("ab")
        self._logs.append(log)
        member.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "server.py",
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(member.port)],
            cwd=ROOT, env={**self.env, "ESSDASH_PROCESS_NAME": member.name},
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        member.started_at = time.monotonic()

    def _wait(self, member: Member, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not healthy(member.url):
            if member.proc is None or member.proc.poll() is not None:
                raise StackError(
                    f"Le processus {member.name} s'est arrêté (journal : {member.log})"
                )
            if time.monotonic() > deadline:
                raise StackError(
                    f"Le processus {member.name} ne répond pas (journal : {member.log})"
                )
            time.sleep(0.3)

    def _start_proxy(self) -> None:
        backends = [haproxy.Backend(m.name, "127.0.0.1", m.port) for m in self.members]
        cfg = self.run_dir / "haproxy.cfg"
        cfg.write_text(haproxy.render(backends, bind=self.bind, port=self.port), encoding="utf-8")
        binary = haproxy.binary()
        assert binary is not None
        check = subprocess.run([binary, "-c", "-q", "-f", str(cfg)], capture_output=True, text=True)
        if check.returncode != 0:
            raise StackError(f"Configuration HAProxy refusée ({cfg}) : {check.stderr.strip()}")
        log = (self.run_dir / "haproxy.log").open("ab")
        self._logs.append(log)
        self.proxy = subprocess.Popen(
            [binary, "-db", "-f", str(cfg)], stdout=log, stderr=subprocess.STDOUT
        )

    def supervise(self) -> list[str]:
        """Restart every process that has exited; French messages for what happened."""
        messages = []
        for member in self.members:
            if member.proc is None or member.proc.poll() is None:
                continue
            code = member.proc.returncode
            member.failures = (
                member.failures + 1 if time.monotonic() - member.started_at < 30 else 0
            )
            delay = min(30.0, 0.5 * 2 ** max(0, member.failures - 1))
            messages.append(
                f"Le processus {member.name} (port {member.port}) s'est arrêté (code {code}) : "
                f"redémarrage dans {delay:.1f} s ; HAProxy envoie ses navigateurs aux autres."
            )
            time.sleep(delay)
            self._spawn(member)
            member.restarts += 1
        if messages:
            self.write_state()
        return messages

    def proxy_alive(self) -> bool:
        return self.proxy is not None and self.proxy.poll() is None

    def state(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "proxy_pid": self.proxy.pid if self.proxy else None,
            "members": [
                {"name": m.name, "port": m.port, "pid": m.proc.pid if m.proc else None,
                 "restarts": m.restarts, "log": str(m.log)}
                for m in self.members
            ],
        }  # fmt: skip

    def write_state(self) -> None:
        path = self.run_dir / "state.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state(), indent=1), encoding="utf-8")
        tmp.replace(path)

    def stop(self) -> None:
        procs = [p for p in (self.proxy, *(m.proc for m in self.members)) if p is not None]
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        for log in self._logs:
            log.close()
        self._logs.clear()


def environment(url: str, data_dir: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every process of the pool shares."""
    env = dict(os.environ if base is None else base)
    env.update(ESSDASH_DATABASE_URL=url, ESSDASH_DATA_DIR=str(data_dir))
    return env
