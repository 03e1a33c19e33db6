"""The failover bench: one process killed (kill -9) during a phase; phones and projection views
reconnect through the proxy like browser tabs; the killed process is restarted and rejoins."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bench.st_client import StClient
from bench.st_proto import ClientError

if TYPE_CHECKING:
    from bench.metrics import RowCheck, Summary
    from bench.scenario import Recorder
    from bench.server import Target

IDENTITY_WIDGETS = {"world_cafe": "cafe_table", "carte_partagee": "map_commune"}


async def reopen(
    base: str, rec: Recorder, old: StClient, default_page: str, timeout: float = 60
) -> StClient:
    """Like a browser tab whose server went away: connect again through the proxy and run the
    same page with the same URL (`?p=` token); the phone must be the same person there."""
    lost_at = old.closed_at or time.monotonic()
    await old.close()
    page = old.page_name or default_page
    while True:
        client = StClient(base, name=old.name, tick=old.tick)
        try:
            await client.connect()
            await client.open(page, query_string=old.query_string)
            break
        except Exception as exc:  # refused or 502 while the proxy learns the news: retry
            await client.close()
            if time.monotonic() - lost_at > timeout:
                raise ClientError(f"{old.name}: not reconnected in {timeout} s: {exc}") from exc
            await asyncio.sleep(0.25)
    rec.reconnects.append(time.monotonic() - lost_at)
    widget = IDENTITY_WIDGETS.get(page)
    if widget and not client.has_widget(widget):
        rec.error("identity", f"{old.name}: {page} after reconnecting shows no {widget}")
    return client


@dataclass
class Kill:
    """When and what was killed, and how the pool came back."""

    victim: str
    after_s: float
    killed_at: float = 0.0  # monotonic
    rejoined_after_s: float | None = None
    viewer_reconnects: list[float] = field(default_factory=list)
    restarts: list[str] = field(default_factory=list)


async def kill_and_recover(
    target: Target,
    kill: Kill,
    viewers: list[StClient],
    reopen_viewer: Callable[[int], Awaitable[StClient]],
    until: float,
) -> None:
    """Kill `kill.victim` after `kill.after_s`; then keep the supervisor going (restart) and
    reopen projection views that lost their process, until `until` (monotonic)."""
    assert target.stack is not None, "the failover bench needs the multi-process stack"
    await asyncio.sleep(kill.after_s)
    os.kill(target.pids[kill.victim], signal.SIGKILL)
    kill.killed_at = time.monotonic()
    reopening: dict[int, asyncio.Task[None]] = {}

    async def reopen(i: int, old: StClient) -> None:
        viewers[i] = await reopen_viewer(i)
        kill.viewer_reconnects.append(time.monotonic() - (old.closed_at or kill.killed_at))

    try:
        while time.monotonic() < until:
            kill.restarts += await asyncio.to_thread(target.stack.supervise)
            for i, viewer in enumerate(viewers):  # in the background: the loop keeps watching
                if viewer.closed.is_set() and (i not in reopening or reopening[i].done()):
                    reopening[i] = asyncio.create_task(reopen(i, viewer))
            if kill.rejoined_after_s is None and await asyncio.to_thread(
                _routed_to, target.base, kill.victim
            ):
                kill.rejoined_after_s = time.monotonic() - kill.killed_at
            await asyncio.sleep(0.5)
    finally:
        for task in reopening.values():
            task.cancel()


def _routed_to(base: str, server: str) -> bool:
    """Whether the proxy sends a request pinned to `server` to that process (it rejoined)."""
    import urllib.request

    from essdash.deploy import haproxy

    request = urllib.request.Request(
        base + haproxy.HEALTH_PATH, headers={"Cookie": f"{haproxy.AFFINITY_COOKIE}={server}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return bool(response.headers.get("X-Essdash-Server") == server)
    except OSError:
        return False


def summary(
    rec: Recorder, kill: Kill, rows: list[RowCheck], ack_after: Summary, visible_after: Summary
) -> dict[str, object]:
    """The failover figures: nothing acknowledged lost, reconnect times, latency afterwards."""
    from bench.metrics import Summary

    cut = [w for w in rec.writes if w.acked_at is None and w.sent_at <= kill.killed_at + 5]
    return {
        "killed": kill.victim,
        "killed_after_s": kill.after_s,
        "acknowledged_lost": sum(c.acked_lost for c in rows),
        "unacknowledged_around_kill": len(cut),
        "phone_reconnects": len(rec.reconnects),
        "phone_reconnect_s": Summary.of(rec.reconnects).__dict__,
        "identity_errors": rec.errors.get("identity", 0),
        "view_reconnect_s": Summary.of(kill.viewer_reconnects).__dict__,
        "ack_after_kill_s": ack_after.__dict__,
        "visible_after_kill_s": visible_after.__dict__,
        "rejoined_after_s": kill.rejoined_after_s,
        "supervisor": kill.restarts,
    }
