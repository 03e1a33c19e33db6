"""Figures of a territory and of its reference territories, with their secret statistique."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.indicators import secret, store, urssaf_store
from essdash.indicators.perimeter import STATISTICAL, Perimeter, load_perimeter
from essdash.indicators.query import grouped
from essdash.indicators.secret import SecretCell
from essdash.indicators.territories import (
    TerritoryRef,
    aliases,
    commune_frame,
    default_references,
    parse_key,
    resolve,
)

MEASURES = ["establishments", "employer_establishments", "employees_estimate", "max_employees"]
TABLES = ("by_family", "by_sector", "by_section", "by_size", "by_commune", "creations")
SOURCE_ESTIMATE = "estimation Sirene (tranches d'effectifs)"


@dataclass
class Figures:
    """What the "Chiffres clés" page shows for one territory."""

    territory: TerritoryRef
    perimeter: str
    establishments_active: int
    ess_establishments: int
    ess_employer_establishments: int
    ess_employees_estimate: float
    private_employees_estimate: float
    ess_employees_source: str = SOURCE_ESTIMATE
    private_employees_source: str = SOURCE_ESTIMATE
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    secret: list[secret.SecretCell] = field(default_factory=list)
    filiere: str | None = None
    urssaf: dict[int, tuple[float, float]] = field(default_factory=dict)  # year -> (estab., empl.)
    panorama: dict[str, pd.DataFrame] = field(default_factory=dict)  # from the cube only
    panorama_secret: list[SecretCell] = field(default_factory=list)

    @property
    def ess_share_establishments(self) -> float | None:
        if not self.establishments_active:
            return None
        return self.ess_establishments / self.establishments_active

    @property
    def ess_share_private_employees(self) -> float | None:
        if not self.private_employees_estimate:
            return None
        return self.ess_employees_estimate / self.private_employees_estimate


@dataclass
class Report:
    main: Figures
    references: list[Figures]


def _breakdown(rows: pd.DataFrame, by: str, labels: dict[str, str] | None) -> pd.DataFrame:
    table = rows.groupby(by, dropna=False).agg(
        establishments=("establishments", "sum"),
        employer_establishments=("employer_establishments", "sum"),
        employees_estimate=("employees_estimate", "sum"),
        max_employees=("max_employees", "max"),
    )
    table.index = table.index.map(lambda k: "" if pd.isna(k) else str(k))
    if labels is not None:
        order = [k for k in labels if k in table.index] + [
            k for k in table.index if k not in labels
        ]
        table = table.loc[order]
        table.insert(0, "label", [labels.get(k, k) for k in table.index])
    table.index.name = "key"
    return table


def _by_commune(communes: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    active = communes[communes["active"]]
    ess = active[active["family"].notna()]
    table = _breakdown(ess, "commune", None)
    totals = active.groupby("commune")["establishments"].sum()
    table = table.reindex(totals.index.astype(str), fill_value=0)
    table.insert(0, "establishments_active", totals.to_numpy())
    table.insert(0, "label", [names.get(c, c) for c in table.index])
    table["ess_share_establishments"] = table["establishments"] / table["establishments_active"]
    table.index.name = "key"
    return table.sort_index()


def _tables(
    cube: pd.DataFrame, communes: pd.DataFrame, p: Perimeter, choice: str, names: dict[str, str]
) -> dict[str, pd.DataFrame]:
    ess = cube[cube["active"] & cube["family"].notna()]
    creations = cube[cube["family"].notna() & cube["year"].notna()].copy()
    creations["year"] = creations["year"].astype(int).astype(str)
    return {
        "by_family": _breakdown(ess, "family", p.families_for(choice)),
        "by_sector": _breakdown(ess, "sector", p.sectors),
        "by_section": _breakdown(ess, "section", p.sections),
        "by_size": _breakdown(ess, "size", p.size_labels),
        "by_commune": _by_commune(communes, names),
        "creations": _breakdown(creations, "year", None).sort_index(),
    }


def compute_figures(
    session: Session,
    ref: TerritoryRef,
    *,
    choice: str = STATISTICAL,
    perimeter: Perimeter | None = None,
    naf_prefixes: tuple[str, ...] | None = None,
    filiere: str | None = None,
    with_communes: bool = True,
) -> Figures:
    """Figures of a territory: summed from the cube, or (for a filière, whose NAF prefixes the
    cube does not keep) from one scan of the establishments. A territory computed without its
    commune table (a reference) has an empty `by_commune`."""
    if not store.has_establishments():
        raise UserError("Aucune donnée Sirene importée : utilisez « Import des données ».")
    p = perimeter or load_perimeter()
    if naf_prefixes is None:
        from essdash.indicators import cube_store  # imports this module

        return cube_store.figures(session, ref, choice, p, with_communes)
    return scan_figures(session, ref, choice, p, naf_prefixes, filiere)


def scan_figures(
    session: Session,
    ref: TerritoryRef,
    choice: str,
    p: Perimeter,
    naf_prefixes: tuple[str, ...] | None = None,
    filiere: str | None = None,
) -> Figures:
    """Figures from one scan of the establishments (filières; the path before the cube)."""
    cube, communes = grouped(p, choice, ref.communes, aliases(session), naf_prefixes)
    names = dict(commune_frame(session, ref.communes)[["code", "name"]].itertuples(index=False))
    active = cube[cube["active"]]
    ess = active[active["family"].notna()]
    figures = Figures(
        territory=ref,
        perimeter=choice,
        establishments_active=int(active["establishments"].sum()),
        ess_establishments=int(ess["establishments"].sum()),
        ess_employer_establishments=int(ess["employer_establishments"].sum()),
        ess_employees_estimate=float(ess["employees_estimate"].sum()),
        private_employees_estimate=float(active.loc[active["private"], "employees_estimate"].sum()),
        tables=_tables(cube, communes, p, choice, names),
        filiere=filiere,
    )
    if naf_prefixes is None:
        use_urssaf(figures)
    apply_secret(figures, p)
    return figures


def apply_secret(figures: Figures, p: Perimeter) -> None:
    """The secret statistique, applied to the aggregated tables."""
    for name, table in figures.tables.items():
        figures.secret += secret.secret_cells(
            name, table, p.secret_min_establishments, p.secret_dominance
        )


def use_urssaf(figures: Figures) -> None:
    """Real private headcounts replace the estimate when URSSAF covers the whole territory."""
    figures.urssaf = urssaf_store.yearly(figures.territory.communes)
    if figures.urssaf:
        year = max(figures.urssaf)
        figures.private_employees_estimate = figures.urssaf[year][1]
        figures.private_employees_source = f"URSSAF, effectifs salariés {year}"


def compute_report(
    session: Session,
    territory: str,
    references: list[str] | None = None,
    *,
    choice: str = STATISTICAL,
    naf_prefixes: tuple[str, ...] | None = None,
    filiere: str | None = None,
) -> Report:
    """A territory ('kind:code') and its references (default: département, région, France)."""
    ref = resolve(session, *parse_key(territory))
    refs = (
        [resolve(session, *parse_key(k)) for k in references]
        if references
        else default_references(session, ref)
    )
    perimeter = load_perimeter()

    def figures_of(r: TerritoryRef, with_communes: bool) -> Figures:
        return compute_figures(
            session,
            r,
            choice=choice,
            perimeter=perimeter,
            naf_prefixes=naf_prefixes,
            filiere=filiere,
            with_communes=with_communes,
        )

    return Report(figures_of(ref, True), [figures_of(r, False) for r in refs])
