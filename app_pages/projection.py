from essdash.ui import frame, navigation
from essdash.ui.workshop import projection

frame.page("Projection", roles=navigation.FACILITATOR, chrome="projection")
projection.render()
