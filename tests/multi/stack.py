"""Fixtures: the multi-process stack (HAProxy + 2 Streamlit processes + PostgreSQL).

The stack is started by the real launcher (`python -m essdash.deploy`, what `make run-multi`
runs) on a fresh PostgreSQL database of the test cluster, with a free port for the proxy
(the launcher picks free ports for the processes). Teardown stops the launcher, which stops
its children; any process it named that is still alive is then killed by its pid.
Skips cleanly when haproxy or PostgreSQL is absent.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from essdash.deploy import haproxy
from essdash.deploy.stack import free_port

ROOT = Path(__file__).resolve().parents[2]
FACILITATOR_PASSWORD = "demo-animation"


@dataclass
class MultiStack:
    url: str
    db_url: str
    data_dir: Path
    launcher: subprocess.Popen[bytes]

    def state(self) -> dict[str, Any]:
        path = self.data_dir / "run-multi" / "state.json"
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    def member(self, name: str) -> dict[str, Any]:
        return next(m for m in self.state()["members"] if m["name"] == name)

    def served_by(self, server: str, timeout: float = 3.0) -> str:
        """Which process answers a request pinned to `server` by the affinity cookie."""
        request = urllib.request.Request(
            self.url + haproxy.HEALTH_PATH,
            headers={"Cookie": f"{haproxy.AFFINITY_COOKIE}={server}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return str(response.headers.get("X-Essdash-Server", ""))
        except OSError:
            return ""

    def wait_member_up(self, name: str, timeout: float = 120.0) -> float:
        """Seconds until a request pinned to `name` is answered by `name` again."""
        start = time.monotonic()
        while self.served_by(name) != name:
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"{name} did not rejoin the pool in {timeout} s")
            time.sleep(0.5)
        return time.monotonic() - start


def affinity(server: str) -> str:
    return f"{haproxy.AFFINITY_COOKIE}={server}"


def _create_database(server: str) -> str:
    from sqlalchemy import create_engine, text

    name = f"multi_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server}/{name}"


def _drop_database(url: str) -> None:
    from sqlalchemy import create_engine, text

    server, name = url.rsplit("/", 1)
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def start_stack(data_dir: Path, db_url: str, processes: int = 2) -> MultiStack:
    port = free_port()
    env = dict(
        os.environ,
        ESSDASH_DATA_DIR=str(data_dir),
        ESSDASH_DATABASE_URL=db_url,
        ESSDASH_MODE="demo",
        ESSDASH_FACILITATOR_PASSWORD=FACILITATOR_PASSWORD,
    )
    log = (data_dir / "launcher.log").open("wb")
    launcher = subprocess.Popen(
        [sys.executable, "-m", "essdash.deploy", "--processes", str(processes),
         "--port", str(port), "--bind", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    stack = MultiStack(f"http://127.0.0.1:{port}", db_url, data_dir, launcher)
    deadline = time.monotonic() + 240
    state = data_dir / "run-multi" / "state.json"
    while not state.exists():
        if launcher.poll() is not None or time.monotonic() > deadline:
            stop_stack(stack)
            text = (data_dir / "launcher.log").read_text(errors="replace")
            raise RuntimeError(f"the launcher did not start the stack: {text[-2000:]}")
        time.sleep(0.5)
    return stack


def stop_stack(stack: MultiStack) -> None:
    pids = []
    with contextlib.suppress(OSError, ValueError):
        pids = [m["pid"] for m in stack.state()["members"]] + [stack.state()["proxy_pid"]]
    if stack.launcher.poll() is None:
        stack.launcher.send_signal(signal.SIGTERM)
        try:
            stack.launcher.wait(60)
        except subprocess.TimeoutExpired:
            stack.launcher.kill()
            stack.launcher.wait(10)
    for pid in pids:  # what the launcher started and did not stop
        if isinstance(pid, int):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def multi_stack(
    postgres_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MultiStack]:
    if haproxy.binary() is None:
        pytest.skip("HAProxy absent (install the Debian package haproxy)")
    db_url = _create_database(postgres_server)
    stack = start_stack(tmp_path_factory.mktemp("multi"), db_url)
    try:
        yield stack
    finally:
        stop_stack(stack)
        _drop_database(db_url)


@pytest.fixture(scope="module")
def chromium() -> Iterator[tuple[Any, Any]]:
    """(playwright, browser) on Debian's Chromium; skips when it is absent."""
    import shutil

    from tests.e2e.helpers import CHROMIUM_ARGS

    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield playwright, browser
        finally:
            browser.close()
