"""The slides of a plenary restitution: plain, immutable data (no personal data by construction).

Each slide holds only what is shown: figures, structure names and types, syntheses, themes,
priorities and actions. Participants' names, e-mails and phones are never read into a slide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TitleSlide:
    title: str
    subtitle: str
    lines: tuple[str, ...] = ()
    kind: str = "title"


@dataclass(frozen=True)
class FigureRow:
    label: str
    value: str  # formatted, "s" when under secret statistique
    references: tuple[str, ...]  # same figure for each reference territory, formatted


@dataclass(frozen=True)
class FiguresSlide:
    title: str
    territory: str
    reference_names: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    families: tuple[tuple[str, str, float | None], ...] = ()  # (family, formatted, number)
    shares: tuple[tuple[str, str, float], ...] = ()  # (territory, indicator, fraction) for charts
    note: str = ""
    kind: str = "figures"


@dataclass(frozen=True)
class CommuneArea:
    code: str
    name: str
    geometry: dict[str, Any] | None  # GeoJSON, WGS 84
    share: float | None = None  # ESS share of establishments; None if unknown or secret
    share_label: str = ""


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    label: str
    actor_type: str  # key of labels.ACTOR_TYPES
    family: str = ""


@dataclass(frozen=True)
class MapZone:
    geometry: dict[str, Any]
    label: str
    actor_type: str


@dataclass(frozen=True)
class MapSlide:
    title: str
    subtitle: str
    communes: tuple[CommuneArea, ...]
    points: tuple[MapPoint, ...] = ()
    zones: tuple[MapZone, ...] = ()
    note: str = ""
    kind: str = "map"  # "ess_map" or "actors_map"


@dataclass(frozen=True)
class QuestionSlide:
    title: str
    question: str
    syntheses: tuple[tuple[str, str], ...]  # (table label, text)
    themes: tuple[tuple[str, int], ...]  # (theme, number of post-its)
    contributions: int
    kind: str = "question"


@dataclass(frozen=True)
class PriorityRow:
    rank: int
    title: str
    result: str  # "12 points", "Bien"...
    score: float
    profile: tuple[int, ...] = ()  # majority judgment: votes per grade


@dataclass(frozen=True)
class PrioritiesSlide:
    title: str
    method: str
    method_key: str
    ballots: int
    rows: tuple[PriorityRow, ...]
    kind: str = "priorities"


@dataclass(frozen=True)
class ActionRow:
    title: str
    owner: str
    partners: str
    deadline: str
    status: str
    status_key: str
    progress: int
    priority: str = ""


@dataclass(frozen=True)
class PlanSlide:
    title: str
    rows: tuple[ActionRow, ...]
    kind: str = "plan"


@dataclass(frozen=True)
class TableSlide:
    """Generic: a titled table of short texts (an activity or a section with no slide of its
    own, e.g. a synthesis of interviews by tag). At most ~12 rows read from the back."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    subtitle: str = ""
    note: str = ""
    kind: str = "table"


@dataclass(frozen=True)
class BarsSlide:
    """Generic: horizontal bars, one per label (counts, shares, progress), largest first."""

    title: str
    bars: tuple[tuple[str, float, str], ...]  # (label, value, formatted value)
    subtitle: str = ""
    note: str = ""
    kind: str = "bars"


Slide = (
    TitleSlide
    | FiguresSlide
    | MapSlide
    | QuestionSlide
    | PrioritiesSlide
    | PlanSlide
    | TableSlide
    | BarsSlide
)


@dataclass(frozen=True)
class Restitution:
    diagnostic_id: int
    title: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def texts(self) -> list[str]:
        """Every string shown in the slides (used to check that no personal data leaks)."""
        found: list[str] = []
        for slide in self.slides:
            _collect(slide, found)
        return found


def _collect(value: Any, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, found)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            _collect(getattr(value, name), found)
