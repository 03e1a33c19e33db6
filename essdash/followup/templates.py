"""The phases and steps each kind of diagnostic starts from (seeds 000, 001 and 003).

Durations in days: a month counts 30 days, enough to plan (the facilitator adjusts the dates).
"""

from __future__ import annotations

from dataclasses import dataclass

MONTH = 30
WEEK = 7


@dataclass(frozen=True)
class StepTemplate:
    title: str
    days: int


@dataclass(frozen=True)
class PhaseTemplate:
    key: str
    title: str
    expected_result: str
    steps: tuple[StepTemplate, ...]

    @property
    def days(self) -> int:
        return sum(s.days for s in self.steps)


_RESULT_1 = (
    "État des lieux quantitatif et qualitatif de l'ESS sur le territoire croisant les regards "
    "des structures de l'ESS, des entreprises classiques et des acteurs institutionnels."
)
_RESULT_2 = (
    "Diagnostic partagé avec une vision prospective et plan d'actions pour développer le "
    "territoire via l'ESS."
)
_RESULT_3 = "Diffusion et utilisation des données relatives à l'ESS par les acteurs locaux."
_RESULT_4 = (
    "Mise en œuvre des actions du plan défini en phase 2 et formalisation du collectif "
    "d'acteurs généré."
)


def _territorial(analysis: str) -> tuple[PhaseTemplate, ...]:
    """Seeds 000/001: phases of about 6, 3, 3 and 24 months."""
    return (
        PhaseTemplate("caracterisation", "1. Caractérisation", _RESULT_1, (
            StepTemplate("Cadrage de la mission avec la collectivité", 1 * MONTH),
            StepTemplate(analysis, 2 * MONTH),
            StepTemplate("Entretiens avec les acteurs du territoire", 2 * MONTH),
            StepTemplate("Atelier territoire : partage d'un état des lieux", 1 * MONTH),
        )),
        PhaseTemplate("echange", "2. Échange et réflexion prospective", _RESULT_2, (
            StepTemplate("Atelier prospectif : priorités", 1 * MONTH),
            StepTemplate("Construction du plan d'actions", 2 * MONTH),
        )),
        PhaseTemplate("formalisation", "3. Formalisation et valorisation", _RESULT_3, (
            StepTemplate("Livrable et restitution en plénière aux élu·es", 2 * MONTH),
            StepTemplate("Diffusion des résultats et évaluation du diagnostic", 1 * MONTH),
        )),
        PhaseTemplate("consolidation", "4. Consolidation et structuration", _RESULT_4, (
            StepTemplate("Mise en œuvre et suivi du plan d'actions", 18 * MONTH),
            StepTemplate("Formalisation du collectif d'acteurs", 6 * MONTH),
        )),
    )  # fmt: skip


def _ptce() -> tuple[PhaseTemplate, ...]:
    """Seed 003: about five months of steps, then the consolidation of the action plan."""
    return (
        PhaseTemplate("caracterisation", "1. Caractérisation", _RESULT_1, (
            StepTemplate("Cadrage de la mission avec la structure demandeuse", 2 * WEEK),
            StepTemplate("Entretiens individuels avec des membres fondateurs du PTCE", 3 * WEEK),
            StepTemplate("Analyse de données chiffrées sur le territoire", 2 * WEEK),
            StepTemplate("Temps collectif n° 1 : vision commune du territoire", 2 * WEEK),
            StepTemplate("Entretiens qualitatifs et cartographie des acteurs", 4 * WEEK),
        )),
        PhaseTemplate("echange", "2. Échange et réflexion prospective", _RESULT_2, (
            StepTemplate("Temps fort collectif n° 2 : enjeux prioritaires", 2 * WEEK),
        )),
        PhaseTemplate("formalisation", "3. Formalisation et valorisation", _RESULT_3, (
            StepTemplate("Livrable final : synthèses, préconisations et priorisations", 4 * WEEK),
            StepTemplate("Évaluation du diagnostic", 2 * WEEK),
        )),
        PhaseTemplate("consolidation", "4. Consolidation et structuration", _RESULT_4, (
            StepTemplate("Mise en œuvre et suivi du plan d'actions", 24 * MONTH),
        )),
    )  # fmt: skip


TEMPLATES: dict[str, tuple[PhaseTemplate, ...]] = {
    "territorial": _territorial("Analyse des données (Sirene, Insee, URSSAF)"),
    "filiere": _territorial("Analyse de la filière et de ses acteurs"),
    "ptce": _ptce(),
}
