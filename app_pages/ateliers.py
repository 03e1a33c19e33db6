from essdash.ui import frame, navigation
from essdash.ui.workshop import workshops_page

frame.page("Ateliers et déroulé", roles=navigation.FACILITATOR)
workshops_page.render()
