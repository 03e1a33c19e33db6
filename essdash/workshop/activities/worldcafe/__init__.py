"""World café: tables rotate between questions each round; post-its, themes, syntheses."""

from __future__ import annotations

KEY = "worldcafe"
TITLE = "World café"
SHEET = "World café"
# Settings a facilitator changes per workshop (stored on Workshop): defaults of seed 002.
SETTINGS = {"table_count": 4, "round_minutes": 15}
