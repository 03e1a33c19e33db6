from essdash.ui import frame, navigation
from essdash.ui.worldcafe import participant

who = frame.page("World café", roles=navigation.PARTICIPANT)
participant.render(who)
