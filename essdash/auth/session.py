"""The facilitator's signed session cookie: who is signed in, since when, and logout.

Value: `v1.<issued_at>.<session_id>.<signature>`. The signature is an HMAC-SHA256 under a key
derived from the server secret and the configured password, so the cookie carries no password,
cannot be forged, expires after `facilitator_session_hours`, and every cookie stops working when
the password changes. Logging out revokes the session id in a store shared by all processes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from essdash import config
from essdash.auth.store import JsonStore

COOKIE_NAME = "essdash_animation"
_VALUE = re.compile(r"v1\.([0-9]{1,12})\.([A-Za-z0-9_-]{16,64})\.([0-9a-f]{64})")
_CLOCK_SKEW_S = 60


@dataclass(frozen=True)
class SessionKeys:
    secret: bytes
    password: str
    max_age_s: float
    revoked: JsonStore

    @classmethod
    def from_config(cls, password: str) -> SessionKeys:
        return cls(
            secret=config.secret_key(),
            password=password,
            max_age_s=config.facilitator_session_hours() * 3600,
            revoked=JsonStore(config.data_dir() / "facilitator_sessions_revoked.json"),
        )

    def signature(self, issued_at: int, session_id: str) -> str:
        derived = hmac.new(
            self.secret,
            b"facilitator-session:" + hashlib.sha256(self.password.encode()).digest(),
            hashlib.sha256,
        ).digest()
        message = f"v1.{issued_at}.{session_id}".encode()
        return hmac.new(derived, message, hashlib.sha256).hexdigest()


def issue(keys: SessionKeys, now: float | None = None) -> str:
    """A new session cookie value."""
    issued_at = int(time.time() if now is None else now)
    session_id = secrets.token_urlsafe(18)
    return f"v1.{issued_at}.{session_id}.{keys.signature(issued_at, session_id)}"


def verify(keys: SessionKeys, value: object, now: float | None = None) -> bool:
    """Whether a cookie value is a valid, unexpired, not revoked facilitator session."""
    parsed = _parse(value)
    if parsed is None:
        return False
    issued_at, session_id, signature = parsed
    expected = keys.signature(issued_at, session_id)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return False
    current = time.time() if now is None else now
    if not (issued_at - _CLOCK_SKEW_S <= current <= issued_at + keys.max_age_s):
        return False
    return session_id not in keys.revoked.read().get("revoked", {})


def revoke(keys: SessionKeys, value: object, now: float | None = None) -> None:
    """End a session everywhere (every tab and process), whatever its cookie still says."""
    parsed = _parse(value)
    if parsed is None:
        return
    issued_at, session_id, _ = parsed
    current = time.time() if now is None else now
    with keys.revoked.update() as document:
        revoked = {
            sid: until
            for sid, until in document.get("revoked", {}).items()
            if isinstance(until, (int, float)) and until > current
        }
        revoked[session_id] = issued_at + keys.max_age_s
        document["revoked"] = revoked


def _parse(value: object) -> tuple[int, str, str] | None:
    if not isinstance(value, str):
        return None
    match = _VALUE.fullmatch(value)
    if match is None:
        return None
    return int(match.group(1)), match.group(2), match.group(3)
