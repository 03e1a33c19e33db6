from essdash.ui import frame, navigation
from essdash.ui.workshop import shared_map

who = frame.page("Carte partagée", roles=navigation.PARTICIPANT)
shared_map.render(who)
