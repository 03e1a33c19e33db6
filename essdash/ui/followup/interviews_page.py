"""« Entretiens » : record, list, synthesise; the grid editable per diagnostic."""

from __future__ import annotations

import streamlit as st

from essdash.ui.followup import interviews, synthesis_view
from essdash.ui.followup.common import pick_diagnostic


def render() -> None:
    diagnostic_id = pick_diagnostic("interviews_pick")
    if diagnostic_id is None:
        return
    entries = interviews.current_grid(diagnostic_id)
    record, listing, summary, grid = st.tabs(
        ["Nouvel entretien", "Entretiens", "Synthèse", "Grille"]
    )
    with record:
        interviews.record_form(diagnostic_id, entries)
    with listing:
        interviews.interview_list(diagnostic_id, entries)
    with summary:
        synthesis_view.render_synthesis(diagnostic_id)
    with grid:
        st.caption(
            "La grille d'entretien du diagnostic (fiche atelier : infos recherchées). Une "
            "rubrique déjà renseignée par un entretien ne peut pas être supprimée."
        )
        synthesis_view.grid_editor(diagnostic_id, entries)
