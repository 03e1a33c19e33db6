"""Every page of the app, once, with the roles that see it (app.py builds st.navigation from it)."""

from __future__ import annotations

from dataclasses import dataclass

from essdash.config import ROOT
from essdash.ui.state import Role

PUBLIC: tuple[Role, ...] = ("public",)
EVERYONE: tuple[Role, ...] = ("public", "participant", "facilitator")
PARTICIPANT: tuple[Role, ...] = ("participant",)
FACILITATOR: tuple[Role, ...] = ("facilitator",)


@dataclass(frozen=True)
class PageSpec:
    file: str  # stem in app_pages/, also the URL path
    title: str
    icon: str
    section: str
    roles: tuple[Role, ...]
    default: bool = False
    hidden_for: tuple[Role, ...] = ()

    @property
    def path(self) -> str:
        return f"app_pages/{self.file}.py"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("accueil", "Accueil", ":material/home:", "essdash", EVERYONE, default=True),
    PageSpec(
        "rejoindre",
        "Rejoindre un atelier",
        ":material/login:",
        "essdash",
        ("public", "participant"),
        hidden_for=PARTICIPANT,
    ),
    PageSpec("animer", "Animer", ":material/key:", "essdash", EVERYONE, hidden_for=FACILITATOR),
    PageSpec("restitution", "Restitution", ":material/slideshow:", "essdash", EVERYONE),
    # Participant: the workshop on a phone
    PageSpec("ma_structure", "Ma structure", ":material/storefront:", "Mon atelier", PARTICIPANT),
    PageSpec("carte_partagee", "Carte partagée", ":material/map:", "Mon atelier", PARTICIPANT),
    PageSpec("world_cafe", "World café", ":material/forum:", "Mon atelier", PARTICIPANT),
    PageSpec("priorites", "Priorités", ":material/how_to_vote:", "Mon atelier", PARTICIPANT),
    PageSpec(
        "mes_donnees", "Mon lien et mes données", ":material/badge:", "Mon atelier", PARTICIPANT
    ),
    # Facilitator: running the workshop
    PageSpec("console", "Console d'animation", ":material/timer:", "Animation", FACILITATOR),
    PageSpec(
        "projection",
        "Projection",
        ":material/present_to_all:",
        "Animation",
        EVERYONE,
        hidden_for=("public", "participant"),
    ),
    PageSpec("ateliers", "Ateliers et déroulé", ":material/event:", "Animation", FACILITATOR),
    PageSpec("emargement", "Émargement", ":material/groups:", "Animation", FACILITATOR),
    PageSpec("moderation", "Modération", ":material/shield:", "Animation", FACILITATOR),
    PageSpec(
        "animation_cafe", "Tableaux et synthèses", ":material/dashboard:", "Animation", FACILITATOR
    ),
    PageSpec("animation_vote", "Vote des priorités", ":material/ballot:", "Animation", FACILITATOR),
    PageSpec("projection_cafe", "Projection café", ":material/tv:", "Animation", FACILITATOR),
    PageSpec("exports", "Exports", ":material/download:", "Animation", FACILITATOR),
    # Facilitator / analyst: figures
    PageSpec("chiffres_cles", "Chiffres clés", ":material/analytics:", "Chiffres", FACILITATOR),
    PageSpec("carte_ess", "Carte de l'ESS", ":material/public:", "Chiffres", FACILITATOR),
    PageSpec("comparaison", "Comparaison", ":material/compare:", "Chiffres", FACILITATOR),
    PageSpec("tableaux", "Tableaux", ":material/table:", "Chiffres", FACILITATOR),
    PageSpec("filieres", "Filières", ":material/category:", "Chiffres", FACILITATOR),
    PageSpec("import_donnees", "Import des données", ":material/upload:", "Chiffres", FACILITATOR),
    PageSpec(
        "a_propos_donnees", "À propos des données", ":material/info:", "Chiffres", FACILITATOR
    ),
    # Facilitator: follow-up of the diagnostic
    PageSpec("diagnostics", "Diagnostics et phases", ":material/flag:", "Suivi", FACILITATOR),
    PageSpec("plan_action", "Plan d'action", ":material/checklist:", "Suivi", FACILITATOR),
    PageSpec("annuaire", "Annuaire des acteurs", ":material/hub:", "Suivi", FACILITATOR),
)


def pages_for(role: Role, *, only_existing: bool = True) -> dict[str, list[PageSpec]]:
    """The pages a role sees, grouped by section, in declaration order."""
    sections: dict[str, list[PageSpec]] = {}
    for spec in PAGES:
        if role not in spec.roles:
            continue
        if only_existing and not (ROOT / spec.path).exists():
            continue
        sections.setdefault(spec.section, []).append(spec)
    return sections


def spec_for(file: str) -> PageSpec:
    for spec in PAGES:
        if spec.file == file:
            return spec
    raise KeyError(file)


def other_pages(role: Role) -> list[PageSpec]:
    """The pages a role does not see (their addresses get a French refusal)."""
    return [spec for spec in PAGES if role not in spec.roles and (ROOT / spec.path).exists()]
