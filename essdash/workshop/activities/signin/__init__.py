"""Émargement: join by code, sign in with consent, personal link, attendance list.

What it contributes (pages, sheets, slides, personal data, demo...) is declared in manifest.py.
"""
