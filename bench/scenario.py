"""What simulated people do: participants join, sign in, place sites and post; viewers project.

Widget keys come from the pages (`app_pages/rejoindre.py`, `carte_partagee.py`, `world_cafe.py`,
`projection.py` and their `essdash/ui/...` modules): keep them in sync here.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bench import failover
from bench.st_client import StClient
from bench.st_proto import ENDED_UNREPORTED, ClientError, RunResult, Trigger, WidgetValue

FACILITATOR_PASSWORD = "demo-animation"
JOIN_CODE = "DEMO"
PAGES = {"signin": "rejoindre", "map": "carte_partagee", "cafe": "world_cafe"}
PROJECTION_PAGE = "projection"
ABSENT = "page absente"


@dataclass
class Write:
    kind: str
    marker: str
    sent_at: float
    acked_at: float | None = None


@dataclass
class Recorder:
    """Every write sent (with its marker), when it was acknowledged and first projected."""

    prefix: str
    writes: list[Write] = field(default_factory=list)
    seen: dict[str, float] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # scenario -> reason
    unreported: int = 0  # full runs that ended without their script_finished message
    reconnects: list[float] = field(default_factory=list)  # s from a lost connection to a run
    _seq: int = 0

    def __post_init__(self) -> None:
        self._pattern = re.compile(re.escape(self.prefix).encode() + rb"[0-9]{6}")

    def marker(self) -> str:
        self._seq += 1
        return f"{self.prefix}{self._seq:06d}"

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 20:
            self.error_samples.append(f"{kind}: {detail[:300]}")

    def listen(self, raw: bytes, now: float) -> None:
        """Projection client listener: note when each marker first shows up."""
        for found in self._pattern.findall(raw):
            self.seen.setdefault(found.decode(), now)

    def sent(self, kind: str) -> set[str]:
        return {w.marker for w in self.writes if w.kind == kind}

    def acked(self, kind: str) -> set[str]:
        return {w.marker for w in self.writes if w.kind == kind and w.acked_at is not None}


@dataclass
class Context:
    base: str
    rec: Recorder
    deadline: float
    mean_gap: float = 7.5  # seconds between two writes of one participant (exponential)
    site_share: float = 0.2  # after the first site, share of writes that place another site
    phone_ticks: bool = True
    rng: random.Random = field(default_factory=random.Random)
    reconnect: bool = False  # a phone whose connection drops opens its page again, like a tab


def _check(rec: Recorder, client: StClient, what: str, result: RunResult) -> bool:
    for exc in result.exceptions:
        rec.error("exception", f"{client.name} {what}: {exc}")
    for alert in result.alerts:
        rec.error("st.error", f"{client.name} {what}: {alert}")
    if result.status == ENDED_UNREPORTED:
        rec.unreported += 1
    elif result.status != "FINISHED_SUCCESSFULLY":
        rec.error("run status", f"{client.name} {what}: {result.status}")
    return result.ok and not result.alerts


async def _write(
    ctx: Context, client: StClient, kind: str, values: Callable[[str], Mapping[str, WidgetValue]]
) -> bool:
    """Submit one write carrying a fresh marker; acknowledged = its run finished cleanly."""
    marker = ctx.rec.marker()
    form = values(marker)
    write = Write(kind, marker, time.monotonic())
    ctx.rec.writes.append(write)
    result = await client.submit(form)
    if _check(ctx.rec, client, f"{kind} {marker}", result):
        write.acked_at = write.sent_at + result.seconds
        return True
    return False


def _option(client: StClient, key: str, index: int) -> str:
    options = client.widget(key).options
    return options[index % len(options)] if options else ""


# -- participant steps ------------------------------------------------------------------
SIGNIN_SUBMIT = "FormSubmitter:signin_form-Je signe et je rejoins"
SITE_SUBMIT = "FormSubmitter:commune_site_form-Placer mon site"
CAFE_TEXT, CAFE_SUBMIT = "cafe_text", "FormSubmitter:cafe_post-Envoyer"
CAFE_TABLES = 2  # participants sit at tables 1..2: their questions are the projected ones


async def sign_in(ctx: Context, client: StClient, n: int) -> bool:
    """Open the join link (QR code, `?code=DEMO`), fill the émargement form."""
    result = await client.open(PAGES["signin"], query_string=f"code={JOIN_CODE}")
    if PAGES["signin"] not in client.pages:
        ctx.rec.skipped["sign-in"] = ABSENT
        return False
    if not _check(ctx.rec, client, "open sign-in", result):
        return False

    def form(marker: str) -> dict[str, WidgetValue]:
        return {
            "signin_actor": _option(client, "signin_actor", n),
            "signin_name": f"Pers {marker}",
            "signin_structure": f"Structure {n}",
            SIGNIN_SUBMIT: Trigger(),
        }

    ok = await _write(ctx, client, "participant", form)
    if ok and "p=" not in client.query_string:
        ctx.rec.error("sign-in", f"{client.name}: no personal token in the URL")
        return False
    return ok


async def place_site(ctx: Context, client: StClient, n: int) -> bool:
    """The map page's form without the map: a site in a commune of the territory."""
    if not await _goto(ctx, client, "map"):
        return False

    def form(marker: str) -> dict[str, WidgetValue]:
        return {
            "map_commune": _option(client, "map_commune", ctx.rng.randrange(1000)),
            "map_commune_label": f"Site {marker}",
            SITE_SUBMIT: Trigger(),
        }

    return await _write(ctx, client, "site", form)


