"""French formatting of numbers, shares and dates, for every page and document."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

THOUSANDS = "\u202f"  # narrow no-break space, as in "12 345"
NBSP = "\u00a0"
PARIS = ZoneInfo("Europe/Paris")
SECRET_MARK = "s"


def fmt_int(value: float | int | None) -> str:
    """12345 -> '12 345'; None -> '–'."""
    if value is None:
        return "–"
    return f"{round(value):,}".replace(",", THOUSANDS)


def fmt_decimal(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", THOUSANDS)


def fmt_share(fraction: float | None, digits: int = 1) -> str:
    """0.452 -> '45,2 %'."""
    if fraction is None:
        return "–"
    return f"{fmt_decimal(fraction * 100, digits)}{NBSP}%"


def to_paris(value: datetime) -> datetime:
    """An instant in Paris time. Times are stored in UTC: a naive value (as SQLite gives them
    back) is UTC, never local time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(PARIS)


def paris_wall_time(value: datetime) -> datetime:
    """Paris time without a zone, for cells that cannot hold one (Excel, CSV)."""
    return to_paris(value).replace(tzinfo=None)


def fmt_date(value: date | datetime | None) -> str:
    """'23/11/2026'; datetimes are shown in Paris time."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = to_paris(value)
    return value.strftime("%d/%m/%Y")


def fmt_datetime(value: datetime | None) -> str:
    """'23/11/2026 14:05' in Paris time (the one format for every time shown or exported)."""
    if value is None:
        return "–"
    return to_paris(value).strftime("%d/%m/%Y %H:%M")


def fmt_duration(seconds: float) -> str:
    """Countdown text: '14:05', '1:30:00' from an hour on, or '-0:12' once overrun."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    hours, minutes = divmod(seconds // 60, 60)
    if hours:
        return f"{sign}{hours:d}:{minutes:02d}:{seconds % 60:02d}"
    return f"{sign}{minutes:d}:{seconds % 60:02d}"


def fmt_time_left(seconds: float | None) -> str:
    """'reste 14:05', or 'temps écoulé' once the time is up (never a negative countdown)."""
    if seconds is None:
        return ""
    if seconds <= 0:
        return "temps écoulé"
    return f"reste {fmt_duration(seconds)}"


def fmt_overrun(seconds: float) -> str:
    """'dépassé de 0:20' for a countdown 20 s past zero (shown beside '0:00', never '-0:20')."""
    return f"dépassé de {fmt_duration(abs(seconds))}"


def fmt_closes_in(seconds: float | None) -> str:
    """A vote's deadline: 'clôture dans 3:10' (rounded up, so never 'dans 0:00' while it is
    still open), 'clôture en cours' once due, 'clôture par l'animation' without a deadline."""
    if seconds is None:
        return "clôture par l'animation"
    if seconds <= 0:
        return "clôture en cours"
    return f"clôture dans {fmt_duration(math.ceil(seconds))}"


def fmt_count(count: int, singular: str, plural: str | None = None) -> str:
    """`0 bulletin`, `1 site`, `2 sites`, `12 345 contributions` (French: 0 and 1 are singular)."""
    word = singular if abs(count) < 2 else (plural or singular + "s")
    return f"{fmt_int(count)} {word}"
