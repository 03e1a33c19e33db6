"""Import des données (quantitative diagnostic)."""

from essdash.ui import frame
from essdash.ui.quant import more_pages

ctx = frame.page("Import des données", roles=("facilitator",))
more_pages.import_page()