async def post_answer(ctx: Context, client: StClient, n: int) -> bool:
    """A post-it on the question of one's table (the table is chosen on the first visit)."""
    if not await _goto(ctx, client, "cafe"):
        return False
    # No table yet: the page shows the table picker, and maybe a remote-answer form.
    if not client.has_widget(CAFE_TEXT) or client.has_widget("cafe_q"):
        table = f"Table {n % CAFE_TABLES + 1}"
        result = await client.submit({"cafe_table": [table]})
        if not _check(ctx.rec, client, "choose table", result):
            return False
    if not client.has_widget(CAFE_TEXT):
        ctx.rec.error("cafe", f"{client.name}: no answer form after choosing a table")
        return False

    def form(marker: str) -> dict[str, WidgetValue]:
        return {CAFE_TEXT: f"Idee {marker}", CAFE_SUBMIT: Trigger()}

    return await _write(ctx, client, "contribution", form)


async def _goto(ctx: Context, client: StClient, scenario: str) -> bool:
    page = PAGES[scenario]
    if client.page_name == page:
        return True
    if page not in client.pages:
        ctx.rec.skipped[scenario] = ABSENT
        return False
    return _check(ctx.rec, client, f"open {page}", await client.open(page))


async def participant(ctx: Context, n: int, start_delay: float) -> None:
    """One phone: join, sign in, then a write every `mean_gap` s (exponential) until the end."""
    client = StClient(ctx.base, name=f"p{n}", tick=ctx.phone_ticks)
    await asyncio.sleep(start_delay)
    try:
        await client.connect()
        signed = await _sign_in_again(ctx, client, n)
        if signed is None:
            return
        client, sites = signed, 0
        while True:
            gap = ctx.rng.expovariate(1 / ctx.mean_gap)
            if time.monotonic() + gap >= ctx.deadline:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(client.closed.wait(), gap)
            if client.closed.is_set() and not ctx.reconnect:
                break
            client, sites = await _one_write(ctx, client, n, sites)
    except (ClientError, OSError, KeyError) as exc:
        ctx.rec.error(type(exc).__name__, f"p{n}: {exc}")
    finally:
        if client.closed_reason and not ctx.reconnect:
            ctx.rec.error("disconnect", f"p{n}: {client.closed_reason}")
        await client.close()


