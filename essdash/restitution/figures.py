"""Key-figures slide and ESS map slide (secret statistique applied)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from essdash.formatting import SECRET_MARK, fmt_int, fmt_share
from essdash.models import Diagnostic, Territory
from essdash.readmodel.indicators_table import key_figures
from essdash.readmodel.slides import CommuneArea, FigureRow, FiguresSlide, MapSlide
from essdash.restitution.evolution import evolution_rows

MIN_ESTABLISHMENTS = 3
NO_DATA = (
    "Les chiffres de l'ESS ne sont pas encore disponibles pour ce territoire "
    "(données Sirene non importées)."
)
SECRET_NOTE = "« s » : chiffre couvert par le secret statistique (moins de 3 établissements "
SECRET_NOTE += "ou un établissement pesant plus de 85 % des effectifs)."
# (key in the figures, label, formatter)
HEADLINE: tuple[tuple[str, str, str], ...] = (
    ("ess_establishments", "Établissements de l'ESS", "int"),
    ("ess_share_establishments", "Part de l'ESS dans les établissements", "share"),
    ("ess_employer_establishments", "Établissements employeurs de l'ESS", "int"),
    ("ess_employees_estimate", "Salarié·es de l'ESS (estimation)", "int"),
    ("ess_share_private_employees", "Part de l'ESS dans l'emploi salarié privé", "share"),
)


@dataclass(frozen=True)
class KeyFiguresResult:
    slide: FiguresSlide
    commune_shares: dict[str, float | None]


def _fmt(value: Any, how: str) -> str:
    if value is None:
        return "–"
    if value == SECRET_MARK or isinstance(value, str):
        return str(value)
    return fmt_share(float(value)) if how == "share" else fmt_int(float(value))


def _masked_headline(data: dict[str, Any]) -> dict[str, Any]:
    """A territory with 1 or 2 ESS establishments: its ESS figures fall under the secret too."""
    count = data.get("ess_establishments")
    if isinstance(count, int | float) and 0 < count < MIN_ESTABLISHMENTS:
        return {k: (SECRET_MARK if k.startswith("ess_") else v) for k, v in data.items()}
    return data


def key_figures_slide(session: Session, diagnostic: Diagnostic) -> KeyFiguresResult:
    territory = session.get(Territory, diagnostic.territory_id) if diagnostic.territory_id else None
    name = territory.name if territory else "Territoire"
    figures = key_figures(session, diagnostic)
    if figures is None:
        slide = FiguresSlide(
            title="Chiffres clés de l'ESS",
            territory=name,
            reference_names=(),
            rows=(),
            note=NO_DATA,
        )
        return KeyFiguresResult(slide, {})
    main = _masked_headline(figures.main)
    refs = [_masked_headline(r) for r in figures.references]
    rows = tuple(
        FigureRow(label, _fmt(main.get(key), how), tuple(_fmt(r.get(key), how) for r in refs))
        for key, label, how in HEADLINE
    ) + evolution_rows(session, diagnostic)
    families = tuple(
        (
            str(cell.get("label", family)),
            _fmt(cell.get("establishments"), "int"),
            cell["establishments"] if isinstance(cell.get("establishments"), int) else None,
        )
        for family, cell in main.get("by_family", {}).items()
    )
    slide = FiguresSlide(
        title="Chiffres clés de l'ESS",
        shares=_shares([main, *refs]),
        territory=main.get("territory", {}).get("name", name),
        reference_names=tuple(r.get("territory", {}).get("name", "") for r in refs),
        rows=rows,
        families=families,
        note=SECRET_NOTE if _any_secret(rows) else "",
    )
    shares = {
        code: (cell.get("ess_share_establishments") if not _secret(cell) else None)
        for code, cell in main.get("by_commune", {}).items()
    }
    return KeyFiguresResult(slide, shares)


def _shares(datas: list[dict[str, Any]]) -> tuple[tuple[str, str, float], ...]:
    wanted = (
        ("ess_share_establishments", "Part des établissements"),
        ("ess_share_private_employees", "Part de l'emploi salarié privé"),
    )
    return tuple(
        (d.get("territory", {}).get("name", ""), label, float(d[key]))
        for d in datas
        for key, label in wanted
        if isinstance(d.get(key), int | float)
    )


def _any_secret(rows: tuple[FigureRow, ...]) -> bool:
    """Some cell shows « s »: only then does the slide explain it."""
    return any(SECRET_MARK in (row.value, *row.references) for row in rows)


def _secret(cell: dict[str, Any]) -> bool:
    return any(v == SECRET_MARK for v in cell.values())


def ess_map_slide(
    communes: list[CommuneArea], shares: dict[str, float | None], territory: Territory | None
) -> MapSlide:
    """Choropleth of the ESS share of establishments by commune (secret communes left blank)."""
    areas = tuple(
        CommuneArea(
            code=c.code,
            name=c.name,
            geometry=c.geometry,
            share=shares.get(c.code),
            share_label=_share_label(c.code, shares),
        )
        for c in communes
    )
    known = any(a.share is not None for a in areas)
    note = "" if known else NO_DATA
    if known and any(a.share is None for a in areas):  # grey communes exist: say why
        note = "Communes en gris : chiffre couvert par le secret statistique ou non disponible."
    subtitle = territory.name if territory else ""
    return MapSlide(
        title="L'ESS dans le territoire : part des établissements par commune",
        subtitle=subtitle,
        communes=areas,
        note=note,
        kind="ess_map",
    )


def _share_label(code: str, shares: dict[str, float | None]) -> str:
    if code not in shares:
        return ""
    share = shares[code]
    return SECRET_MARK if share is None else fmt_share(share)
