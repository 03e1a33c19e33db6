from essdash.ui import frame, navigation
from essdash.ui.followup import survey_pages

frame.page("Questionnaire d'évaluation", roles=navigation.EVERYONE)
survey_pages.by_link()