async def _sign_in_again(ctx: Context, client: StClient, n: int) -> StClient | None:
    """Sign in; when the process dies meanwhile, reconnect and sign in again (failover)."""
    while True:
        try:
            return client if await sign_in(ctx, client, n) else None
        except (ClientError, OSError, KeyError):
            if not (ctx.reconnect and client.closed.is_set()):
                raise
            client = await failover.reopen(ctx.base, ctx.rec, client, PAGES["signin"])
            if "p=" in client.query_string:  # the sign-in was written, only its answer was lost
                return client


async def _one_write(ctx: Context, client: StClient, n: int, sites: int) -> tuple[StClient, int]:
    """A site or a post-it; a lost connection is reopened first (failover), and a write cut by
    it stays unacknowledged."""
    if client.closed.is_set():
        return await failover.reopen(ctx.base, ctx.rec, client, PAGES["cafe"]), sites
    try:
        if (sites == 0 and ctx.site_share > 0) or ctx.rng.random() < ctx.site_share:
            sites += await place_site(ctx, client, n)
        else:
            await post_answer(ctx, client, n)
    except (ClientError, OSError, KeyError):
        if not (ctx.reconnect and client.closed.is_set()):
            raise
        client = await failover.reopen(ctx.base, ctx.rec, client, PAGES["cafe"])
    return client, sites


# -- projection viewers -----------------------------------------------------------------
CAFE_PROJECTION_PAGE = "projection_cafe"


def cafe_question_index(table_no: int, round_no: int, n_questions: int = 4) -> int:
    """0-based question shown to a table in a round (same rotation as the world-café service)."""
    return (table_no - 1 + max(round_no, 1) - 1) % n_questions


def facilitator_cookie(base: str) -> str:
    """Sign in like the browser's form does (POST to the sign-in route) and keep the cookie."""
    import urllib.error
    import urllib.parse
    import urllib.request

    from essdash.ui.signin_routes import LOGIN_PATH

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    body = urllib.parse.urlencode({"password": FACILITATOR_PASSWORD, "next": "console"}).encode()
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(urllib.request.Request(base + LOGIN_PATH, data=body), timeout=30)
    except urllib.error.HTTPError as redirect:  # the 303 that carries the cookie
        cookie = redirect.headers.get("set-cookie", "")
        if redirect.code == 303 and cookie:
            return cookie.split(";", 1)[0]
    raise RuntimeError("bench: the facilitator sign-in route gave no session cookie")


async def projection_viewer(
    base: str,
    n: int,
    listener: Callable[[bytes, float], None],
    round_no: int,
    affinity: str = "",
) -> tuple[StClient, str]:
    """A facilitator session on a projection page; its fragments tick on their own.

    View 0 is the projection (map, count, timer); views 1.. project the world-café board of
    the question of table 1.. (the tables the simulated participants sit at). `affinity`: the
    proxy's cookie pinning the view to one process.
    """
    cookie = await asyncio.to_thread(facilitator_cookie, base)
    if affinity:  # "essdash_srv=s2": through the proxy, to that process
        cookie = f"{cookie}; {affinity}"
    client = StClient(base, name=f"proj{n}", tick=True, cookie=cookie)
    await client.connect()
    await client.open()  # the first run lists the pages this (signed-in) session has
    page = PROJECTION_PAGE if n == 0 else CAFE_PROJECTION_PAGE
    if page not in client.pages:
        return client, f"{page}: {ABSENT}"
    client.listener = listener
    await client.open(page)
    if page == CAFE_PROJECTION_PAGE:
        table = (n - 1) % CAFE_TABLES + 1
        options = client.widget("pj_cafe_q").options
        choice = options[cafe_question_index(table, round_no, len(options))]
        await client.submit({"pj_cafe_q": choice})
        return client, f"{page} ({choice[:40]}…)"
    return client, page
