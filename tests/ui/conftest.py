"""AppTests write through services between runs and expect the next run to show it at once:
every session reads the workshop's versions from the database, as right after its own write
(the half-second sharing of the stamps is a load optimisation, measured by `bench/load.py`)."""

from __future__ import annotations

import pytest

from essdash.ui import state


@pytest.fixture(autouse=True)
def _fresh_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "reads_fresh", lambda: True)
