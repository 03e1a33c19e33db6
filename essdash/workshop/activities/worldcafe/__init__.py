"""World café: tables rotate between questions each round; post-its, themes, syntheses.

What it contributes (pages, sheets, slides, personal data, demo...) is declared in manifest.py.
"""
