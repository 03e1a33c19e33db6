"""HTTP routes of the facilitator sign-in, mounted by `server.py` (`st.App`).

The login form is a plain HTML form posting here: the password never enters a Streamlit
session, the answer sets an HttpOnly SameSite cookie, then redirects to the page asked for.
"""

from __future__ import annotations

import asyncio
import math
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from essdash import config
from essdash.auth import session
from essdash.auth.store import JsonStore
from essdash.auth.throttle import LoginThrottle
from essdash.ui.password import configured_password

LOGIN_PATH = "/api/animation/connexion"
LOGOUT_PATH = "/api/animation/deconnexion"
DEFAULT_NEXT = "console"
FAILURE_DELAY_S = 1.0  # every wrong password costs its sender one second, on top of the throttle


def throttle() -> LoginThrottle:
    return LoginThrottle(JsonStore(config.data_dir() / "facilitator_login_failures.json"))


def safe_next(raw: object) -> str:
    """A page of the app to land on (never an outside address)."""
    from essdash.ui.navigation import PAGES

    files = {spec.file for spec in PAGES}
    return raw if isinstance(raw, str) and raw in files else DEFAULT_NEXT


async def login(request: Request) -> Response:
    if not _same_origin(request):
        return PlainTextResponse("Requête refusée : elle ne vient pas de ce site.", 403)
    form = await request.form()
    password, next_page = form.get("password"), safe_next(form.get("next"))
    form_page = safe_next(form.get("from") or next_page)

    def back(**params: str) -> Response:
        if form_page != next_page:
            params["suite"] = next_page
        return RedirectResponse(f"/{form_page}?{urlencode(params)}", status_code=303)

    expected = configured_password()
    if expected is None:
        return back(connexion="indisponible")
    client = request.client.host if request.client else "inconnu"
    gate = throttle()
    wait_s = gate.retry_after(client)
    if wait_s > 0:
        gate.log_refused_while_waiting(client, wait_s)
        return back(connexion="attente", attente=str(math.ceil(wait_s)))
    if not isinstance(password, str) or not config.check_password(password, expected):
        gate.failed(client)
        await asyncio.sleep(FAILURE_DELAY_S)
        return back(connexion="refus")
    gate.succeeded(client)
    return _signed_in(request, expected, next_page)


def _signed_in(request: Request, password: str, next_page: str) -> Response:
    keys = session.SessionKeys.from_config(password)
    response = RedirectResponse("/" + next_page, status_code=303)
    response.set_cookie(
        session.COOKIE_NAME,
        session.issue(keys),
        max_age=int(keys.max_age_s),
        path="/",
        httponly=True,
        samesite="lax",
        secure=_https(request),
    )
    return response


async def logout(request: Request) -> Response:
    if not _same_origin(request):
        return PlainTextResponse("Requête refusée : elle ne vient pas de ce site.", 403)
    expected = configured_password()
    value = request.cookies.get(session.COOKIE_NAME)
    if expected is not None and value:
        session.revoke(session.SessionKeys.from_config(expected), value)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(
        session.COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=_https(request)
    )
    return response


def routes() -> list[Route]:
    return [
        Route(LOGIN_PATH, login, methods=["POST"]),
        Route(LOGOUT_PATH, logout, methods=["POST"]),
    ]


def _same_origin(request: Request) -> bool:
    """Refuse a form posted from another site (the browser says where it comes from)."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True  # not a browser form (scripts, tests): the password still has to be right
    allowed = {request.headers.get("host", ""), request.headers.get("x-forwarded-host", "")}
    public = config.public_url()
    if public:  # behind a proxy that rewrites Host
        allowed.add(urlsplit(public).netloc)
    return urlsplit(origin).netloc in allowed - {""}


def _https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
