"""French labels and colours of the domain's codes: the one table each page and export reads."""

from __future__ import annotations

ACTOR_TYPES: dict[str, str] = {
    "ess": "Structure de l'ESS",
    "collectivite": "Collectivité / élu·e",
    "reseau": "Réseau d'accompagnement",
    "entreprise": "Entreprise hors ESS",
    "citoyen": "Citoyen·ne",
    "autre": "Autre",
}

# Colour-blind-safe palette (Okabe-Ito), one colour per type of actor on maps and boards.
ACTOR_TYPE_COLORS: dict[str, str] = {
    "ess": "#D55E00",
    "collectivite": "#0072B2",
    "reseau": "#009E73",
    "entreprise": "#CC79A7",
    "citoyen": "#E69F00",
    "autre": "#666666",
}

ESS_FAMILIES: dict[str, str] = {
    "association": "Associations",
    "cooperative": "Coopératives",
    "mutuelle": "Mutuelles",
    "fondation": "Fondations",
    "commerciale_ess": "Sociétés commerciales de l'ESS",
}

ESS_FAMILY_COLORS: dict[str, str] = {
    "association": "#B5123E",
    "cooperative": "#0072B2",
    "mutuelle": "#009E73",
    "fondation": "#E69F00",
    "commerciale_ess": "#7F5AA2",
}

DIAGNOSTIC_KINDS: dict[str, str] = {
    "territorial": "Diagnostic territorial",
    "filiere": "Diagnostic de filière",
    "ptce": "Diagnostic de PTCE",
}

PHASES: dict[str, str] = {
    "caracterisation": "1. Caractérisation",
    "echange": "2. Échange et réflexion prospective",
    "formalisation": "3. Formalisation et valorisation",
    "consolidation": "4. Consolidation",
}

WORKSHOP_STATUSES: dict[str, str] = {
    "draft": "En préparation",
    "open": "Ouvert",
    "closed": "Clos",
    "archived": "Archivé",
}

# The "infos recherchées" of the workshop run sheet (seed 002), used to tag post-its.
INFO_TAGS: dict[str, str] = {
    "enjeux": "Enjeux du territoire",
    "offre": "Offre de biens et services",
    "innovation": "Innovation sociale",
    "partenariats": "Partenariats",
    "accompagnement": "Besoins d'accompagnement",
    "opportunites": "Opportunités",
}

ACTION_STATUSES: dict[str, str] = {
    "a_lancer": "À lancer",
    "en_cours": "En cours",
    "termine": "Terminée",
    "abandonne": "Abandonnée",
}

ACTION_STATUS_COLORS: dict[str, str] = {
    "a_lancer": "#999999",
    "en_cours": "#0072B2",
    "termine": "#009E73",
    "abandonne": "#CC79A7",
}

VOTE_METHODS: dict[str, str] = {
    "points": "Vote par points (gommettes)",
    "ranking": "Classement",
    "majority": "Jugement majoritaire",
}

VOTE_STATUSES: dict[str, str] = {
    "draft": "En préparation",
    "open": "Ouvert",
    "closed": "Clos",
}

MAJORITY_GRADES: tuple[str, ...] = (
    "À rejeter",
    "Insuffisant",
    "Passable",
    "Assez bien",
    "Bien",
    "Très bien",
    "Excellent",
)

# From "À rejeter" to "Excellent": a diverging, colour-blind-friendlier scale (PiYG), the same on
# the projection, the restitution and the PDF.
MAJORITY_GRADE_COLORS: tuple[str, ...] = (
    "#8E0152",
    "#C51B7D",
    "#E9A3C9",
    "#D9D9D9",
    "#A1D76A",
    "#4D9221",
    "#276419",
)

TERRITORY_KINDS: dict[str, str] = {
    "commune": "Commune",
    "epci": "EPCI",
    "departement": "Département",
    "region": "Région",
    "france": "France",
    "liste": "Liste de communes",
}


# The actor directory (essdash.actors): where an actor was met, and the kinds of relations.
ACTOR_ORIGINS = {"signin": "Atelier", "interview": "Entretien", "team": "Ajoutée par l'équipe"}
RELATION_KIND_LABELS: dict[str, str] = {
    "partenariat": "Partenariat",
    "fourniture": "Fourniture (fournisseur → client)",
    "reseau": "Adhésion à un réseau (membre → réseau)",
    "mutualisation": "Locaux ou emplois partagés",
    "concurrence": "Concurrence avec l'économie classique",
}
