from essdash.ui import frame, navigation
from essdash.ui.followup import plan

frame.page("Plan d'action", roles=navigation.FACILITATOR)
plan.render()
