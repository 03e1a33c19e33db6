"""End-to-end fixtures: the real Streamlit server on a free port, Debian Chromium."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import CHROMIUM_ARGS, start_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data directory (and SQLite file `e2e.db`) of the shared e2e server."""
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def server(server_data_dir: Path) -> Iterator[str]:
    """Base URL of a real server with the demo loaded (shared by the e2e session)."""
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    base, proc = start_server(server_data_dir)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[tuple[Any, Any]]:
    """(playwright, chromium browser) using Debian's Chromium."""
    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield playwright, chromium
        chromium.close()
