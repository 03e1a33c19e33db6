"""End-to-end helpers: real server, settle a page, screenshots, phone and projector contexts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
FACILITATOR_PASSWORD = "demo-animation"
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


def _server_env(data_dir: Path, extra_env: dict[str, str] | None) -> dict[str, str]:
    return dict(
        os.environ,
        ESSDASH_DATA_DIR=str(data_dir),
        ESSDASH_DATABASE_URL=f"sqlite:///{data_dir / 'e2e.db'}",
        ESSDASH_MODE="demo",
        ESSDASH_FACILITATOR_PASSWORD=FACILITATOR_PASSWORD,
        **(extra_env or {}),
    )


def essdash_cli(data_dir: Path, *args: str) -> None:
    """Run `python -m essdash ARGS` on the server's data directory and database; it must pass."""
    env = _server_env(data_dir, None)
    subprocess.run([sys.executable, "-m", "essdash", *args], cwd=ROOT, env=env, check=True)


def build_demo(data_dir: Path) -> None:
    """Migrate `data_dir/e2e.db` and load the demo into it (the real CLI, as `make run` does)."""
    essdash_cli(data_dir, "init-db")
    essdash_cli(data_dir, "demo")


def start_server(
    data_dir: Path, extra_env: dict[str, str] | None = None, *, template: Path | None = None
) -> tuple[str, Any]:
    """Migrate, load the demo and start `streamlit run server.py` (app.py plus the sign-in
    routes) on a free loopback port. With `template` (a folder `build_demo` filled), its copy
    stands for the migration and the demo: same files, same modification times."""
    if template is None:
        build_demo(data_dir)
    else:
        shutil.copytree(template, data_dir, dirs_exist_ok=True)
    port = free_port()
    log = (data_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=_server_env(data_dir, extra_env), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    _wait_healthy(base, proc)
    return base, proc


@dataclass(frozen=True)
class Server:
    """A running server of the tests: its address, its data directory and its process."""

    base: str
    data_dir: Path
    proc: Any

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'e2e.db'}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# The `demo_server` fixture's type: `demo_server(name, extra_env=None)` -> `with … as server:`.
DemoServer = Callable[..., AbstractContextManager[Server]]


@contextmanager
def running_server(
    data_dir: Path, *, template: Path | None = None, extra_env: dict[str, str] | None = None
) -> Iterator[Server]:
    """The one way tests start a server: `with running_server(dir, template=…) as server:`;
    it is stopped on the way out. The `demo_server` fixture (tests/conftest.py) passes the
    demo built once for the run as `template`."""
    base, proc = start_server(data_dir, extra_env, template=template)
    server = Server(base, data_dir, proc)
    try:
        yield server
    finally:
        server.stop()


def settle(page: Any, timeout: float = 20_000) -> None:
    """Wait until Streamlit has finished running the script (the status widget is gone)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout
    )
    page.wait_for_timeout(300)


def shot(page: Any, name: str) -> Path:
    """Save a full-viewport screenshot under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def phone_context(playwright: Any, browser: Any) -> Any:
    """A phone-sized context with mobile emulation (the sidebar collapses as on a real phone)."""
    device = dict(playwright.devices["Pixel 7"])
    device["viewport"] = PHONE
    return browser.new_context(**device, locale="fr-FR")


def projector_context(browser: Any) -> Any:
    return browser.new_context(viewport=PROJECTOR, locale="fr-FR")


def login_facilitator(page: Any, base: str) -> None:
    page.goto(base + "/animer")
    settle(page)
    page.get_by_label("Mot de passe").fill(FACILITATOR_PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    settle(page)


def choose(page: Any, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label and the option's text."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=option).click()
