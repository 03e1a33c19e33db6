"""A small asyncio client speaking Streamlit 1.67's websocket protocol (no browser).

It opens `/_stcore/stream` with the "streamlit" subprotocol, sends `BackMsg.rerun_script`
like the browser does (query string, page name, page script hash, widget states) and reads
`ForwardMsg`s: widget ids from `delta.new_element.<type>.id`, the current page from
`navigation`, the end of a run from `script_finished`, and `auto_rerun` fragments that it
re-runs every interval, like a browser tab in the foreground.

It uses Streamlit's internal protobufs: pin the Streamlit version (1.67) when using it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.typing import Subprotocol

from bench.st_proto import (
    ENDED_UNREPORTED,
    FINISHED_COMPILE_ERROR,
    FINISHED_FRAGMENT,
    FINISHED_OK,
    ByteListener,
    ClientError,
    RunResult,
    Trigger,
    Widget,
    WidgetValue,
    compact,
    read_element,
    set_value,
    user_key,
)


class StClient:
    """One simulated browser tab: one websocket, one Streamlit session."""

    def __init__(
        self, base: str, *, name: str = "client", tick: bool = True, cookie: str = ""
    ) -> None:
        self.base = base
        self.cookie = cookie  # "name=value" sent on the websocket handshake, like a browser
        self.name = name
        self.tick = tick  # re-run `run_every` fragments like a foreground tab
        self.query_string = ""
        self.page_hash = ""
        self.page_name = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.widgets: dict[str, Widget] = {}  # user key -> widget of the last runs
        self.by_label: dict[str, Widget] = {}  # label -> widget (for widgets without a key)
        self._values: dict[str, WidgetValue] = {}  # widget id -> last value sent (not triggers)
        self.exceptions: list[str] = []  # every exception element received
        self.alerts: list[str] = []  # every st.error message received
        self.listener: ByteListener | None = None
        self.closed_reason: str | None = None
        self.fragment_runs = 0
        self.served_by = ""  # the proxy's X-Essdash-Server header: which process answered
        self.closed_at: float | None = None  # monotonic time the connection was lost
        self.closed = asyncio.Event()
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._tickers: dict[str, asyncio.Task[None]] = {}
        self._waiter: asyncio.Future[str] | None = None
        self._run_exceptions: list[str] = []
        self._run_alerts: list[str] = []
        self._run_statuses: list[str] = []  # script_finished statuses since the last send
        self._lock = asyncio.Lock()

    # -- connection ---------------------------------------------------------------
    async def connect(self) -> None:
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        self._ws = await websockets.connect(
            url,
            subprotocols=[Subprotocol("streamlit")],
            max_size=None,
            open_timeout=30,
            ping_interval=None,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
        )
        response = getattr(self._ws, "response", None)
        if response is not None:
            self.served_by = response.headers.get("X-Essdash-Server", "")
        self._reader = asyncio.create_task(self._read(), name=f"{self.name}-reader")

    async def close(self) -> None:
        for task in self._tickers.values():
            task.cancel()
        self._tickers.clear()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    async def __aenter__(self) -> StClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- runs ---------------------------------------------------------------------
    def widget(self, key: str) -> Widget:
        """A widget by its user key, else by its label (widgets created without a key)."""
        try:
            return self.widgets.get(key) or self.by_label[key]
        except KeyError:
            known = sorted(self.widgets)
            raise KeyError(f"{self.name}: no widget {key!r} (have {known})") from None

    @property
    def ticking(self) -> bool:
        """Whether a `run_every` fragment of the current page is being re-run."""
        return bool(self._tickers)

    def has_widget(self, key: str) -> bool:
        return key in self.widgets or key in self.by_label

    async def open(self, page: str = "", query_string: str | None = None) -> RunResult:
        """Load a page like a browser navigation (`page` is the URL path, "" = default)."""
        if query_string is not None:
            self.query_string = query_string
        return await self.rerun(page=page, page_hash=self.pages.get(page, ""))

    async def submit(self, values: Mapping[str, WidgetValue], timeout: float = 60) -> RunResult:
        """Set widgets by user key (or label) and run the page (a Trigger() for the button)."""
        states = {self.widget(key).id: value for key, value in values.items()}
        return await self.rerun(states=states, timeout=timeout)

    async def rerun(
        self,
        *,
        page: str | None = None,
        page_hash: str | None = None,
        states: Mapping[str, WidgetValue] | None = None,
        timeout: float = 60,
    ) -> RunResult:
        """Send one full rerun and wait for its `script_finished`."""
        async with self._lock:
            if page is not None and page != self.page_name:
                # Like the browser: leaving a page stops its fragments' timers first, so no
                # tick of the old page follows the navigation.
                self._stop_tickers()
            msg = self._rerun_msg(page, page_hash, states or {})
            loop = asyncio.get_running_loop()
            self._waiter = loop.create_future()
            self._run_exceptions = []
            self._run_alerts = []
            self._run_statuses = []
            start = time.monotonic()
            await self._send(msg)
            try:
                status = await asyncio.wait_for(self._waiter, timeout)
            except TimeoutError:
                seen = compact(self._run_statuses) or "none"
                raise ClientError(
                    f"{self.name}: run not finished after {timeout} s (statuses seen: {seen})"
                ) from None
            finally:
                self._waiter = None
            elapsed = time.monotonic() - start
            return RunResult(elapsed, status, list(self._run_exceptions), list(self._run_alerts))

    def _rerun_msg(
        self, page: str | None, page_hash: str | None, states: Mapping[str, WidgetValue]
    ) -> BackMsg:
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = self.query_string
        rerun.page_name = self.page_name if page is None else page
        rerun.page_script_hash = self.page_hash if page_hash is None else page_hash
        # Like the browser: the page's address (st.context.url; the join link and QR code
        # take it when ESSDASH_PUBLIC_URL is not set).
        rerun.context_info.url = f"{self.base}/{rerun.page_name}"
        # Like the browser, every rerun (fragment ticks included) carries the values of every
        # widget set so far: the server coalesces a pending rerun with a newer one by keeping
        # the NEWER snapshot plus the older triggers, so a partial snapshot would drop values.
        if page is not None and page != self.page_name:
            self._values.clear()
        for widget_id, value in states.items():
            if not isinstance(value, Trigger):
                self._values[widget_id] = value
        snapshot = {**self._values, **states}
        for widget_id, value in snapshot.items():
            state = rerun.widget_states.widgets.add()
            state.id = widget_id
            set_value(state, value)
        return back

    async def _send(self, back: BackMsg) -> None:
        if self.closed_reason is not None:
            raise ClientError(f"{self.name}: connection closed ({self.closed_reason})")
        await self._ws.send(back.SerializeToString())

    # -- fragments ticking ----------------------------------------------------------
    def _start_ticker(self, fragment_id: str, interval: float) -> None:
        if not self.tick or fragment_id in self._tickers:
            return
        task = asyncio.create_task(self._tick(fragment_id, interval), name=f"{self.name}-tick")
        self._tickers[fragment_id] = task

    def _stop_tickers(self, fragment_ids: list[str] | None = None) -> None:
        for fid in list(self._tickers) if fragment_ids is None else fragment_ids:
            task = self._tickers.pop(fid, None)
            if task is not None:
                task.cancel()

    async def _tick(self, fragment_id: str, interval: float) -> None:
        while self.closed_reason is None:
            await asyncio.sleep(interval)
            back = self._rerun_msg(None, None, {})
            back.rerun_script.fragment_id = fragment_id
            back.rerun_script.is_auto_rerun = True
            try:
                await self._send(back)
            except Exception:
                return

    # -- reading ------------------------------------------------------------------
    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                self._handle(raw if isinstance(raw, bytes) else raw.encode(), time.monotonic())
        except websockets.ConnectionClosed as exc:
            self.closed_reason = f"closed: {exc}"
        except Exception as exc:
            self.closed_reason = f"reader failed: {exc!r}"
        else:
            self.closed_reason = "closed by server"
        finally:
            self.closed_at = time.monotonic()
            self.closed.set()
            if self._waiter is not None and not self._waiter.done():
                self._waiter.set_exception(ClientError(f"{self.name}: {self.closed_reason}"))

    def _handle(self, raw: bytes, now: float) -> None:
        if self.listener is not None:
            self.listener(raw, now)
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta":
            self._on_delta(msg)
        elif kind == "navigation":
            nav = msg.navigation
            if nav.page_script_hash != self.page_hash:
                self._stop_tickers()
                self.widgets.clear()
                self.by_label.clear()
                self._values.clear()
            self.page_hash = nav.page_script_hash
            self.pages = {p.url_pathname: p.page_script_hash for p in nav.app_pages}
            by_hash = {p.page_script_hash: p.url_pathname for p in nav.app_pages}
            self.page_name = by_hash.get(self.page_hash, self.page_name)
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._start_ticker(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self._stop_tickers(list(msg.stop_auto_rerun.fragment_ids))
        elif kind == "page_not_found":
            self._run_exceptions.append(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "script_finished":
            self._on_finished(msg.script_finished)
        elif kind == "new_session":
            self._on_start(is_fragment=bool(msg.metadata.run.fragment_ids))

    def _on_start(self, *, is_fragment: bool) -> None:
        """A run starts. Fragment runs never preempt a full run, so a fragment run starting
        after our full run started means that full run is over, even if its
        `script_finished` never came (seen under load in 1.67 with `run_every` fragments)."""
        full_started = "START(full)" in self._run_statuses
        self._run_statuses.append("START(fragment)" if is_fragment else "START(full)")
        waiter = self._waiter
        if is_fragment and full_started and waiter and not waiter.done():
            waiter.set_result(ENDED_UNREPORTED)

    def _on_finished(self, status: int) -> None:
        self._run_statuses.append(ForwardMsg.ScriptFinishedStatus.Name(status))
        if status == FINISHED_FRAGMENT:
            self.fragment_runs += 1
            return
        waiter = self._waiter
        if status in (FINISHED_OK, FINISHED_COMPILE_ERROR) and waiter and not waiter.done():
            waiter.set_result(ForwardMsg.ScriptFinishedStatus.Name(status))

    def _on_delta(self, msg: ForwardMsg) -> None:
        kind, value = read_element(msg)
        if kind == "exception":
            self.exceptions.append(value)
            self._run_exceptions.append(value)
        elif kind == "error":
            self.alerts.append(value)
            self._run_alerts.append(value)
        elif isinstance(value, Widget):
            key = user_key(value.id)
            if key != "None":
                self.widgets[key] = value
            if value.label:
                self.by_label[value.label] = value
