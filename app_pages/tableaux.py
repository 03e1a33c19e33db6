"""Tableaux (quantitative diagnostic)."""

from essdash.ui import frame
from essdash.ui.quant import pages

ctx = frame.page("Tableaux", roles=("facilitator",))
pages.table_page()
