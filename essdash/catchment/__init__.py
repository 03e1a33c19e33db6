"""What the zones de chalandise cover: per commune of a workshop's territory, the zones, actors,
families and sectors that reach it, the population covered, the communes no zone reaches
("zones blanches") and the overlaps of one sector. Areas are computed in a metric projection
(Lambert-93 in metropolitan France), never in degrees."""

from __future__ import annotations

DEFAULT_MIN_SHARE = 0.10  # a zone covers a commune when it covers at least this share of its area
DEFAULT_OVERLAP = 2  # a sector "overlaps" in a commune when this many actors offer it there
