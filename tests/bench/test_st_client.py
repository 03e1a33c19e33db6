"""The load bench's protocol client against the real server: each write lands exactly once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.metrics import count_rows
from bench.scenario import Context, Recorder, place_site, post_answer, projection_viewer, sign_in
from bench.server import prepare_workshop
from bench.st_client import StClient
from bench.st_proto import Trigger
from tests.e2e.helpers import DemoServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live_server(demo_server: DemoServer) -> Iterator[tuple[str, Path]]:
    with demo_server("bench") as server:
        yield server.base, server.data_dir


async def _workshop(base: str, rec: Recorder, round_no: int) -> None:
    ctx = Context(base=base, rec=rec, deadline=time.monotonic() + 60, phone_ticks=False)
    viewer, _ = await projection_viewer(base, 0, rec.listen, round_no)

    async def one(n: int) -> None:
        async with StClient(base, name=f"t{n}", tick=False) as client:
            assert await sign_in(ctx, client, n)
            assert await place_site(ctx, client, n)
            assert await post_answer(ctx, client, n)

    try:
        await asyncio.gather(*(one(n) for n in range(3)))
        sites = rec.acked("site")
        deadline = time.monotonic() + 10
        while not sites <= set(rec.seen) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
    finally:
        await viewer.close()


def test_writes_through_the_protocol_land_once_and_reach_the_projection(
    live_server: tuple[str, Path],
) -> None:
    base, data_dir = live_server
    db_url = f"sqlite:///{data_dir / 'e2e.db'}"
    round_no, _ = prepare_workshop(db_url)
    rec = Recorder("zqtest")
    # A thread of its own: under xdist, an e2e module run before in this worker (Playwright's
    # sync API) may have left an event loop running in the main thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, _workshop(base, rec, round_no)).result()

    assert not rec.errors, rec.error_samples
    kinds = ("participant", "site", "contribution")
    checks = count_rows(db_url, rec.prefix, {k: rec.sent(k) for k in kinds}, {})
    assert [(c.kind, c.sent, c.rows, c.lost, c.doubled) for c in checks] == [
        (kind, 3, 3, 0, 0) for kind in kinds
    ]
    assert rec.acked("site") <= set(rec.seen)  # the projection view showed every new site


def test_every_rerun_carries_the_values_set_so_far_like_a_browser() -> None:
    """Streamlit keeps the NEWER snapshot when it coalesces two reruns: a tick without the
    values would make a pending submit run with stale text (seen under load)."""
    client = StClient("http://127.0.0.1:1", name="unit")
    client.page_name = "world_cafe"
    submit = client._rerun_msg(None, None, {"$$ID-a-None": "Idee 1", "$$ID-b-go": Trigger()})
    tick = client._rerun_msg(None, None, {})

    def values(msg: object) -> dict[str, str]:
        states = msg.rerun_script.widget_states.widgets  # type: ignore[attr-defined]
        return {s.id: s.WhichOneof("value") for s in states}

    assert values(submit) == {"$$ID-a-None": "string_value", "$$ID-b-go": "trigger_value"}
    assert values(tick) == {"$$ID-a-None": "string_value"}  # the value, never the trigger
    assert tick.rerun_script.widget_states.widgets[0].string_value == "Idee 1"
    other_page = client._rerun_msg("carte_partagee", "", {})
    assert values(other_page) == {}  # a page change starts a fresh snapshot
