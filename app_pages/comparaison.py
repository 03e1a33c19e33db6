"""Comparaison (quantitative diagnostic)."""

from essdash.ui import frame
from essdash.ui.quant import more_pages

ctx = frame.page("Comparaison", roles=("facilitator",))
more_pages.comparison()
