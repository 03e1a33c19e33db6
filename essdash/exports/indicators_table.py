"""Moved to `essdash.readmodel.indicators_table` (the restitution reads it too)."""

from essdash.readmodel.indicators_table import (
    KeyFigures,
    key_figures,
    key_figures_frame,
    territories,
    territory_keys,
)

__all__ = ["KeyFigures", "key_figures", "key_figures_frame", "territories", "territory_keys"]
