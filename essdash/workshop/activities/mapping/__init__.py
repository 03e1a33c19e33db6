"""Carte partagée: each structure's sites and zones de chalandise, one row per feature.

What it contributes (pages, sheets, slides, personal data, demo...) is declared in manifest.py.
"""
