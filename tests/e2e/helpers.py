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


# Installed in every context of the tests (`phone_context`, `projector_context`): it reads the
# top-level fields of the app's websocket messages and numbers, in order, each script run the page
# asks for (a tap, a committed value, a page change; not a fragment's timer) and each run the
# server reports finished, so that `settle` knows whether the run asked for last has been drawn.
RUN_WATCH_JS = r"""
(() => {
  if (window.__essRuns) return;
  const runs = window.__essRuns = {seq: 0, asked: 0, askedAt: 0, finished: 0};
  const fields = (data) => {
    const b = data instanceof ArrayBuffer ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const out = [];
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1, byte;
      do { byte = b[i++]; value += (byte & 0x7f) * scale; scale *= 128; }
      while (byte & 0x80 && i < b.length);
      return value;
    };
    while (i < b.length) {
      const key = varint(), wire = key & 7, field = Math.floor(key / 8);
      if (wire === 0) out.push([field, varint()]);
      else if (wire === 2) { const n = varint(); out.push([field, b.subarray(i, i + n)]); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return out;
  };
  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        for (const [field, value] of fields(event.data)) {
          // ForwardMsg.script_finished (6); 2 is FINISHED_EARLY_FOR_RERUN: another run follows.
          if (field === 6 && value !== 2) runs.finished = ++runs.seq;
        }
      });
    }
    send(data) {
      try {
        if (typeof data !== 'string') {
          for (const [field, value] of fields(data)) {
            // BackMsg.rerun_script (11) whose ClientState.is_auto_rerun (6) is not set.
            if (field === 11 && !fields(value).some(([f, v]) => f === 6 && v)) {
              runs.asked = ++runs.seq;
              runs.askedAt = performance.now();
            }
          }
        }
      } catch (error) { /* never stand between the app and its server */ }
      return super.send(data);
    }
  }
  window.WebSocket = Watched;
})();
"""
# Connected, no script running, no element left over from the previous run, and every run asked
# for reported finished (after 15 s without an answer, a request is taken as dropped: the step's
# own waits then decide).
_SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"]')) {
    return false;  // running for a while, or the previous run's elements still faded out
  }
  const link = app.getAttribute('data-test-connection-state');
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (link && link !== 'CONNECTED') return false;
  const runs = window.__essRuns;
  if (!runs || runs.finished > runs.asked) return true;
  return runs.asked > 0 && performance.now() - runs.askedAt > 15000;
}"""


def settle(page: Any, timeout: float = 30_000) -> None:
    """Wait until Streamlit has drawn the run that the last navigation or action asked for: the
    first run of a page has started and ended (the script state leaves "initial"), every run
    the page asked for is reported finished (RUN_WATCH_JS), nothing runs and no element of the
    previous run is left; seen twice, 250 ms apart (a fragment's timer may start a run between
    two looks). The old test (the status widget absent) passed before a run had started: the
    widget only shows after half a second of running."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout / 1000
    while True:
        left = max(1_000.0, (deadline - time.monotonic()) * 1000)
        try:
            page.wait_for_function(_SETTLED_JS, timeout=left, polling=100)
            page.wait_for_timeout(250)
            if page.evaluate(_SETTLED_JS):
                return
        except PlaywrightTimeout:
            raise
        except PlaywrightError as error:
            if "destroyed" not in str(error) and "navigat" not in str(error).lower():
                raise  # anything but a navigation replacing the page mid-look
        if time.monotonic() > deadline:
            raise PlaywrightTimeout(f"the page did not settle within {timeout:.0f} ms")


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
    context = browser.new_context(**device, locale="fr-FR")
    context.add_init_script(RUN_WATCH_JS)
    return context


def projector_context(browser: Any) -> Any:
    context = browser.new_context(viewport=PROJECTOR, locale="fr-FR")
    context.add_init_script(RUN_WATCH_JS)
    return context


def login_facilitator(page: Any, base: str) -> None:
    """Sign in on « Animer » and land on the console. The form is a real POST answered by a
    redirect: the new page is awaited, or `settle` would look at the old one."""
    page.goto(base + "/animer")
    settle(page)
    page.get_by_label("Mot de passe").fill(FACILITATOR_PASSWORD)
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name="Entrer").click()
    settle(page)


def choose(page: Any, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label and the option's text."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=option).click()
