"""Carte de l'ESS (quantitative diagnostic)."""

from essdash.ui import frame
from essdash.ui.quant import pages

ctx = frame.page("Carte de l'ESS", roles=("facilitator",))
pages.ess_map_page()
