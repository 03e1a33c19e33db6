from essdash.ui import frame, navigation
from essdash.ui.followup import timeline_page

frame.page("Calendrier du diagnostic", roles=navigation.FACILITATOR)
timeline_page.render()
