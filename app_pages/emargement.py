from essdash.ui import frame, navigation
from essdash.ui.workshop import attendance_page

frame.page("Émargement", roles=navigation.FACILITATOR)
attendance_page.render()
