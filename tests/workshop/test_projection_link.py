"""Projection links come from URLs anyone can type: every malformed one is refused, none raises."""

from __future__ import annotations

import pytest

from essdash.workshop.projection_link import (
    check_projection_key,
    projection_key,
    workshop_from_link,
)

SECRET = b"test-secret"


def test_the_link_of_a_workshop_opens_that_workshop() -> None:
    assert workshop_from_link("42", projection_key(42, SECRET), SECRET) == 42


@pytest.mark.parametrize(
    ("raw_id", "key"),
    [
        ("1", "\u00e9"),
        ("9" * 5000, "0" * 24),
        ("\u00b2", "0" * 24),
        ("\u0661", "0" * 24),  # Arabic-Indic digit one
        ("", ""),
        ("42", None),
        (["42"], "x"),
        ("42", "0" * 24),
        ("42", "A" * 24),
        ("43", "x" * 2000),
    ],
)
def test_a_malformed_or_forged_link_opens_nothing(raw_id: object, key: object) -> None:
    assert workshop_from_link(raw_id, key, SECRET) is None


def test_the_key_of_another_workshop_is_refused() -> None:
    assert workshop_from_link("43", projection_key(42, SECRET), SECRET) is None


def test_key_opens_its_own_workshop_only() -> None:
    secret = b"s" * 32
    key = projection_key(7, secret)
    assert check_projection_key(7, key, secret)
    assert not check_projection_key(8, key, secret)
    assert not check_projection_key(7, key, b"another-server-secret")
    assert not check_projection_key(7, key[:-1] + ("0" if key[-1] != "0" else "1"), secret)


def test_the_server_secret_is_created_once_and_kept(db_url: str) -> None:
    assert projection_key(3) == projection_key(3)
