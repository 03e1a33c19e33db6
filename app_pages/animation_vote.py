from essdash.ui import frame, navigation
from essdash.ui.voting import facilitator

frame.page("Vote des priorités", roles=navigation.FACILITATOR)
facilitator.render()
