from essdash.ui import frame, navigation
from essdash.ui.followup import surveys_page

frame.page("Évaluations", roles=navigation.FACILITATOR)
surveys_page.render()
