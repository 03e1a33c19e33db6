"""Moved to the mapping activity: `essdash.workshop.activities.mapping.features`."""

from essdash.workshop.activities.mapping.features import FeatureRecord, map_features

__all__ = ["FeatureRecord", "map_features"]
