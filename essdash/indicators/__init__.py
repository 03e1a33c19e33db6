"""Quantitative diagnostic: ESS perimeter, indicators, secret statistique, filières."""
