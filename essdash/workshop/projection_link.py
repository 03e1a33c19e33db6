"""A read-only projection link per workshop, to open the projection on another screen or tab.

The link carries the workshop id and an HMAC of it: it shows what the room already sees (code,
agenda, map, boards, results) and changes nothing, so it needs no facilitator password.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from essdash import config

KEY_LENGTH = 24
_ID = re.compile(r"[0-9]{1,12}")
_KEY = re.compile(rf"[0-9a-f]{{{KEY_LENGTH}}}")


def projection_key(workshop_id: int, secret: bytes | None = None) -> str:
    digest = hmac.new(
        secret or config.secret_key(), f"projection:{workshop_id}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:KEY_LENGTH]


def check_projection_key(workshop_id: int, key: str, secret: bytes | None = None) -> bool:
    """Constant-time check of a projection link's key (any other text is simply refused)."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        return False
    return hmac.compare_digest(projection_key(workshop_id, secret).encode(), key.encode())


def workshop_from_link(raw_id: object, key: object, secret: bytes | None = None) -> int | None:
    """The workshop a projection link opens, or None for any malformed or forged link.

    Never raises: the parameters come straight from a URL anyone can type.
    """
    if not isinstance(raw_id, str) or not isinstance(key, str) or not _ID.fullmatch(raw_id):
        return None
    workshop_id = int(raw_id)
    return workshop_id if check_projection_key(workshop_id, key, secret) else None
