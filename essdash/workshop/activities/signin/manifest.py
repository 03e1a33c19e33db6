"""Émargement's manifest: the agenda step, the facilitator's attendance page, two sheets.

Its personal data (the participant row, the directory entry) is declared on the models and
exported / erased by `erasure.py` itself; merging is `records.merge_participants`.
"""

from __future__ import annotations

from essdash.readmodel.contract import Activity, Page, Sheet
from essdash.workshop.activities.signin import export

ACTIVITY = Activity(
    key="signin",
    title="Émargement",
    agenda=(("signin", "Émargement"),),
    pages=(Page("emargement", "Émargement", ":material/groups:", "facilitator"),),
    sheets=(Sheet("Émargement", export.attendance), Sheet("Structures", export.structures)),
)
