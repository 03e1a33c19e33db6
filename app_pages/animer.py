from essdash.ui import frame, login, navigation

frame.page("Animer", roles=navigation.EVERYONE)
login.render()
