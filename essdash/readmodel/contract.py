"""The activity contract: what a workshop activity (or a diagnostic-level section) contributes.

It lives in `essdash.readmodel`, below every domain package, so that an activity under
`essdash.workshop.activities` and a section elsewhere (e.g. `essdash.diagnostics`) can both
declare themselves without importing the registry's package.

An `Activity` is a frozen manifest declared in the activity's own folder (`manifest.py`) and
listed once in `registry.py`. Every consumer loops over the registry: the console and the
agenda, navigation (participant and facilitator pages), the projection, the workbook, the
restitution, moderation, the participant's personal data (export, merge, erase) and the demo.
A `Section` is the same for what belongs to the diagnostic rather than to a workshop
(interviews' synthesis, timeline, action plan): workbook sheets and restitution slides only.

Every field but `key` and `title` is optional: an activity declares only what it contributes.
Callables receive the caller's Session and never commit (the caller owns the transaction).
UI renderers are named by a dotted path (`"essdash.ui.x:render"`), resolved by the UI only,
so this module and the manifests stay below the UI (import-linter layers in pyproject.toml).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import pandas as pd
from sqlalchemy.orm import Session

from essdash.models import Diagnostic, Participant, Territory, Workshop
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import Slide

SheetBuilder = Callable[[Session, Scope], pd.DataFrame]
SlidesBuilder = Callable[[Session, Scope], Sequence[Slide]]
Audience = Literal["participant", "facilitator"]


class SeedContext(Protocol):
    """What the demo loader hands each seed (`essdash.demo.loader.DemoContext` implements it)."""

    rng: random.Random
    diagnostic: Diagnostic
    workshop: Workshop
    epci: Territory
    participants: list[Participant]

    @property
    def communes(self) -> Sequence[Any]: ...  # essdash.demo.geography.DemoCommune


Seed = Callable[[Session, SeedContext], None]  # demo content, may use ctx.rng


@dataclass(frozen=True)
class Page:
    """A page of `app_pages/` the activity brings (`file` is its stem and URL path)."""

    file: str
    title: str  # French, shown in the sidebar
    icon: str  # ":material/…:"
    audience: Audience


@dataclass(frozen=True)
class ProjectionView:
    """A view of the projection screen; `render` is "module:function" in `essdash.ui`, called
    as `function(workshop_id, settings)` (settings: a Streamlit container under the screen)."""

    key: str  # kept in the URL (?v=)
    title: str  # French
    render: str


@dataclass(frozen=True)
class Sheet:
    """A workbook sheet: `build(session, scope)` returns a DataFrame with French headers."""

    title: str  # ≤ 31 characters (Excel)
    build: SheetBuilder


@dataclass(frozen=True)
class ModerationKind:
    """Rows a facilitator may hide and restore. `model` is a mapped class with `id`,
    `workshop_id`, `participant_id` and a boolean `hidden`. `text(row)` is the participant text
    of the "Masqués" list; `listing(session, row, author)` gives (text, caption) for the kind's
    own tab (default: `text(row)` and the author's name). Always shown as text, never markdown."""

    kind: str  # stable code, used in widget keys and by `moderation.set_hidden`
    label: str  # French tab title, e.g. "Carte"
    model: type[Any]
    text: Callable[[Any], str]
    listing: Callable[[Session, Any, Participant], tuple[str, str]] | None = None


@dataclass(frozen=True)
class PersonalData:
    """The participant's data the activity holds beyond the declared columns (models/personal.py:
    those are exported and erased generically).

    `export(session, participant)` -> {French-ish key: JSON-ready value}, merged into the
    "Mes données" export; `merge(session, keep_id, duplicate_id)` moves a duplicate's rows to the
    kept participant; `erase(session, participant)` runs after the generic erasure.
    """

    export: Callable[[Session, Participant], dict[str, Any]] | None = None
    merge: Callable[[Session, int, int], None] | None = None
    erase: Callable[[Session, Participant], None] | None = None


@dataclass(frozen=True)
class Activity:
    """The manifest of a workshop activity (see the module docstring)."""

    key: str
    title: str  # French
    # Agenda codes this activity runs, with their French label (a step's "Activité" column).
    agenda: tuple[tuple[str, str], ...] = ()
    pages: tuple[Page, ...] = ()
    projection: tuple[ProjectionView, ...] = ()
    sheets: tuple[Sheet, ...] = ()
    slides: SlidesBuilder | None = None
    moderation: tuple[ModerationKind, ...] = ()
    personal: PersonalData = field(default_factory=PersonalData)
    seed: Seed | None = None  # demo content, run by the demo loader in registry order


@dataclass(frozen=True)
class Section:
    """A diagnostic-level contribution (not tied to a workshop): sheets and slides for a scope
    (`scope.diagnostic`, and `scope.workshops` when the export covers the whole diagnostic)."""

    key: str
    title: str  # French
    sheets: tuple[Sheet, ...] = ()
    slides: SlidesBuilder | None = None
    seed: Seed | None = None
