"""End-to-end helpers: real server, settle a page, screenshots, phone and projector contexts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
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


def _free_port() -> int:
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


def start_server(data_dir: Path, extra_env: dict[str, str] | None = None) -> tuple[str, Any]:
    """Migrate, load the demo and start `streamlit run server.py` (app.py plus the sign-in
    routes) on a free loopback port."""
    env = dict(
        os.environ,
        ESSDASH_DATA_DIR=str(data_dir),
        ESSDASH_DATABASE_URL=f"sqlite:///{data_dir / 'e2e.db'}",
        ESSDASH_MODE="demo",
        ESSDASH_FACILITATOR_PASSWORD=FACILITATOR_PASSWORD,
        **(extra_env or {}),
    )
    for command in (["init-db"], ["demo"]):
        subprocess.run([sys.executable, "-m", "essdash", *command], cwd=ROOT, env=env, check=True)
    port = _free_port()
    log = (data_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    _wait_healthy(base, proc)
    return base, proc


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
