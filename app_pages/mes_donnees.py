from essdash.ui import frame, navigation
from essdash.ui.workshop import my_data

who = frame.page("Mon lien et mes données", roles=navigation.PARTICIPANT)
my_data.render(who)
