"""Territory picker, perimeter choice, KPI tiles with their references."""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st

from essdash.formatting import fmt_decimal, fmt_int, fmt_share
from essdash.indicators.compute import Figures, Report
from essdash.indicators.perimeter import PERIMETER_CHOICES, STATISTICAL
from essdash.ui import state
from essdash.ui.quant import data

_TERRITORY, _REFERENCES, _PERIMETER = "quant_territory", "quant_references", "quant_perimeter"
DEFAULT_TERRITORY = "epci:200099999"
TERRITORY_KEY = _TERRITORY


KIND_LABELS = {
    "": "Tous types",
    "region": "Région",
    "departement": "Département",
    "epci": "EPCI",
    "liste": "Liste de communes",
    "commune": "Commune",
}


def pick_territory(
    label: str = "Territoire", key: str = _TERRITORY, default: str | None = None
) -> str | None:
    """The type of territory, then its name ('kind:code'): communes are searched by name, so
    no box ever holds the 35,000 communes."""
    version = data.data_version()
    choices = data.territory_options(version)
    if not choices:
        st.info("Aucune géographie importée : utilisez la page « Import des données ».")
        return None
    pending = state.pop_pending_territory(key)
    if pending is not None:
        state.set_widget_value(key, pending)  # a list just saved (lists.editor), before the widget
        state.set_widget_value(f"{key}__kind", "")
    current = state.kept_widget_value(key, None)
    kind_default = "commune" if str(current).startswith("commune:") else ""
    _restore(f"{key}__kind", kind_default, KIND_LABELS)
    type_column, name_column = st.columns([1, 2])
    type_label = "Type de territoire" if label == "Territoire" else f"Type ({label})"
    kind = type_column.selectbox(
        type_label, list(KIND_LABELS), format_func=KIND_LABELS.__getitem__, key=f"{key}__kind"
    )
    _keep(f"{key}__kind")
    with name_column:
        shown = _named(kind, key, choices, version, str(current))
        if not shown:
            st.caption("Tapez au moins deux lettres du nom de la commune.")
            return None
        wanted = default or DEFAULT_TERRITORY
        keys = list(shown)
        _restore(key, wanted if wanted in shown else keys[0], shown)
        picked: str = st.selectbox(label, keys, format_func=shown.__getitem__, key=key)
    _keep(key)
    return picked


def _named(
    kind: str, key: str, choices: dict[str, str], version: str, current: str
) -> dict[str, str]:
    """The names offered for the chosen type (a commune search for communes)."""
    if kind != "commune":
        prefix = f"{kind}:" if kind else ""
        return {k: v for k, v in choices.items() if k.startswith(prefix)}
    _restore(f"{key}__q", "")
    query = st.text_input("Rechercher une commune (nom ou code)", key=f"{key}__q")
    _keep(f"{key}__q")
    found = data.search_communes(query, version)
    if current.startswith("commune:") and current not in found:
        label = dict((k, v) for k, v, _ in data.commune_index(version)).get(current)
        if label:
            found = {current: label, **found}
    return found


def _restore(key: str, default: object, allowed: Collection[str] | None = None) -> None:
    """Give widget `key` its last value: Streamlit drops a widget's state on pages that do not
    draw it, so the choice is also kept under a plain key and survives page changes."""
    value = state.kept_widget_value(key, default)
    if allowed is not None and value not in allowed:
        value = default
    state.set_widget_value(key, value)


def _keep(key: str) -> None:
    state.keep_widget_value(key)


def pick_references(territory: str) -> tuple[str, ...]:
    choices = data.territory_options(data.data_version())
    others = [k for k in choices if k != territory and not k.startswith("commune:")]
    _restore(_REFERENCES, [])
    state.set_widget_value(_REFERENCES, [k for k in state.widget_value(_REFERENCES) if k in others])
    picked = st.multiselect(
        "Territoires de référence (par défaut : département, région, France)",
        others,
        format_func=choices.__getitem__,
        key=_REFERENCES,
        max_selections=4,
        placeholder="Choisir d'autres territoires",
        select_all=False,  # Streamlit's "Select all" is English
    )
    _keep(_REFERENCES)
    return tuple(picked)


def pick_perimeter() -> str:
    _restore(_PERIMETER, STATISTICAL)
    choice: str = st.radio(
        "Périmètre",
        list(PERIMETER_CHOICES),
        format_func=PERIMETER_CHOICES.__getitem__,
        horizontal=True,
        key=_PERIMETER,
    )
    _keep(_PERIMETER)
    return choice


def choose(with_references: bool = True) -> tuple[str, tuple[str, ...], str] | None:
    """Territory, references and perimeter chosen in the sidebar-like header."""
    left, middle, right = st.columns([3, 3, 2])
    with left:
        territory = pick_territory()
    if territory is None:
        return None
    with middle:
        references = pick_references(territory) if with_references else ()
    with right:
        choice = pick_perimeter()
    return territory, references, choice


TILES = (
    ("Établissements actifs", "establishments_active", fmt_int),
    ("Établissements de l'ESS", "ess_establishments", fmt_int),
    ("Part de l'ESS (établissements)", "ess_share_establishments", fmt_share),
    ("Établissements employeurs de l'ESS", "ess_employer_establishments", fmt_int),
    ("Salariés de l'ESS (estimation)", "ess_employees_estimate", fmt_int),
    ("Part de l'ESS dans l'emploi privé", "ess_share_private_employees", fmt_share),
)


def value_of(figures: Figures, key: str) -> float | None:
    value = getattr(figures, key)
    return None if value is None else float(value)


def tiles(report: Report) -> None:
    """One tile per figure, with each reference territory's value beside it."""
    for row_start in (0, 3):
        columns = st.columns(3)
        for column, (label, key, fmt) in zip(
            columns, TILES[row_start : row_start + 3], strict=True
        ):
            with column.container(border=True):
                st.metric(label, fmt(value_of(report.main, key)))
                lines = [
                    f"{ref.territory.name} : {fmt(value_of(ref, key))}" for ref in report.references
                ]
                st.caption("  \n".join(lines) if lines else "Aucun territoire de référence.")
    main = report.main
    st.caption(
        f"Salariés de l'ESS : {main.ess_employees_source}. Salariés du secteur privé : "
        f"{main.private_employees_source} ({fmt_decimal(main.private_employees_estimate, 0)})."
    )
