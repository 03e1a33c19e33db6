from essdash.ui import frame, navigation
from essdash.ui.restitution import view

frame.page("Restitution", roles=navigation.EVERYONE, chrome=view.chrome())
view.render()
