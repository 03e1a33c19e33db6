"""Facilitator session: a signed cookie set by the sign-in route, its expiry, logout, and the
throttle on wrong passwords (the routes are called as Starlette runs them, on a real request)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from starlette.requests import Request
from starlette.responses import Response

from essdash.auth import session
from essdash.auth.store import JsonStore
from essdash.auth.throttle import CLIENT_FREE, OVERALL_FREE, LoginThrottle
from essdash.ui import signin_routes

PASSWORD = "mot-de-passe-du-test"


@pytest.fixture(autouse=True)
def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESSDASH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ESSDASH_FACILITATOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("ESSDASH_MODE", "production")
    monkeypatch.delenv("ESSDASH_SECRET_KEY", raising=False)


def _call(
    endpoint: object,
    form: dict[str, str] | None = None,
    *,
    client: str = "198.51.100.7",
    headers: dict[str, str] | None = None,
    cookie: str = "",
    path: str = signin_routes.LOGIN_PATH,
) -> Response:
    body = urlencode(form or {}).encode()
    raw = {"host": "essdash.test", "content-type": "application/x-www-form-urlencoded"}
    raw |= headers or {}
    if cookie:
        raw["cookie"] = f"{session.COOKIE_NAME}={cookie}"
    scope = {
        "type": "http", "method": "POST", "path": path, "raw_path": path.encode(),
        "query_string": b"", "scheme": "http", "server": ("essdash.test", 80),
        "client": (client, 50000), "root_path": "", "http_version": "1.1",
        "headers": [(k.encode(), v.encode()) for k, v in raw.items()],
    }  # fmt: skip
    sent = False

    async def receive() -> dict[str, object]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    # A thread of its own: an earlier test (Playwright's sync API) may leave a loop running here.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        coroutine = endpoint(Request(scope, receive))  # type: ignore[operator]
        return pool.submit(asyncio.run, coroutine).result()  # type: ignore[no-any-return]


def _login(password: str, **kwargs: object) -> Response:
    form = {"password": password, "next": "console", "from": "animer"}
    return _call(signin_routes.login, form, **kwargs)  # type: ignore[arg-type]


def _cookie(response: Response) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for name, value in response.raw_headers:
        if name == b"set-cookie":
            jar.load(value.decode())
    return jar


def _keys() -> session.SessionKeys:
    return session.SessionKeys.from_config(PASSWORD)


def test_the_right_password_sets_a_signed_httponly_samesite_cookie_and_opens_the_console() -> None:
    response = _login(PASSWORD)
    assert response.status_code == 303
    assert response.headers["location"] == "/console"
    morsel = _cookie(response)[session.COOKIE_NAME]
    assert morsel["httponly"] and morsel["samesite"].lower() == "lax"
    assert int(morsel["max-age"]) == 12 * 3600
    assert PASSWORD not in morsel.value
    assert session.verify(_keys(), morsel.value)


def test_a_wrong_password_is_refused_without_a_cookie() -> None:
    response = _login("mauvais")
    assert response.headers["location"] == "/animer?connexion=refus&suite=console"
    assert session.COOKIE_NAME not in _cookie(response)


def test_a_form_posted_from_another_site_is_refused() -> None:
    response = _login(PASSWORD, headers={"origin": "https://attaquant.example"})
    assert response.status_code == 403
    assert session.COOKIE_NAME not in _cookie(response)


def test_a_form_posted_from_the_public_address_behind_a_proxy_is_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ESSDASH_PUBLIC_URL", "https://atelier.cress.example")
    response = _login(PASSWORD, headers={"origin": "https://atelier.cress.example"})
    assert response.status_code == 303 and session.COOKIE_NAME in _cookie(response)


def test_the_page_after_sign_in_is_always_a_page_of_the_app() -> None:
    form = {"password": PASSWORD, "next": "https://attaquant.example/", "from": "//x"}
    response = _call(signin_routes.login, form)
    assert response.headers["location"] == "/console"


def test_forged_expired_or_foreign_cookies_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = _keys()
    value = session.issue(keys, now=1_000_000)
    assert session.verify(keys, value, now=1_000_000 + 3600)
    assert not session.verify(keys, value, now=1_000_000 + keys.max_age_s + 1)  # expired
    forged = value[:-4] + ("0000" if not value.endswith("0000") else "1111")
    assert not session.verify(keys, forged, now=1_000_001)
    assert not session.verify(keys, f"v1.{10**11}.{'a' * 24}.{'0' * 64}")
    for garbage in ("", "é", "v1.1.2.3", "x" * 5000, None, 42):
        assert not session.verify(keys, garbage)
    other_password = session.SessionKeys.from_config("un-autre-mot-de-passe")
    assert not session.verify(other_password, value, now=1_000_001)
    monkeypatch.setenv("ESSDASH_SECRET_KEY", "une-autre-cle-serveur")
    assert not session.verify(_keys(), value, now=1_000_001)


def test_the_session_lasts_the_configured_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESSDASH_FACILITATOR_SESSION_HOURS", "2")
    keys = _keys()
    value = session.issue(keys, now=0)
    assert session.verify(keys, value, now=2 * 3600 - 1)
    assert not session.verify(keys, value, now=2 * 3600 + 1)


def test_logout_ends_the_session_in_every_process() -> None:
    value = _cookie(_login(PASSWORD))[session.COOKIE_NAME].value
    response = _call(signin_routes.logout, cookie=value, path=signin_routes.LOGOUT_PATH)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cleared = _cookie(response)[session.COOKIE_NAME]
    assert cleared.value == "" and int(cleared["max-age"]) == 0
    # another process reads the same store: the old cookie, replayed, is refused
    assert not session.verify(_keys(), value)
    assert session.verify(_keys(), _cookie(_login(PASSWORD))[session.COOKIE_NAME].value)


def test_fifty_wrong_passwords_then_the_right_one_is_held_back_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="essdash.auth")
    answers = [_login(f"essai-{n}").headers["location"] for n in range(50)]
    assert answers[:CLIENT_FREE] == ["/animer?connexion=refus&suite=console"] * CLIENT_FREE
    assert all("connexion=attente" in a for a in answers[CLIENT_FREE:])
    right = _login(PASSWORD)
    assert "connexion=attente" in right.headers["location"]
    assert session.COOKIE_NAME not in _cookie(right)
    logged = [r.getMessage() for r in caplog.records if r.name == "essdash.auth"]
    assert sum("wrong password from 198.51.100.7" in m for m in logged) == CLIENT_FREE
    assert sum("too early" in m for m in logged) == 50 - CLIENT_FREE + 1


def test_another_client_is_not_held_back_by_one_clients_failures() -> None:
    for n in range(CLIENT_FREE + 3):
        _login(f"essai-{n}")
    response = _login(PASSWORD, client="203.0.113.9")
    assert response.headers["location"] == "/console"


def test_the_wait_doubles_per_failure_and_ends_after_it(tmp_path: Path) -> None:
    gate = LoginThrottle(JsonStore(tmp_path / "failures.json"))
    for n in range(CLIENT_FREE):
        assert gate.retry_after("a", now=100 + n) == 0
        gate.failed("a", now=100 + n)
    last = 100 + CLIENT_FREE - 1
    assert gate.retry_after("a", now=last) == 2
    assert gate.retry_after("a", now=last + 2) == 0
    gate.failed("a", now=last + 2)
    assert gate.retry_after("a", now=last + 2) == 4
    gate.succeeded("a", now=last + 6)
    assert gate.retry_after("a", now=last + 6) == 0


def test_failures_spread_over_many_clients_slow_everyone_down(tmp_path: Path) -> None:
    gate = LoginThrottle(JsonStore(tmp_path / "failures.json"))
    for n in range(OVERALL_FREE):
        gate.failed(f"10.0.0.{n}", now=500)
    assert gate.retry_after("192.0.2.1", now=500) > 0
    assert gate.retry_after("192.0.2.1", now=500 + 61) == 0  # capped: nobody locked out long
