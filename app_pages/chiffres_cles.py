"""Chiffres clés (quantitative diagnostic)."""

from essdash.ui import frame
from essdash.ui.quant import pages

ctx = frame.page("Chiffres clés", roles=("facilitator",))
pages.key_figures()
