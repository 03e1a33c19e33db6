"""Moved to `essdash.readmodel.slides` (activities build slides below the restitution)."""

from essdash.readmodel.slides import (
    ActionRow,
    BarsSlide,
    CommuneArea,
    FigureRow,
    FiguresSlide,
    MapPoint,
    MapSlide,
    MapZone,
    PlanSlide,
    PrioritiesSlide,
    PriorityRow,
    QuestionSlide,
    Restitution,
    Slide,
    TableSlide,
    TitleSlide,
)

__all__ = [
    "ActionRow",
    "BarsSlide",
    "CommuneArea",
    "FigureRow",
    "FiguresSlide",
    "MapPoint",
    "MapSlide",
    "MapZone",
    "PlanSlide",
    "PrioritiesSlide",
    "PriorityRow",
    "QuestionSlide",
    "Restitution",
    "Slide",
    "TableSlide",
    "TitleSlide",
]
