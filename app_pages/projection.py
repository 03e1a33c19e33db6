from essdash.ui import frame, navigation
from essdash.ui.workshop import projection

who = frame.page("Projection", roles=navigation.EVERYONE, chrome="projection")
projection.render(who)
