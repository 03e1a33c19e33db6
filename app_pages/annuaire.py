from essdash.ui import frame, navigation
from essdash.ui.actors import directory_page

frame.page("Annuaire des acteurs", roles=navigation.FACILITATOR)
directory_page.render()
