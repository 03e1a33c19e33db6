"""Plain data (JSON) and flat tables (CSV, Excel) of a report, masked or not."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from essdash.formatting import SECRET_MARK
from essdash.indicators.compute import Figures, Report
from essdash.indicators.secret import SecretCell

PUBLISHED = ["establishments", "employer_establishments", "employees_estimate"]
COMMUNE_FIELDS = ["establishments_active", *PUBLISHED, "ess_share_establishments"]


def _number(value: Any) -> Any:
    if isinstance(value, str) or value is None:
        return value
    if pd.isna(value):
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else round(as_float, 4)


def _table_dict(
    name: str, table: pd.DataFrame, fields: list[str], hidden: set[tuple[str, str]]
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, row in table.iterrows():
        masked = (name, str(key)) in hidden
        cell: dict[str, Any] = {"label": row["label"]} if "label" in row else {}
        for f in fields:
            keep = f == "establishments_active"
            cell[f] = SECRET_MARK if masked and not keep else _number(row[f])
        out[str(key)] = cell
    return out


def figures_dict(figures: Figures, *, masked: bool) -> dict[str, Any]:
    """The figures with exactly the keys of the CLI contract (plain numbers; "s" if masked)."""
    hidden = {(c.table, c.key) for c in figures.secret} if masked else set()
    t = figures.tables
    return {
        "territory": {
            "kind": figures.territory.kind,
            "code": figures.territory.code,
            "name": figures.territory.name,
        },
        "perimeter": figures.perimeter,
        "filiere": figures.filiere,
        "establishments_active": figures.establishments_active,
        "ess_establishments": figures.ess_establishments,
        "ess_share_establishments": _number(figures.ess_share_establishments),
        "ess_employer_establishments": figures.ess_employer_establishments,
        "ess_employees_estimate": _number(figures.ess_employees_estimate),
        "private_employees_estimate": _number(figures.private_employees_estimate),
        "ess_share_private_employees": _number(figures.ess_share_private_employees),
        "employees_source": {
            "ess": figures.ess_employees_source,
            "private": figures.private_employees_source,
        },
        "by_family": _table_dict("by_family", t["by_family"], PUBLISHED, hidden),
        "by_sector": _table_dict("by_sector", t["by_sector"], PUBLISHED, hidden),
        "by_section": _table_dict("by_section", t["by_section"], PUBLISHED, hidden),
        "by_size": _table_dict("by_size", t["by_size"], PUBLISHED, hidden),
        "by_commune": _table_dict("by_commune", t["by_commune"], COMMUNE_FIELDS, hidden),
        "creations_by_year": {
            k: (SECRET_MARK if ("creations", k) in hidden else int(v))
            for k, v in t["creations"]["establishments"].items()
        },
        "secret": [c.as_dict() for c in figures.secret],
    }


def report_dict(report: Report, *, masked: bool) -> dict[str, Any]:
    data = figures_dict(report.main, masked=masked)
    data["references"] = [figures_dict(f, masked=masked) for f in report.references]
    return data


def long_frame(report: Report, *, masked: bool) -> pd.DataFrame:
    """Every figure of the report as rows: territory, table, key, label, measure, value."""
    rows: list[dict[str, Any]] = []
    for figures in [report.main, *report.references]:
        data = figures_dict(figures, masked=masked)
        where = {"territoire": figures.territory.key, "nom": figures.territory.name}
        for key in HEADLINE:
            rows.append(
                {
                    **where,
                    "tableau": "ensemble",
                    "cle": "",
                    "libelle": "",
                    "mesure": key,
                    "valeur": data[key],
                }
            )
        for table in ("by_family", "by_sector", "by_section", "by_size", "by_commune"):
            for key, cell in data[table].items():
                for measure, value in cell.items():
                    if measure != "label":
                        rows.append(
                            {
                                **where,
                                "tableau": table,
                                "cle": key,
                                "libelle": cell.get("label", ""),
                                "mesure": measure,
                                "valeur": value,
                            }
                        )
        for year, value in data["creations_by_year"].items():
            rows.append(
                {
                    **where,
                    "tableau": "creations",
                    "cle": year,
                    "libelle": year,
                    "mesure": "establishments",
                    "valeur": value,
                }
            )
    return pd.DataFrame(rows)


HEADLINE = (
    "establishments_active",
    "ess_establishments",
    "ess_share_establishments",
    "ess_employer_establishments",
    "ess_employees_estimate",
    "private_employees_estimate",
    "ess_share_private_employees",
)


def to_csv(frame: pd.DataFrame) -> str:
    """CSV (`;`, UTF-8) with text cells that could be read as formulas prefixed by a quote."""
    safe = frame.map(
        lambda v: "'" + v if isinstance(v, str) and v.startswith(("=", "+", "-", "@")) else v
    )
    buffer = io.StringIO()
    safe.to_csv(buffer, sep=";", index=False, decimal=",")
    return buffer.getvalue()


def secret_list(cells: list[SecretCell]) -> list[dict[str, str]]:
    return [c.as_dict() for c in cells]
