from essdash.ui import frame, navigation
from essdash.ui.exports import page

frame.page("Exports", roles=navigation.FACILITATOR)
page.render()
