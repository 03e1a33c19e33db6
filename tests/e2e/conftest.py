"""End-to-end fixtures: the real Streamlit server on a free port, Debian Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import CHROMIUM_ARGS, DemoServer, Server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def shared_server(demo_server: DemoServer) -> Iterator[Server]:
    """A real server with the demo loaded, shared by the e2e tests that only read it."""
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    with demo_server("e2e") as running:
        yield running


@pytest.fixture(scope="session")
def server(shared_server: Server) -> str:
    """Base URL of the shared server."""
    return shared_server.base


@pytest.fixture(scope="session")
def server_data_dir(shared_server: Server) -> Path:
    """The data directory (and SQLite file `e2e.db`) of the shared e2e server."""
    return shared_server.data_dir


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
