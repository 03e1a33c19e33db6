"""The facilitator session in a real browser: it survives F5 and direct addresses, ends on
« Se déconnecter », and an expired or forged cookie opens nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from essdash.auth import session
from essdash.auth.store import JsonStore
from tests.e2e.helpers import (
    FACILITATOR_PASSWORD,
    DemoServer,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
    shot,
)

REFUSAL = "Cette page est réservée à l'équipe d'animation"
ROLE_LINE = "Connecté·e en tant que"


@pytest.fixture(scope="module")
def own_server(demo_server: DemoServer, browser: Any) -> Iterator[tuple[str, Path]]:
    """A server of its own: its data directory holds the secret this test signs cookies with."""
    with demo_server("session") as server:
        yield server.base, server.data_dir


def _role_line(page: Any) -> str:
    """The sidebar's « Connecté·e en tant que : … », once drawn."""
    line = page.get_by_text(ROLE_LINE).first
    line.wait_for(state="attached", timeout=30_000)
    return str(line.inner_text())


def _signed_in(page: Any) -> bool:
    """The sidebar names the facilitator role or offers to sign out. The role line is awaited
    first: the sign-out button comes right after it in the same run, so once the line names
    another role, no button may follow (counted before the sidebar is drawn, it proved nothing)."""
    if "Équipe d'animation" in _role_line(page):
        return True
    return page.get_by_role("button", name="Se déconnecter").count() > 0


def test_f5_and_direct_addresses_keep_the_facilitator_in_until_logout(
    own_server: tuple[str, Path], browser: Any
) -> None:
    base, _ = own_server
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    login_facilitator(page, base)
    page.get_by_role("heading", name="Console d'animation").wait_for(timeout=30_000)
    cookie = next(c for c in context.cookies() if c["name"] == session.COOKIE_NAME)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert FACILITATOR_PASSWORD not in cookie["value"]

    page.reload()
    settle(page)
    page.get_by_role("heading", name="Console d'animation").wait_for(timeout=30_000)
    assert "Équipe d'animation" in _role_line(page)
    shot(page, "session-console-after-f5")

    page.goto(base + "/emargement")
    settle(page)
    page.get_by_role("heading", name="Émargement").wait_for(timeout=30_000)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text(REFUSAL).count() == 0
    page.get_by_text("Présent·es").wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)
    shot(page, "session-direct-url-emargement")

    with page.expect_navigation(timeout=60_000):  # a real form POST, answered by a redirect
        page.get_by_role("button", name="Se déconnecter").click()
    settle(page)
    page.get_by_text("Visiteur").first.wait_for(timeout=30_000)
    page.goto(base + "/console")
    settle(page)
    page.get_by_text(REFUSAL).wait_for(timeout=30_000)
    assert not _signed_in(page)
    page.get_by_label("Mot de passe").wait_for()  # the sign-in form, which leads back here
    shot(page, "session-console-after-logout")
    context.close()


def test_an_expired_or_forged_cookie_is_refused(own_server: tuple[str, Path], browser: Any) -> None:
    base, data_dir = own_server
    _, chromium = browser
    secret = (data_dir / "secret_key").read_text(encoding="utf-8").strip().encode()
    keys = session.SessionKeys(
        secret=secret, password=FACILITATOR_PASSWORD, max_age_s=12 * 3600,
        revoked=JsonStore(data_dir / "unused.json"),
    )  # fmt: skip
    expired = session.issue(keys, now=time.time() - 13 * 3600)
    valid = session.issue(keys)
    forged = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    for name, value in (("expired", expired), ("forged", forged)):
        context = projector_context(chromium)
        host = base.split("//", 1)[1].split(":", 1)[0]
        context.add_cookies([{"name": session.COOKIE_NAME, "value": value, "domain": host,
                              "path": "/", "httpOnly": True, "sameSite": "Lax"}])  # fmt: skip
        page = context.new_page()
        page.goto(base + "/console")
        settle(page)
        page.get_by_text(REFUSAL).wait_for(timeout=30_000)
        assert not _signed_in(page), name
        assert "Visiteur" in _role_line(page)
        shot(page, f"session-{name}-cookie-refused")
        context.close()


def test_a_facilitator_address_on_a_phone_asks_to_sign_in_in_french(
    own_server: tuple[str, Path], browser: Any
) -> None:
    base, _ = own_server
    playwright, chromium = browser
    context = phone_context(playwright, chromium)
    page = context.new_page()
    page.goto(base + "/moderation")
    settle(page)
    page.get_by_text(REFUSAL).wait_for(timeout=30_000)
    assert page.get_by_text("Page not found").count() == 0
    page.get_by_label("Mot de passe").fill(FACILITATOR_PASSWORD)
    with page.expect_navigation(timeout=60_000):  # a real form POST, answered by a redirect
        page.get_by_role("button", name="Entrer").click()
    settle(page)
    page.get_by_role("heading", name="Modération").wait_for(timeout=30_000)
    shot(page, "session-phone-direct-url-then-sign-in")
    context.close()
