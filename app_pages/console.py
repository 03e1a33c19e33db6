from essdash.ui import frame, navigation
from essdash.ui.workshop import console_page

frame.page("Console d'animation", roles=navigation.FACILITATOR)
console_page.render()
