"""The one list of workshop activities and diagnostic-level sections. Everything loops over it.

How to add a workshop activity (e.g. "survey"):

1. Create its folder `essdash/workshop/activities/survey/` with its services, and a
   `manifest.py` defining `ACTIVITY = Activity(key="survey", title="Questionnaire", ...)`
   (types in `essdash.readmodel.contract`). Declare only what it contributes:
   - `agenda`: (code, French label) pairs a step of the agenda can run (console editor);
   - `pages`: `Page(file, title, icon, audience)` for each `app_pages/<file>.py` it brings
     ("participant": section "Mon atelier"; "facilitator": section "Animation");
   - `projection`: `ProjectionView(key, title, "essdash.ui.survey.projection:render")`, the
     renderer called as `render(workshop_id, settings)` (UI layer, named by a string);
   - `sheets`: `Sheet(title, build)`, `build(session, scope) -> DataFrame`, French headers;
   - `slides`: `build(session, scope) -> Sequence[Slide]`: existing slide types of
     `essdash.readmodel.slides`, or `TableSlide`/`BarsSlide` for generic content. A new slide
     class must join the `Slide` union and every renderer (`essdash.ui.restitution.view`,
     `essdash.exports.document_pages`): mypy (`assert_never`) and
     tests/restitution/test_slide_dispatch.py refuse an unhandled one;
   - `moderation`: `ModerationKind(kind, label, model, text)` for rows with a `hidden` flag;
   - `personal`: `PersonalData(export, merge, erase)` hooks for the participant's own data
     beyond the columns declared with `info=personal(...)` (those are exported and erased
     generically, see `essdash.models.personal`);
   - `seed`: `seed(session, ctx)` demo content (`ctx` is a `SeedContext`), run in list order.
2. Add ONE line to `_ACTIVITIES` below, and its migration under `essdash/migrations/versions/`.
   Its tables are models in `essdash/models/` (Alembic and the personal-data walk read
   `Base.metadata`); a table shown live names its cache version in its table info,
   `{"info": {VERSIONED_AS: "survey"}}` (`essdash.models.versions`), read by `essdash.db.versions`.

How to add a diagnostic-level section (interviews' synthesis, timeline, action plan...):
define `SECTION = Section(key, title, sheets=..., slides=..., seed=...)` in its own module and
add one line to `_SECTIONS`. Its builders get a `Scope` of the diagnostic (`scope.diagnostic`,
`scope.workshops`). Sheets and slides come after the activities', in list order. The section's
package must not import `essdash.workshop` (this registry imports it: import-linter refuses the
cycle); it may import `essdash.readmodel`, `essdash.models`, `essdash.indicators`.

Order matters: it is the order of the workbook's sheets, the restitution's slides, the
"Mes données" export, the navigation's activity pages, the projection's views and the demo.

Tests register a throw-away activity or section with `registered(...)` (a context manager),
without touching any file: tests/workshop/test_activity_contract.py.

Changes of this API (newest last):
- v1: Activity, Section, Page, ProjectionView, Sheet, ModerationKind, PersonalData,
  SeedContext; `activities()`, `sections()`, `contributors()`, `by_key()`,
  `agenda_labels()`, `moderation_kinds()`, `registered()`.
- v2: `VERSIONED_AS` table info for a new activity's live cache version (no edit of
  `essdash/db/versions.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from essdash.actor_tables import sheets as actor_tables
from essdash.catchment import section as catchment_section
from essdash.diagnostics import plan_section
from essdash.followup import sections as followup
from essdash.readmodel.contract import Activity, ModerationKind, Section
from essdash.workshop.activities.mapping import manifest as mapping
from essdash.workshop.activities.signin import manifest as signin
from essdash.workshop.activities.survey import manifest as survey
from essdash.workshop.activities.voting import manifest as voting
from essdash.workshop.activities.worldcafe import manifest as worldcafe

_ACTIVITIES: tuple[Activity, ...] = (
    signin.ACTIVITY,
    mapping.ACTIVITY,
    worldcafe.ACTIVITY,
    voting.ACTIVITY,
    survey.ACTIVITY,
)

_SECTIONS: tuple[Section, ...] = (
    followup.INTERVIEWS,
    followup.TIMELINE,
    catchment_section.SECTION,
    actor_tables.SECTION,
    plan_section.SECTION,
    followup.PROGRESS,  # after the plan: its demo seed dates the plan's demo actions
)

_extra_activities: list[Activity] = []  # registered by tests only, see `registered`
_extra_sections: list[Section] = []


def activities() -> tuple[Activity, ...]:
    """Every workshop activity, in the order of a workshop."""
    return (*_ACTIVITIES, *_extra_activities)


def sections() -> tuple[Section, ...]:
    """Every diagnostic-level section, after the activities in exports and restitution."""
    return (*_SECTIONS, *_extra_sections)


def contributors() -> tuple[Activity | Section, ...]:
    """The activities then the sections: the order of the workbook, restitution and demo."""
    return (*activities(), *sections())


def by_key(key: str) -> Activity | None:
    return next((a for a in activities() if a.key == key), None)


def agenda_labels() -> dict[str, str]:
    """Agenda codes a step may run -> French label, in registry order."""
    return {code: label for a in activities() for code, label in a.agenda}


def moderation_kinds() -> dict[str, ModerationKind]:
    """Kind code -> what moderation may hide, in registry order."""
    return {k.kind: k for a in activities() for k in a.moderation}


@contextmanager
def registered(*items: Activity | Section) -> Iterator[None]:
    """Register activities or sections for the duration of a `with` block (tests)."""
    for item in items:
        if isinstance(item, Activity):
            _extra_activities.append(item)
        else:
            _extra_sections.append(item)
    try:
        yield
    finally:
        for item in items:
            if isinstance(item, Activity):
                _extra_activities.remove(item)
            else:
                _extra_sections.remove(item)
