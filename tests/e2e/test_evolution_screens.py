"""Browser screenshots at 1920×1080 of the panorama and the evolution charts ("Chiffres clés",
comparison of three territories) on the demo with a generated Sirene history, and the time the
first open of "Chiffres clés" and a territory switch take in the browser (printed, not asserted)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import (
    ROOT,
    DemoServer,
    essdash_cli,
    login_facilitator,
    projector_context,
    settle,
    shot,
)

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def history_server(demo_server: DemoServer) -> Iterator[str]:
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    with demo_server("e2e-history") as server:
        _import_history(server.data_dir)
        yield server.base


def _import_history(data_dir: Path) -> None:
    """A generated Sirene history of the demo's communes, through the real CLI."""
    env = {**os.environ, "ESSDASH_DATA_DIR": str(data_dir),
           "ESSDASH_DATABASE_URL": f"sqlite:///{data_dir / 'e2e.db'}"}  # fmt: skip
    script = (
        "import sys; from pathlib import Path; from tests.ui_quant.history_rows import "
        "write_history; write_history(Path(sys.argv[1]))"
    )
    target = data_dir / "historique.csv"
    subprocess.run([sys.executable, "-c", script, str(target)], cwd=ROOT, env=env, check=True)
    essdash_cli(data_dir, "import-sirene-historique", "--etablissements", str(target))


@pytest.fixture(scope="module")
def chromium(browser: tuple[Any, Any]) -> Any:
    """The e2e session's Chromium: a second sync Playwright cannot start beside it."""
    return browser[1]


def _open(page: Any, title: str) -> float:
    started = time.perf_counter()
    page.get_by_role("link", name=title, exact=True).first.click()
    settle(page, TIMEOUT)
    page.get_by_role("heading", name=title).first.wait_for(timeout=TIMEOUT)
    return time.perf_counter() - started


def _scroll_to(page: Any, text: str, block: str = "start") -> None:
    found = page.get_by_text(text, exact=False).first
    found.evaluate(f"e => e.scrollIntoView({{block: '{block}'}})")
    page.wait_for_timeout(2000)  # Vega draws after the script run


def test_panorama_and_evolution_screens(history_server: str, chromium: Any) -> None:
    context = projector_context(chromium)
    page = context.new_page()
    login_facilitator(page, history_server)
    seconds = _open(page, "Chiffres clés")
    print(f"\nChiffres clés, première ouverture : {seconds:.2f} s")
    assert not page.locator('[data-testid="stException"]').count()
    _scroll_to(page, "Panorama")
    shots: list[Path] = [shot(page, "quant-panorama")]
    _scroll_to(page, "Évolution depuis 2010")
    shots.append(shot(page, "quant-evolution"))
    _scroll_to(page, "Stock : établissements actifs au 31 décembre", "end")
    shots.append(shot(page, "quant-evolution-suite"))
    _open(page, "Comparaison")
    _scroll_to(page, "Évolution depuis 2010")
    shots.append(shot(page, "quant-comparaison-evolution"))
    assert not page.locator('[data-testid="stException"]').count()
    _open(page, "Chiffres clés")
    page.set_viewport_size({"width": 390, "height": 844})  # same session, phone width
    page.wait_for_timeout(1500)
    _scroll_to(page, "Évolution depuis 2010")
    shots.append(shot(page, "quant-evolution-phone"))
    context.close()
    assert all(p.stat().st_size > 20_000 for p in shots)
