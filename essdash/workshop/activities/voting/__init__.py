"""Priorities and their vote: points (gommettes), ranking (Borda), majority judgment."""

from __future__ import annotations

KEY = "voting"
TITLE = "Vote des priorités"
SHEET = "Priorités"
# Settings of a vote (stored on Vote): defaults for a new vote.
SETTINGS = {"method": "points", "points_per_participant": 5, "allow_stacking": True}
