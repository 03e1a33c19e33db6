"""HTML of the slides' text parts: every value is escaped (participant text never parsed)."""

from __future__ import annotations

from essdash import labels
from essdash.readmodel.slides import (
    FiguresSlide,
    MapSlide,
    PlanSlide,
    PrioritiesSlide,
    QuestionSlide,
    TableSlide,
    TitleSlide,
)
from essdash.ui.safe import escape

CSS = """<style>
.rs-hero{display:flex;flex-direction:column;justify-content:center;min-height:72vh;
  padding:0 6vw;background:linear-gradient(120deg,#B5123E 0%,#7A0C2A 100%);color:#fff;
  border-radius:1.2rem}
.rs-hero h1{font-size:3.6rem !important;line-height:1.1;color:#fff !important;margin:0 0 1rem}
.rs-hero .rs-sub{font-size:2rem;opacity:.95;margin-bottom:2rem}
.rs-hero .rs-line{font-size:1.35rem;opacity:.9;margin:.2rem 0}
.rs-kicker{font-size:1rem;letter-spacing:.08em;text-transform:uppercase;color:#B5123E;
  font-weight:700;margin-bottom:.2rem}
.rs-title{font-size:2.4rem;font-weight:800;color:#1E1E28;line-height:1.15;margin:0 0 .6rem}
.rs-question{font-size:1.9rem;font-weight:700;color:#1E1E28;line-height:1.25;
  border-left:.5rem solid #B5123E;padding:.3rem 0 .3rem 1rem;margin:.4rem 0 1.2rem}
.rs-synth{background:#F4F1EC;border-radius:.8rem;padding:1rem 1.2rem;margin:.6rem 0;
  font-size:1.35rem;line-height:1.4;white-space:pre-wrap;overflow-wrap:anywhere}
.rs-synth b{display:block;font-size:1rem;color:#7A0C2A;text-transform:uppercase;
  letter-spacing:.05em;margin-bottom:.3rem;white-space:normal}
.rs-table{width:100%;border-collapse:collapse;font-size:1.1rem}
.rs-table th{text-align:right;color:#555;font-weight:600;font-size:.85rem;padding:.4rem .8rem;
  border-bottom:2px solid #1E1E28}
.rs-table th:first-child,.rs-table td:first-child{text-align:left}
.rs-table td{padding:.45rem .8rem;border-bottom:1px solid #E5E1DA;text-align:right}
.rs-table td.rs-main{font-weight:800;color:#B5123E;font-size:1.45rem}
.rs-note{color:#555;font-size:1rem;margin-top:.8rem}
.rs-empty{color:#555;font-size:1.4rem;font-style:italic;padding:2rem 0}
.rs-legend{display:flex;flex-direction:column;gap:.55rem;font-size:1.2rem;margin-top:1rem}
.rs-dot{display:inline-block;width:1rem;height:1rem;border-radius:50%;margin-right:.6rem;
  vertical-align:-.1rem}
.rs-bar{background:#E5E1DA;border-radius:.4rem;height:1rem;width:100%;min-width:8rem}
.rs-bar span{display:block;height:100%;border-radius:.4rem}
.rs-badge{display:inline-block;padding:.15rem .6rem;border-radius:1rem;color:#fff;font-size:1rem}
.rs-big{font-size:3rem;font-weight:800;color:#B5123E;line-height:1}
</style>"""


def title_html(slide: TitleSlide) -> str:
    lines = "".join(f'<div class="rs-line">{escape(line)}</div>' for line in slide.lines)
    return (
        f'<div class="rs-hero"><div class="rs-sub">Restitution</div>'
        f"<h1>{escape(slide.title)}</h1>"
        f'<div class="rs-sub">{escape(slide.subtitle)}</div>{lines}</div>'
    )


def heading_html(kicker: str, title: str) -> str:
    return (
        f'<div class="rs-kicker">{escape(kicker)}</div><div class="rs-title">{escape(title)}</div>'
    )


