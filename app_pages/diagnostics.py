from essdash.ui import frame, navigation
from essdash.ui.followup import diagnostics_page

frame.page("Diagnostics et phases", roles=navigation.FACILITATOR)
diagnostics_page.render()
