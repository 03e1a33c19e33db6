"""The live workshop on 2 Streamlit processes behind HAProxy on PostgreSQL (`make run-multi`).

Clients speak Streamlit's websocket protocol (bench/st_client.py) through the proxy; the
proxy's affinity cookie pins each one to a process, and its X-Essdash-Server header says
which process answered.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bench.metrics import count_rows
from bench.scenario import (
    Context,
    Recorder,
    facilitator_cookie,
    post_answer,
    projection_viewer,
    sign_in,
)
from bench.server import prepare_workshop
from bench.st_client import StClient
from bench.st_proto import ClientError
from essdash.deploy.stack import free_port
from tests.multi.stack import ROOT, MultiStack, affinity, multi_stack

__all__ = ["multi_stack"]  # the fixture, imported for pytest
T = TypeVar("T")
REFUSAL = "réservée à l'équipe d'animation".encode()  # the console without a session


def run(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own (a loop left by another test cannot get in the way)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the test's thread
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def _context(stack: MultiStack, prefix: str) -> Context:
    rec = Recorder(prefix)
    return Context(base=stack.url, rec=rec, deadline=time.monotonic() + 600, rng=random.Random(1))


def test_several_processes_on_sqlite_refuse_to_start(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        ESSDASH_DATA_DIR=str(tmp_path),
        ESSDASH_DATABASE_URL=f"sqlite:///{tmp_path / 'essdash.db'}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "essdash.deploy", "--processes", "2", "--port", str(free_port())],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "SQLite" in done.stderr and "make run" in done.stderr and "PostgreSQL" in done.stderr
    assert not (tmp_path / "run-multi").exists()  # nothing was started


@pytest.mark.postgres
@pytest.mark.slow
def test_a_post_on_one_process_shows_on_the_projection_of_the_other(
    multi_stack: MultiStack,
) -> None:
    round_no, _ = prepare_workshop(multi_stack.db_url)
    ctx = _context(multi_stack, "zqxpro")

    async def scenario() -> tuple[str, str, float]:
        viewer, _page = await projection_viewer(
            multi_stack.url, 1, ctx.rec.listen, round_no, affinity=affinity("s2")
        )
        phone = StClient(multi_stack.url, name="phone", cookie=affinity("s1"))
        try:
            await phone.connect()
            assert await sign_in(ctx, phone, 0), ctx.rec.error_samples
            assert await post_answer(ctx, phone, 0), ctx.rec.error_samples
            write = ctx.rec.writes[-1]
            assert write.acked_at is not None
            while write.marker not in ctx.rec.seen and time.monotonic() < write.acked_at + 15:
                await asyncio.sleep(0.05)
            seen = ctx.rec.seen.get(write.marker, float("inf"))
            return phone.served_by, viewer.served_by, seen - write.acked_at
        finally:
            await phone.close()
            await viewer.close()

    phone_on, viewer_on, delay = run(scenario())
    assert (phone_on, viewer_on) == ("s1", "s2")
    assert delay <= 2.0, f"shown on the other process after {delay:.2f} s"
    assert not ctx.rec.errors, ctx.rec.error_samples


@pytest.mark.postgres
@pytest.mark.slow
def test_the_facilitator_cookie_works_on_every_process(multi_stack: MultiStack) -> None:
    cookie = facilitator_cookie(multi_stack.url)  # signed in once, through the proxy

    join = f"{multi_stack.url}/rejoindre?code=DEMO".encode()  # the proxy's address, not a process's

    async def console_on(server: str, signed_in: bool) -> tuple[str, str, bool, bool]:
        """Which process answered, the page it ran, whether it refused (sign in first), and
        whether it showed the join link (and its QR code) at the proxy's address."""
        jar = f"{cookie}; {affinity(server)}" if signed_in else affinity(server)
        client = StClient(multi_stack.url, name=f"f{server}", cookie=jar)
        received: list[bytes] = []
        client.listener = lambda raw, _now: received.append(raw)
        try:
            await client.connect()
            await client.open()
            received.clear()
            result = await client.open("console")
            assert not result.exceptions, result.exceptions
            everything = b"".join(received)
            return client.served_by, client.page_name, REFUSAL in everything, join in everything
        finally:
            await client.close()

    for server in ("s1", "s2"):
        assert run(console_on(server, True)) == (server, "console", False, True)
    assert run(console_on("s2", False)) == ("s2", "console", True, False)  # the cookie made it


@pytest.mark.postgres
@pytest.mark.slow
def test_a_killed_process_loses_nothing_acknowledged_and_its_phones_go_on(
    multi_stack: MultiStack,
) -> None:
    prepare_workshop(multi_stack.db_url)
    ctx = _context(multi_stack, "zqxkil")
    killed = multi_stack.member("s1")["pid"]

    async def scenario() -> tuple[float, str, bool]:
        phones = [StClient(multi_stack.url, name=f"k{i}", cookie=affinity("s1")) for i in range(3)]
        for n, phone in enumerate(phones):
            await phone.connect()
            assert phone.served_by == "s1"
            assert await sign_in(ctx, phone, n), ctx.rec.error_samples

        async def keep_posting(phone: StClient, n: int) -> None:
            try:
                while True:
                    await post_answer(ctx, phone, n)
            except (ClientError, KeyError, OSError):
                return  # the process died under this phone

        # A phone on s2 too: in a workshop both processes have served these pages already.
        other = StClient(multi_stack.url, name="k-s2", cookie=affinity("s2"))
        await other.connect()
        assert await sign_in(ctx, other, 3) and await post_answer(ctx, other, 3)
        await other.close()
        tasks = [asyncio.create_task(keep_posting(p, n)) for n, p in enumerate(phones)]
        await asyncio.sleep(4)
        os.kill(killed, signal.SIGKILL)
        kill_time = time.monotonic()
        await asyncio.wait(tasks, timeout=30)
        # Like the browser: reconnect through the proxy (the cookie still names s1), same URL.
        again = StClient(multi_stack.url, name="k0-again", cookie=affinity("s1"))
        while True:
            try:
                await again.connect()
                await again.open("world_cafe", query_string=phones[0].query_string)
                break
            except Exception:  # refused, 502 while the proxy finds out: retry like a browser
                await again.close()
                again = StClient(multi_stack.url, name="k0-again", cookie=affinity("s1"))
                await asyncio.sleep(0.25)
        back = time.monotonic() - kill_time
        identity_kept = again.has_widget("cafe_table")  # the café page, not the join form
        wrote = await post_answer(ctx, again, 0)
        for phone in phones:
            await phone.close()
        await again.close()
        return back, again.served_by, identity_kept and wrote

    back, served, identity_kept = run(scenario())
    acked = {k: ctx.rec.acked(k) for k in ("participant", "contribution")}
    assert len(acked["contribution"]) >= 3, ctx.rec.error_samples
    checks = count_rows(multi_stack.db_url, ctx.rec.prefix, acked, acked)
    assert all(c.lost == 0 and c.doubled == 0 for c in checks), checks
    assert served == "s2" and identity_kept
    assert back <= 5.0, f"the phone was back after {back:.1f} s"
    # The launcher restarts the killed process and it rejoins the pool.
    multi_stack.wait_member_up("s1")
    assert multi_stack.member("s1")["pid"] != killed
