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


@pytest.fixture(scope="module")
def module_server(demo_server: DemoServer) -> Iterator[Server]:
    """A real server with the demo loaded, for the tests of one module: what one module writes
    (sign-ins, post-its, votes) never meets another module's tests, whichever xdist worker
    runs them and in whatever order (a server starts in seconds from the demo built once)."""
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    with demo_server("e2e") as running:
        yield running


@pytest.fixture(scope="module")
def server(module_server: Server) -> str:
    """Base URL of the module's server."""
    return module_server.base


@pytest.fixture(scope="module")
def server_data_dir(module_server: Server) -> Path:
    """The data directory (and SQLite file `e2e.db`) of the module's server."""
    return module_server.data_dir


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
