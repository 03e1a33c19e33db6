"""AppTest: every declared page renders for every role that sees it, and refuses the others."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.models import Participant
from essdash.ui import navigation
from essdash.ui.signin_routes import LOGIN_PATH

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("public", "participant", "facilitator")


@pytest.fixture
def demo_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    with write_session() as session:
        load_demo(session)
    with read_session() as session:
        token = session.scalars(select(Participant.token).order_by(Participant.id)).first()
    assert token
    yield token


def _app_as(role: str, token: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if role == "facilitator":
        at.session_state["essdash_facilitator"] = True
    elif role == "participant":
        at.query_params["p"] = token
    return at


def test_every_declared_page_exists() -> None:
    missing = [spec.path for spec in navigation.PAGES if not (ROOT / spec.path).exists()]
    assert missing == []


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_for_every_role_that_sees_it(role: str, demo_db: str) -> None:
    at = _app_as(role, demo_db).run()
    assert not at.exception, at.exception
    for spec in navigation.PAGES:
        if role not in spec.roles:
            with pytest.raises(ValueError):
                at.switch_page(spec.path)
            continue
        at.switch_page(spec.path).run()
        assert not at.exception, (spec.file, at.exception)
        assert at.title or spec.file.startswith("projection"), spec.file


def test_a_participant_token_unknown_to_the_database_gives_no_participant_pages(
    demo_db: str,
) -> None:
    at = _app_as("participant", "not-a-real-token").run()
    with pytest.raises(ValueError):
        at.switch_page("app_pages/carte_partagee.py")


def test_the_animer_page_posts_the_password_to_the_sign_in_route(
    demo_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The password goes to the route that sets the signed cookie, never into session state."""
    monkeypatch.setenv("ESSDASH_FACILITATOR_PASSWORD", "secret-du-test")
    at = _app_as("public", demo_db)
    at.query_params["connexion"] = "refus"
    at.run().switch_page("app_pages/animer.py").run()
    forms = [h.proto.body for h in at.get("html") if "<form" in h.proto.body]
    assert len(forms) == 1 and f'action="{LOGIN_PATH}"' in forms[0]
    assert 'type="password"' in forms[0] and 'value="console"' in forms[0]
    assert "Mot de passe incorrect." in [e.value for e in at.error]
    assert len(at.text_input) == 0


def test_production_without_password_refuses_facilitator_login(
    demo_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESSDASH_MODE", "production")
    monkeypatch.delenv("ESSDASH_FACILITATOR_PASSWORD", raising=False)
    at = _app_as("public", demo_db).run()
    at.switch_page("app_pages/animer.py").run()
    assert any("Aucun mot de passe" in e.value for e in at.error)
    assert len(at.text_input) == 0
