"""Importers of public reference files: COG, contours, Sirene, URSSAF."""
