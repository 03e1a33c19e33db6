from essdash.ui import frame, navigation
from essdash.ui.worldcafe import screen

frame.page("Projection café et vote", roles=navigation.FACILITATOR, chrome="projection")
screen.render()
