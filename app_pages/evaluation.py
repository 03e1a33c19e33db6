from essdash.ui import frame, navigation
from essdash.ui.followup import survey_pages

who = frame.page("Évaluation", roles=navigation.PARTICIPANT)
survey_pages.participant(who)
