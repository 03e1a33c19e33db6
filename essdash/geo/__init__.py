"""Geometry helpers shared by maps and exports (GeoJSON in WGS 84)."""
