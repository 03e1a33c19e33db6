from essdash.ui import frame, navigation
from essdash.ui.followup import owner_page

frame.page("Avancement d'une action", roles=navigation.EVERYONE)
owner_page.render()
