"""French labels of the follow-up's codes (one table read by the pages and the exports)."""

from __future__ import annotations

INTERVIEW_KINDS: dict[str, str] = {
    "fondateur": "Membre fondateur du PTCE",
    "acteur": "Acteur du territoire",
    "elu": "Élu·e",
    "partenaire": "Partenaire",
}
WORKSHOP_SOURCE = "atelier"
SOURCES: dict[str, str] = {**INTERVIEW_KINDS, WORKSHOP_SOURCE: "Post-it d'atelier"}

STEP_STATUSES: dict[str, str] = {
    "a_venir": "À venir",
    "en_cours": "En cours",
    "termine": "Terminée",
    "annule": "Annulée",
}

QUESTION_KINDS: dict[str, str] = {
    "scale": "Échelle",
    "choice": "Choix unique",
    "text": "Texte libre",
}

SURVEY_STATUSES: dict[str, str] = {"draft": "En préparation", "open": "Ouverte", "closed": "Close"}
SURVEY_KINDS: dict[str, str] = {
    "workshop": "Fin d'atelier (téléphones)",
    "diagnostic": "Évaluation du diagnostic (lien)",
}
