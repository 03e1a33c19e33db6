"""The actors of a diagnostic: directory tied to Sirene, duplicates, relations, network."""
