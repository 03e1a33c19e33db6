"""Émargement: join by code, sign in with consent, personal link, attendance list."""

from __future__ import annotations

KEY = "signin"
TITLE = "Émargement"
SHEET = "Émargement"
