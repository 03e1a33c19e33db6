from essdash.ui import frame, navigation
from essdash.ui.actors import my_structure

who = frame.page("Ma structure", roles=navigation.PARTICIPANT)
my_structure.render(who)
