"""The plenary restitution in Chromium at projector size: every slide, keyboard navigation."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tests.e2e.helpers import projector_context, settle, shot


def _demo_code(data_dir: Path) -> str:
    """The demo's restitution code is drawn afresh on each install: read it from the database."""
    with sqlite3.connect(data_dir / "e2e.db") as conn:
        row = conn.execute("SELECT restitution_code FROM diagnostic WHERE is_demo").fetchone()
    return str(row[0])


def test_restitution_slides_at_1920x1080(server: str, server_data_dir: Path, browser: Any) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    page.goto(f"{server}/restitution?r={_demo_code(server_data_dir)}")
    settle(page)
    counter = page.get_by_text(" / ", exact=False).first
    counter.wait_for()
    total = int(counter.inner_text().split("/")[1])
    assert total >= 8
    shot(page, "restitution-01-title")
    for number in range(2, total + 1):
        page.keyboard.press("ArrowRight")
        page.get_by_text(f"{number} / {total}").first.wait_for(timeout=30_000)
        settle(page)
        page.wait_for_load_state("networkidle")  # chart images arrive after the delta
        page.wait_for_timeout(800)
        shot(page, f"restitution-{number:02d}")
    page.keyboard.press("ArrowLeft")
    page.get_by_text(f"{total - 1} / {total}").first.wait_for(timeout=30_000)
    context.close()


def test_wrong_code_says_so_in_french(server: str, browser: Any) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    page.goto(f"{server}/restitution?r=mauvais-code")
    settle(page)
    page.get_by_text("Code de restitution inconnu").first.wait_for()
    shot(page, "restitution-wrong-code")
    context.close()