def figures_html(slide: FiguresSlide) -> str:
    if not slide.rows:
        return f'<div class="rs-empty">{escape(slide.note)}</div>'
    head = "".join(f"<th>{escape(n)}</th>" for n in slide.reference_names)
    body = "".join(
        f'<tr><td>{escape(r.label)}</td><td class="rs-main">{escape(r.value)}</td>'
        + "".join(f"<td>{escape(v)}</td>" for v in r.references)
        + "</tr>"
        for r in slide.rows
    )
    return (
        f'<table class="rs-table"><tr><th></th><th>{escape(slide.territory)}</th>{head}</tr>'
        f'{body}</table><div class="rs-note">{escape(slide.note)}</div>'
    )


def map_legend_html(slide: MapSlide) -> str:
    parts = []
    if slide.kind == "actors_map":
        present = {p.actor_type for p in slide.points} | {z.actor_type for z in slide.zones}
        for key, label in labels.ACTOR_TYPES.items():
            if key in present:
                color = labels.ACTOR_TYPE_COLORS[key]
                count = sum(p.actor_type == key for p in slide.points)
                parts.append(
                    f'<div><span class="rs-dot" style="background:{color}"></span>'
                    f"{escape(label)} : {count} site{'s' if count > 1 else ''}</div>"
                )
        parts.append('<div class="rs-note">Cercles pointillés : zones de chalandise.</div>')
    if slide.subtitle:
        parts.insert(
            0, f'<div class="rs-note" style="font-size:1.2rem">{escape(slide.subtitle)}</div>'
        )
    if slide.note:
        parts.append(f'<div class="rs-note">{escape(slide.note)}</div>')
    return f'<div class="rs-legend">{"".join(parts)}</div>'


def question_html(slide: QuestionSlide) -> str:
    synth = (
        "".join(
            f'<div class="rs-synth"><b>{escape(table)}</b>{escape(text)}</div>'
            for table, text in slide.syntheses
        )
        or '<div class="rs-empty">Synthèse à venir.</div>'
    )
    return f'<div class="rs-question">{escape(slide.question)}</div>{synth}'


def priorities_html(slide: PrioritiesSlide) -> str:
    voters = f"{slide.ballots} bulletin{'s' if slide.ballots > 1 else ''}"
    return (
        f'<div class="rs-note" style="font-size:1.25rem">{escape(slide.method)} — '
        f"{escape(voters)}</div>"
    )


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(background: str) -> str:
    """White or near-black text, whichever contrasts more with a status colour (RGAA 3.2)."""
    light = _luminance(background)
    return "#FFFFFF" if 1.05 / (light + 0.05) >= (light + 0.05) / 0.0555 else "#0E0E14"


def plan_html(slide: PlanSlide) -> str:
    rows = []
    for a in slide.rows:
        color = labels.ACTION_STATUS_COLORS.get(a.status_key, "#999999")
        rows.append(
            f"<tr><td><b>{escape(a.title)}</b><div class='rs-note'>{escape(a.priority)}</div></td>"
            f"<td style='text-align:left'>{escape(a.owner)}"
            f"<div class='rs-note'>{escape(a.partners)}</div></td>"
            f"<td>{escape(a.deadline)}</td>"
            f"<td><span class='rs-badge' style='background:{color};color:{_ink(color)}'>"
            f"{escape(a.status)}</span></td>"
            f"<td><div class='rs-bar'><span style='width:{a.progress}%;background:{color}'>"
            f"</span></div>{a.progress} %</td></tr>"
        )
    head = (
        "<tr><th>Action</th><th style='text-align:left'>Porteur et partenaires</th>"
        "<th>Échéance</th><th>Statut</th><th>Avancement</th></tr>"
    )
    return f'<table class="rs-table">{head}{"".join(rows)}</table>'


def table_html(slide: TableSlide) -> str:
    """A generic slide's table; every cell escaped (it may hold participant text)."""
    head = "".join(f"<th>{escape(c)}</th>" for c in slide.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in slide.rows
    )
    if not slide.rows:
        return '<div class="rs-empty">Rien à montrer pour l\'instant.</div>'
    note = f'<div class="rs-note">{escape(slide.note)}</div>' if slide.note else ""
    return f'<table class="rs-table"><tr>{head}</tr>{body}</table>{note}'
