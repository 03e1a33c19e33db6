"""The projection link opens one workshop's projection only, and cannot be forged."""

from __future__ import annotations

from essdash.workshop.projection_link import check_projection_key, projection_key


def test_key_opens_its_own_workshop_only() -> None:
    secret = b"s" * 32
    key = projection_key(7, secret)
    assert check_projection_key(7, key, secret)
    assert not check_projection_key(8, key, secret)
    assert not check_projection_key(7, key, b"another-server-secret")
    assert not check_projection_key(7, key[:-1] + ("0" if key[-1] != "0" else "1"), secret)


def test_the_server_secret_is_created_once_and_kept(db_url: str) -> None:
    assert projection_key(3) == projection_key(3)
