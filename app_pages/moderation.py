from essdash.ui import frame, navigation
from essdash.ui.workshop import moderation_page

frame.page("Modération", roles=navigation.FACILITATOR)
moderation_page.render()
