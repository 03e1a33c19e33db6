"""Helpers of the run-sheet test (tests/e2e/test_runsheet_empty_db.py): a server started from an
EMPTY database (migrations only, no demo) with the real geography and Sirene samples of
../shared/data imported through the CLI, and screenshots of each step at both sizes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.e2e.helpers import (
    FACILITATOR_PASSWORD,
    ROOT,
    _free_port,
    _wait_healthy,
    choose,
    phone_context,
    settle,
)

SHARED = ROOT.parent / "shared" / "data"
ARTIFACTS = ROOT / "test-artifacts" / "runsheet"
SIRENE = SHARED / "sirene"
# The reference data a CRESS imports before its first diagnostic (docs/quantitatif.md).
IMPORTS = (
    ["import-cog", *(str(SHARED / "cog" / f"{n}.json") for n in
                     ("communes", "epci", "departements", "regions"))],
    ["import-contours", str(SHARED / "geo" / "communes-80-somme.geojson")],
    ["import-sirene",
     "--etablissements", str(SIRENE / "StockEtablissement_utf8_sample_trackdechets.csv"),
     "--unites-legales", str(SIRENE / "StockUniteLegale_utf8_sample_trackdechets.csv")],
)  # fmt: skip


def server_env(data_dir: Path) -> dict[str, str]:
    """No ESSDASH_MODE=demo: the app as a CRESS installs it."""
    env = {k: v for k, v in os.environ.items() if k != "ESSDASH_MODE"}
    env.update(
        ESSDASH_DATA_DIR=str(data_dir),
        ESSDASH_DATABASE_URL=f"sqlite:///{data_dir / 'e2e.db'}",
        ESSDASH_FACILITATOR_PASSWORD=FACILITATOR_PASSWORD,
    )
    return env


def start_empty_server(data_dir: Path) -> tuple[str, Any]:
    """`init-db` (no `demo`), the reference imports, then `streamlit run server.py`."""
    env = server_env(data_dir)
    for command in (["init-db"], *IMPORTS):
        subprocess.run([sys.executable, "-m", "essdash", *command], cwd=ROOT, env=env,
                       check=True, capture_output=True)  # fmt: skip
    port = _free_port()
    log = (data_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    _wait_healthy(base, proc, timeout=120)
    return base, proc


def snap(page: Any, step: str, who: str) -> Path:
    """Screenshot of one step under test-artifacts/runsheet/ (`NN-step-who.png`)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{step}-{who}.png"
    page.screenshot(path=str(path))
    return path


def ready(page: Any, timeout: float = 60_000) -> None:
    """`settle`, then no skeleton left (elements drawn after the run are awaited too)."""
    settle(page, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout
    )


def grid_edit(page: Any, grid: Any, row: int, col: int, text: str) -> None:
    """Type `text` into a data-editor cell (a canvas): give the grid the focus through its
    accessible table, go to the top-left cell and from there to the cell by keyboard (clicks
    miss when the page scrolls under them), type, Enter, and wait for the rerun."""
    grid.evaluate("e => e.scrollIntoView({block: 'center'})")
    grid.locator('[data-testid="glide-cell-1-0"]').focus()
    page.wait_for_timeout(200)
    for key, count in (("ArrowUp", 30), ("ArrowLeft", 8), ("ArrowDown", row), ("ArrowRight", col)):
        for _ in range(count):
            page.keyboard.press(key)
    page.keyboard.type(text[0])  # opens the cell's editor: what follows waits for it
    page.wait_for_timeout(400)
    page.keyboard.type(text[1:])
    page.wait_for_timeout(300)  # a selectbox cell filters its options as one types
    page.keyboard.press("Enter")
    ready(page)


def grid_add_row(page: Any, grid: Any, row: int, values: list[str]) -> None:
    """A new row typed into the editor's trailing empty row: a first key adds the row (and
    reruns, eating what follows), then each cell."""
    grid_edit(page, grid, row, 0, "x")
    for col, text in enumerate(values):
        grid_edit(page, grid, row, col, text)


def join_phone(playwright: Any, chromium: Any, url: str, name: str, code: str = "") -> Any:
    """A phone opens `url`, types the code if asked, signs in; returns the page (map shown)."""
    page = phone_context(playwright, chromium).new_page()
    page.goto(url)
    ready(page)
    if code:
        page.get_by_label("Code de l'atelier").fill(code)
        page.get_by_role("button", name="Rejoindre").click()
        ready(page)
    page.get_by_label("Nom et prénom *").fill(name)
    page.get_by_label("Structure", exact=True).fill(f"Structure de {name}")
    choose(page, "Type d'acteur *", "Structure de l'ESS")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=60_000)
    ready(page)
    return page


def token_of(page: Any) -> str:
    return str(page.url.split("p=")[1].split("&")[0])
