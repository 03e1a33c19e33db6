from essdash.ui import frame, home, navigation

who = frame.page("Diagnostic partagé de l'ESS", roles=navigation.EVERYONE)
home.render(who)
