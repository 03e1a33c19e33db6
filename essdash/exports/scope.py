"""Moved to `essdash.readmodel.scope` (below both the exports and the restitution)."""

from essdash.readmodel.scope import (
    ERASED_NAME,
    Scope,
    diagnostic_scope,
    public_name,
    workshop_scope,
    workshop_scope_by_id,
)

__all__ = [
    "ERASED_NAME",
    "Scope",
    "diagnostic_scope",
    "public_name",
    "workshop_scope",
    "workshop_scope_by_id",
]
