"""The projection opens in any tab with its read-only link, and only with a valid one."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session
from essdash.models import Workshop
from essdash.workshop.projection_link import projection_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workshop_id(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    with read_session() as session:
        return session.scalars(select(Workshop.id)).one()


def _public_projection(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("app_pages/projection.py").run()


def test_projection_link_shows_the_workshop_without_password(workshop_id: int) -> None:
    at = _public_projection({"w": str(workshop_id), "k": projection_key(workshop_id)})
    assert not at.exception, at.exception
    assert not at.error
    assert any("DEMO" in h.value for h in at.get("html")), "join code not projected"
    assert len(at.button) == 0, "the projection link must not offer any control"


@pytest.mark.parametrize("key", ["", "0" * 24, "not-the-key"])
def test_projection_without_a_valid_link_shows_nothing(workshop_id: int, key: str) -> None:
    at = _public_projection({"w": str(workshop_id), "k": key})
    assert not at.exception, at.exception
    assert any("Lien de projection invalide" in e.value for e in at.error)
    assert not any("DEMO" in h.value for h in at.get("html"))


@pytest.mark.parametrize(
    "params",
    [
        {"w": "1", "k": "\u00e9"},  # /projection?w=1&k=%C3%A9: TypeError in compare_digest before
        {"w": "9" * 5000, "k": "0" * 24},  # ValueError (int max str digits) before
        {"w": "\u00b2", "k": "0" * 24},  # a digit for str.isdigit, not for int()
        {"w": "-1", "k": "0" * 24},
        {"w": "999999", "k": "0" * 24},
    ],
    ids=["non-ascii-key", "5000-digits", "superscript-two", "negative", "unknown-workshop"],
)
def test_a_malformed_projection_link_says_invalid_link_in_french(
    workshop_id: int, params: dict[str, str]
) -> None:
    at = _public_projection(params)
    assert not at.exception, at.exception
    assert any("Lien de projection invalide" in e.value for e in at.error)


def test_the_chosen_view_is_kept_in_the_link_across_a_reload(workshop_id: int) -> None:
    link = {"w": str(workshop_id), "k": projection_key(workshop_id), "v": "board"}
    at = _public_projection(link)
    assert not at.exception, at.exception
    assert at.query_params["v"] == ["board"] or at.query_params["v"] == "board"
    assert any("pj-cafe-count" in h.value for h in at.get("html")), "board view not shown"
    again = _public_projection({**link, "q": at.query_params["q"][0]})  # a reload: same URL
    assert any("pj-cafe-count" in h.value for h in again.get("html"))
