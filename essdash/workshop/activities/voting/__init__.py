"""Priorities and their vote: points (gommettes), ranking (Borda), majority judgment.

What it contributes (pages, sheets, slides, personal data, demo...) is declared in manifest.py.
"""
