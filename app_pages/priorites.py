from essdash.ui import frame, navigation
from essdash.ui.voting import ballot

who = frame.page("Priorités", roles=navigation.PARTICIPANT)
ballot.render(who)
