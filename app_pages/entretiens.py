from essdash.ui import frame, navigation
from essdash.ui.followup import interviews_page

frame.page("Entretiens", roles=navigation.FACILITATOR)
interviews_page.render()
