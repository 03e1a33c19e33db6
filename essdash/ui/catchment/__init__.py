"""The « Couverture des zones » page: what the zones de chalandise of a workshop cover."""
