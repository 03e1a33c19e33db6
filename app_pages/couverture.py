from essdash.ui import frame, navigation
from essdash.ui.catchment import page

frame.page("Couverture des zones", roles=navigation.FACILITATOR)
page.render()
