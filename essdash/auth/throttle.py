"""Slow down repeated facilitator password failures, per client and over all clients.

A client may fail `CLIENT_FREE` times; after that each new attempt must wait twice as long as
the previous one since its last failure (2 s, 4 s, 8 s… up to `CLIENT_CAP_S`). Over all clients
the same holds after `OVERALL_FREE` failures, capped lower (`OVERALL_CAP_S`) so that a stranger
cannot lock the facilitator out for long. An attempt made while waiting is refused without its
password being checked. Failures are forgotten after `WINDOW_S`, a client's on its success.
The counts live in a store shared by every server process.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from essdash.auth.store import JsonStore

log = logging.getLogger("essdash.auth")

CLIENT_FREE = 5
CLIENT_CAP_S = 900.0
OVERALL_FREE = 20
OVERALL_CAP_S = 60.0
WINDOW_S = 3600.0
_OVERALL = "*"


def backoff_s(failures: int, free: int, cap: float) -> float:
    """How long to wait after the last of `failures` recent failures."""
    if failures < free:
        return 0.0
    return float(min(cap, 2 ** (failures - free + 1)))


@dataclass
class LoginThrottle:
    store: JsonStore

    def retry_after(self, client: str, now: float | None = None) -> float:
        """Seconds this client must still wait before its password is checked (0: go ahead)."""
        current = time.time() if now is None else now
        failures = _recent(self.store.read(), current)
        return max(
            _wait(failures.get(client, []), current, CLIENT_FREE, CLIENT_CAP_S),
            _wait(failures.get(_OVERALL, []), current, OVERALL_FREE, OVERALL_CAP_S),
        )

    def failed(self, client: str, now: float | None = None) -> None:
        current = time.time() if now is None else now
        with self.store.update() as document:
            failures = _recent(document, current)
            for key in (client, _OVERALL):
                failures.setdefault(key, []).append(current)
                failures[key] = failures[key][-64:]
            document["failures"] = failures
        log.warning(
            "facilitator login refused: wrong password from %s (%d recent failures from it, %d "
            "overall)",
            client,
            len(failures[client]),
            len(failures[_OVERALL]),
        )

    def succeeded(self, client: str, now: float | None = None) -> None:
        current = time.time() if now is None else now
        with self.store.update() as document:
            failures = _recent(document, current)
            failures.pop(client, None)
            document["failures"] = failures

    @staticmethod
    def log_refused_while_waiting(client: str, wait_s: float) -> None:
        log.warning(
            "facilitator login refused: %s tried again %.0f s too early (throttled)",
            client,
            wait_s,
        )


def _recent(document: dict[str, Any], now: float) -> dict[str, list[float]]:
    raw = document.get("failures", {})
    if not isinstance(raw, dict):
        return {}
    recent: dict[str, list[float]] = {}
    for key, stamps in raw.items():
        kept = [t for t in stamps if isinstance(t, (int, float)) and now - WINDOW_S < t <= now]
        if kept:
            recent[key] = kept
    return recent


def _wait(stamps: list[float], now: float, free: int, cap: float) -> float:
    if not stamps:
        return 0.0
    return max(0.0, stamps[-1] + backoff_s(len(stamps), free, cap) - now)
