"""A read-only projection link per workshop, to open the projection on another screen or tab.

The link carries the workshop id and an HMAC of it: it shows what the room already sees (code,
agenda, map, boards, results) and changes nothing, so it needs no facilitator password.
"""

from __future__ import annotations

import hashlib
import hmac

from essdash import config

KEY_LENGTH = 24


def projection_key(workshop_id: int, secret: bytes | None = None) -> str:
    digest = hmac.new(
        secret or config.secret_key(), f"projection:{workshop_id}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:KEY_LENGTH]


def check_projection_key(workshop_id: int, key: str, secret: bytes | None = None) -> bool:
    """Constant-time check of a projection link's key."""
    return hmac.compare_digest(projection_key(workshop_id, secret), key)
