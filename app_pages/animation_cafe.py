from essdash.ui import frame, navigation
from essdash.ui.worldcafe import facilitator

frame.page("Tableaux et synthèses", roles=navigation.FACILITATOR)
facilitator.render()
