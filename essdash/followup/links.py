"""Personal signed links without login: an action owner's progress link, a survey's link.

A link carries an id and an HMAC of (purpose, id, salt) under the server secret, as the
projection link does (essdash/workshop/projection_link.py). The salt lives in the row: a new
salt revokes every link given before. Parameters come from a URL anyone can type: never raise.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from essdash import config

KEY_LENGTH = 32
_ID = re.compile(r"[0-9]{1,12}")
_KEY = re.compile(rf"[0-9a-f]{{{KEY_LENGTH}}}")


def new_salt() -> str:
    return secrets.token_hex(8)


def link_key(purpose: str, row_id: int, salt: str, secret: bytes | None = None) -> str:
    message = f"{purpose}:{row_id}:{salt}".encode()
    return hmac.new(secret or config.secret_key(), message, hashlib.sha256).hexdigest()[:KEY_LENGTH]


def parse_link(raw_id: object, key: object) -> tuple[int, str] | None:
    """(id, key) of a well-formed link, None for anything else (no database read yet)."""
    if not isinstance(raw_id, str) or not isinstance(key, str):
        return None
    if not _ID.fullmatch(raw_id) or not _KEY.fullmatch(key):
        return None
    return int(raw_id), key


def check_key(purpose: str, row_id: int, salt: str | None, key: str) -> bool:
    """Constant-time check of a link's key against the row's current salt."""
    if not salt:
        return False
    return hmac.compare_digest(link_key(purpose, row_id, salt).encode(), key.encode())


def respondent_key(survey_id: int, participant_id: int) -> str:
    """One answer per participant and survey, without storing who answered (anonymous)."""
    message = f"survey-respondent:{survey_id}:{participant_id}".encode()
    return hmac.new(config.secret_key(), message, hashlib.sha256).hexdigest()[:KEY_LENGTH]
