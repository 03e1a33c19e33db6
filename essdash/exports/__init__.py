"""Exports: the Excel workbook, map layers (GeoJSON, CSV-WKT) and the restitution document."""
