from essdash.ui import frame
from essdash.ui.workshop import join

who = frame.page("Rejoindre un atelier", roles=("public", "participant"))
join.render(who)
