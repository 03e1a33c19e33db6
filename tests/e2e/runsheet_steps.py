"""Helpers of the run-sheet test (tests/e2e/test_runsheet_empty_db.py): a server started from an
EMPTY database (migrations only, no demo) with the real geography and Sirene samples of
../shared/data imported through the CLI, and screenshots of each step at both sizes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.e2e.helpers import (
    FACILITATOR_PASSWORD,
    ROOT,
    _wait_healthy,
    choose,
    free_port,
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
    port = free_port()
    log = (data_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    _wait_healthy(base, proc, timeout=120)
    return base, proc


def to_top(page: Any) -> None:
    """Scroll the page back to its top (the projected surface, above its settings)."""
    page.evaluate(
        """() => { window.scrollTo(0, 0);
        for (const s of ['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']) {
          const el = document.querySelector(s); if (el) el.scrollTop = 0; } }"""
    )


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


def _first_column(grid: Any) -> int:
    """The accessible table's index of the first data column (1 after a row-marker column, as in
    an editor that adds rows)."""
    grid.locator('[data-testid="glide-cell-1-0"]').wait_for(state="attached", timeout=60_000)
    return 0 if grid.locator('[data-testid="glide-cell-0-0"]').count() else 1


def cell_text(grid: Any, row: int, col: int) -> str:
    """A data-editor cell's text, read from its accessible table."""
    cell = grid.locator(f'[data-testid="glide-cell-{col + _first_column(grid)}-{row}"]')
    return str(cell.inner_text())


def _select_cell(page: Any, grid: Any, row: int, col: int) -> None:
    """Click the grid's top-left cell, then go to (row, col) by keyboard; its accessible table
    tells which cell is selected (a click can miss while the page still scrolls)."""
    target = grid.locator(f'[data-testid="glide-cell-{col + _first_column(grid)}-{row}"]')
    for _ in range(3):
        grid.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(400)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)
        page.wait_for_timeout(200)
        for key, count in (("ArrowUp", 30), ("ArrowLeft", 8), ("ArrowDown", row),
                           ("ArrowRight", col)):  # fmt: skip
            for _ in range(count):
                page.keyboard.press(key)
        page.wait_for_timeout(200)
        if target.get_attribute("aria-selected") == "true":
            return
    raise AssertionError(f"cannot select the cell ({row}, {col}) of the grid")


def grid_edit(page: Any, grid: Any, row: int, col: int, text: str, *, pick: bool = False) -> None:
    """Type `text` into a data-editor cell (a canvas): select it, open its editor, replace
    its content, Enter (or, `pick`, click the option of exactly that text in a selectbox cell:
    its filter ignores accents, « Mobilite » also lists « Mobilité »), and wait for the rerun."""
    for attempt in range(3):  # an editor opened during a rerun may close under the keys
        _select_cell(page, grid, row, col)
        page.keyboard.press("Enter")  # opens the cell's editor (typing would lose a first key)
        page.wait_for_timeout(400)
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(text)
        page.wait_for_timeout(300)  # a selectbox cell filters its options as one types
        if not pick:
            page.keyboard.press("Enter")
            break
        option = page.get_by_role("option", name=text, exact=True)
        try:
            option.click(timeout=10_000)
            break
        except Exception:
            page.keyboard.press("Escape")
            ready(page)
            if attempt == 2:
                raise
    ready(page)


def grid_add_row(page: Any, grid: Any, row: int, values: list[str]) -> None:
    """A new row: a key typed into the editor's trailing empty row adds it (and reruns),
    then each cell is filled."""
    grid.locator(f'[data-testid="glide-cell-1-{row - 1}"]').wait_for(state="attached")  # 1: marker
    _select_cell(page, grid, row - 1, 0)
    page.keyboard.press("ArrowDown")  # the trailing row, not in the accessible table yet
    page.keyboard.type("x")
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    ready(page)
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


def qr_matches(png: bytes, text: str) -> bool:
    """Whether a QR image (resized or not) shows the modules of `text`'s QR code (segno, error
    level M, border of 2 modules): read at each module's centre, without a QR decoder."""
    import segno
    from PIL import Image

    rows = list(segno.make(text, error="m").matrix)
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.size[0] / (len(rows) + 4)
    return all(
        (image.getpixel((int((x + 2.5) * size), int((y + 2.5) * size))) < 128) == bool(dark)
        for y, row in enumerate(rows)
        for x, dark in enumerate(row)
    )


def pick_typed(page: Any, box: Any, typed: str, option: str, *, exact: bool = False) -> None:
    """Pick an option of a selectbox or multiselect: click it, type `typed` (its list opens on
    what is typed; a click alone may only focus it), click the option named `option`."""
    for attempt in range(4):  # a rerun may redraw the list under the pointer: once more
        box.click()
        box.press_sequentially(typed, delay=30)
        try:
            page.get_by_role("option", name=option, exact=exact).first.click(timeout=8_000)
            return
        except Exception:
            page.keyboard.press("Escape")
            ready(page)
            if box.input_value():  # the typed filter only (a Backspace would drop a chip)
                box.fill("")
            if attempt == 3:
                raise


def open_expander(page: Any, title: str, field: str) -> None:
    """Open an expander (once the page stopped rerunning) and wait for a field inside it."""
    ready(page)
    inside = page.get_by_label(field).first
    for _ in range(3):
        if inside.is_visible():
            return
        page.get_by_text(title).first.click()
        try:
            inside.wait_for(timeout=5_000)
        except Exception:  # a rerun redrew it closed: once more
            ready(page)
    inside.wait_for(timeout=5_000)
