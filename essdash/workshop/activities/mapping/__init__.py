"""Carte partagée: each structure's sites and zones de chalandise, one row per feature."""

from __future__ import annotations

KEY = "mapping"
TITLE = "Carte partagée"
SHEET = "Carte des acteurs"
