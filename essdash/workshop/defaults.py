"""Defaults of a new workshop: the run sheet of seed 002 ("Fiche action : ateliers territoires")."""

from __future__ import annotations

from typing import NamedTuple


class StepTemplate(NamedTuple):
    title: str
    method: str
    duration_min: int
    activity: str | None


AGENDA_SEED_002: tuple[StepTemplate, ...] = (
    StepTemplate(
        "Émargement", "Émargement et inscription sur une carte des structures", 15, "signin"
    ),
    StepTemplate(
        "Connaître le maillage du territoire",
        "Sur une grande carte du territoire, chaque structure localise son (ses) implantation(s) "
        "et trace sa zone de chalandise",
        0,
        "mapping",
    ),
    StepTemplate(
        "Ouvrir la réunion",
        "Accueil et présentation : ESS et CRESS, cadre de l'étude ; présentation de la "
        "collectivité "
        "et de sa démarche ; retour sur l'économie circulaire",
        15,
        None,
    ),
    StepTemplate(
        "Interconnaissance",
        "Présentation par interview mutuelle, ou par groupes tournants si le groupe est nombreux",
        30,
        None,
    ),
    StepTemplate(
        "Connaître finement les dynamiques à l'œuvre",
        "World café : quatre questions de 15 minutes, les tables tournent",
        60,
        "worldcafe",
    ),
    StepTemplate(
        "Résumés des rapporteurs", "Résumés par les rapporteurs des groupes", 20, "synthesis"
    ),
    StepTemplate(
        "Clôturer",
        "Retour des participants sur la rencontre ; perspectives sur la suite ; possibilité de "
        "contribuer en complément à distance",
        10,
        "voting",
    ),
)

WORLD_CAFE_QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "Quels sont les besoins / menaces environnementaux et sociaux repérés sur le territoire ?",
        "Besoins, menaces",
    ),
    (
        "Quelles sont les réponses apportées par les acteurs qui fonctionnent bien ?",
        "Points forts du territoire, réalisations dont les acteurs sont fiers, filières "
        "structurées localement",
    ),
    (
        "Quelles grandes forces et difficultés ?",
        "Organisation, gouvernance, viabilité économique, présence sur le territoire…",
    ),
    (
        "Qu'est-ce qu'il faudrait améliorer ?",
        "Freins au développement des activités, filières ou niches non structurées, "
        "inexploitées ou à optimiser",
    ),
)


def running_totals(durations: list[int]) -> list[int]:
    """Cumulative minutes after each step, as the "Cumul" column of the run sheet."""
    totals, total = [], 0
    for minutes in durations:
        total += minutes
        totals.append(total)
    return totals


def format_minutes(minutes: int) -> str:
    """French run-sheet notation: 15', 1h00, 2h30."""
    if minutes < 60:
        return f"{minutes}'"
    return f"{minutes // 60}h{minutes % 60:02d}"
