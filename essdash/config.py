"""Settings read from the environment: one place for paths, the database URL and the mode."""

from __future__ import annotations

import hmac
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_FACILITATOR_PASSWORD = "demo-animation"


def data_dir() -> Path:
    """Directory for every file the app writes (database, imported data, caches)."""
    path = Path(os.environ.get("ESSDASH_DATA_DIR") or ROOT / "data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    url = os.environ.get("ESSDASH_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'essdash.db'}"


def mode() -> str:
    """`demo` announces its own facilitator password; anything else is production."""
    return os.environ.get("ESSDASH_MODE", "production").strip().lower()


def facilitator_password(secret: str | None = None) -> str | None:
    """The configured password: Streamlit secret first, then the environment, then the demo's."""
    configured = secret or os.environ.get("ESSDASH_FACILITATOR_PASSWORD")
    if configured:
        return configured
    if mode() == "demo":
        return DEMO_FACILITATOR_PASSWORD
    return None


def check_password(candidate: str, expected: str | None) -> bool:
    """Constant-time comparison; no configured password means nobody gets in."""
    if not expected:
        return False
    return hmac.compare_digest(candidate.encode("utf-8"), expected.encode("utf-8"))


def public_url(secret: str | None = None) -> str | None:
    """Address printed in QR codes and shared links, when the server sits behind a proxy."""
    return secret or os.environ.get("ESSDASH_PUBLIC_URL") or None


def secret_key() -> bytes:
    """Server secret for signed links and the facilitator cookie, shared by every process.

    `ESSDASH_SECRET_KEY` when set; otherwise created once in the data directory (never
    committed). Created with O_EXCL so that processes starting together agree on one key.
    """
    configured = os.environ.get("ESSDASH_SECRET_KEY")
    if configured:
        return configured.encode("utf-8")
    path = data_dir() / "secret_key"
    if not path.exists():
        import secrets

        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process won the race: read its key below
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_hex(32))
    for _ in range(50):  # the winner may still be writing
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key.encode("utf-8")
        import time

        time.sleep(0.02)
    raise RuntimeError(f"{path} est vide : supprimez-le pour qu'une nouvelle clé soit créée.")


def facilitator_session_hours() -> float:
    """How long a facilitator stays signed in (`ESSDASH_FACILITATOR_SESSION_HOURS`, default 12)."""
    raw = os.environ.get("ESSDASH_FACILITATOR_SESSION_HOURS", "").strip().replace(",", ".")
    try:
        hours = float(raw) if raw else 12.0
    except ValueError:
        return 12.0
    return hours if 0 < hours <= 24 * 30 else 12.0


def _positive_number(name: str, default: float) -> float:
    """A positive number from the environment; the default when unset or unreadable."""
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def zip_max_bytes() -> int:
    """Largest uncompressed member an uploaded or imported .zip may hold (default 20 GiB)."""
    return int(_positive_number("ESSDASH_ZIP_MAX_BYTES", 20 * 1024**3))


def zip_max_ratio() -> float:
    """Highest compression ratio accepted in a .zip (CSV files compress 3 to 10 times)."""
    return _positive_number("ESSDASH_ZIP_MAX_RATIO", 100.0)


def json_max_bytes() -> int:
    """Largest JSON or GeoJSON file the geography importers read into memory (default 512 MiB)."""
    return int(_positive_number("ESSDASH_JSON_MAX_BYTES", 512 * 1024**2))


def map_tiles() -> tuple[str, str] | None:
    """Background tiles for rooms with internet (`ESSDASH_MAP_TILES_URL`, an XYZ template with
    {z}, {x}, {y}; `ESSDASH_MAP_TILES_ATTRIBUTION`), or None: the offline outlines only."""
    url = os.environ.get("ESSDASH_MAP_TILES_URL", "").strip()
    if not url.startswith(("https://", "http://")) or not all(
        part in url for part in ("{z}", "{x}", "{y}")
    ):
        return None
    attribution = os.environ.get("ESSDASH_MAP_TILES_ATTRIBUTION", "").strip()
    return url, attribution or "Fond de carte : " + url.split("/")[2]
