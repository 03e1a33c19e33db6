"""Every page of the app, once, with the roles that see it (app.py builds st.navigation from it)."""

from __future__ import annotations

from dataclasses import dataclass

from essdash.config import ROOT
from essdash.ui.state import Role
from essdash.workshop.activities import registry

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


def _activity_pages(audience: str) -> tuple[PageSpec, ...]:
    """The pages the registered activities bring, in registry order."""
    section, roles = (
        ("Mon atelier", PARTICIPANT)
        if audience == "participant"
        else (
            "Animation",
            FACILITATOR,
        )
    )
    return tuple(
        PageSpec(page.file, page.title, page.icon, section, roles)
        for activity in registry.activities()
        for page in activity.pages
        if page.audience == audience
    )


def all_pages() -> tuple[PageSpec, ...]:
    """Every page: the app's own, with each registered activity's pages in their section."""
    return (
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
        PageSpec(
            "ma_structure", "Ma structure", ":material/storefront:", "Mon atelier", PARTICIPANT
        ),
        *_activity_pages("participant"),
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
        *_activity_pages("facilitator"),
        PageSpec("moderation", "Modération", ":material/shield:", "Animation", FACILITATOR),
        PageSpec("exports", "Exports", ":material/download:", "Animation", FACILITATOR),
        # Facilitator / analyst: figures
        PageSpec("chiffres_cles", "Chiffres clés", ":material/analytics:", "Chiffres", FACILITATOR),
        PageSpec("carte_ess", "Carte de l'ESS", ":material/public:", "Chiffres", FACILITATOR),
        PageSpec("comparaison", "Comparaison", ":material/compare:", "Chiffres", FACILITATOR),
        PageSpec("tableaux", "Tableaux", ":material/table:", "Chiffres", FACILITATOR),
        PageSpec("filieres", "Filières", ":material/category:", "Chiffres", FACILITATOR),
        PageSpec(
            "couverture", "Couverture des zones", ":material/layers:", "Chiffres", FACILITATOR
        ),
        PageSpec(
            "import_donnees", "Import des données", ":material/upload:", "Chiffres", FACILITATOR
        ),
        PageSpec(
            "a_propos_donnees", "À propos des données", ":material/info:", "Chiffres", FACILITATOR
        ),
        # Facilitator: follow-up of the diagnostic
        PageSpec("diagnostics", "Diagnostics et phases", ":material/flag:", "Suivi", FACILITATOR),
        PageSpec("plan_action", "Plan d'action", ":material/checklist:", "Suivi", FACILITATOR),
        PageSpec("annuaire", "Annuaire des acteurs", ":material/hub:", "Suivi", FACILITATOR),
        # Follow-up (issue 14): interviews, timeline, evaluations; signed links, no login
        PageSpec("entretiens", "Entretiens", ":material/record_voice_over:", "Suivi", FACILITATOR),
        PageSpec(
            "calendrier", "Calendrier du diagnostic", ":material/event_note:", "Suivi", FACILITATOR
        ),
        PageSpec("evaluations", "Évaluations", ":material/reviews:", "Suivi", FACILITATOR),
        PageSpec(
            "avancement",
            "Avancement d'une action",
            ":material/trending_up:",
            "essdash",
            EVERYONE,
            hidden_for=EVERYONE,
        ),
        PageSpec(
            "questionnaire",
            "Questionnaire d'évaluation",
            ":material/quiz:",
            "essdash",
            EVERYONE,
            hidden_for=EVERYONE,
        ),
    )


PAGES: tuple[PageSpec, ...] = all_pages()


def pages_for(role: Role, *, only_existing: bool = True) -> dict[str, list[PageSpec]]:
    """The pages a role sees, grouped by section, in declaration order."""
    sections: dict[str, list[PageSpec]] = {}
    for spec in all_pages():
        if role not in spec.roles:
            continue
        if only_existing and not (ROOT / spec.path).exists():
            continue
        sections.setdefault(spec.section, []).append(spec)
    return sections


def spec_for(file: str) -> PageSpec:
    for spec in all_pages():
        if spec.file == file:
            return spec
    raise KeyError(file)


def other_pages(role: Role) -> list[PageSpec]:
    """The pages a role does not see (their addresses get a French refusal)."""
    return [spec for spec in all_pages() if role not in spec.roles and (ROOT / spec.path).exists()]


def unknown_address() -> str | None:
    """The address typed when it is no page of the app (`/nimporte`), else None.

    Streamlit answers such an address with its English "Page not found" dialog over the home
    page; app.py registers a hidden French page at that very address instead. Streamlit 1.67
    has no public API for the page asked for: it is read from the run's pages manager (the
    name the browser sent), and any change there only brings Streamlit's own dialog back."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    manager = getattr(get_script_run_ctx(), "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", None):
        return None  # a page picked in the menu, or a link: always a page of the app
    name = str(getattr(manager, "intended_page_name", None) or "").strip().strip("/")
    if not name or "/" in name or name in {spec.file for spec in all_pages()}:
        return None
    return name
