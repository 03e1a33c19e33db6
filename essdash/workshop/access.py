"""Who may still write to a workshop: the live session, then remote contributions until closed.

Every activity's service calls `ensure_can_contribute` before writing participant content, so the
rule lives in one place:

| status     | contributions_open | participants may add / edit |
|------------|--------------------|-----------------------------|
| draft      | any                | no  (not yet opened)        |
| open       | any                | yes (the live workshop)     |
| closed     | True               | yes ("contribuer à distance") |
| closed     | False              | no                          |
| archived   | any                | no                          |
"""

from __future__ import annotations

from essdash.errors import NotAllowed
from essdash.models import Workshop


def can_contribute(workshop: Workshop) -> bool:
    """True while participants may add to the map and the boards."""
    if workshop.status == "open":
        return True
    return workshop.status == "closed" and bool(workshop.contributions_open)


def is_remote_phase(workshop: Workshop) -> bool:
    """After the live session: contributions now arrive remotely."""
    return workshop.status == "closed" and bool(workshop.contributions_open)


def ensure_can_contribute(workshop: Workshop) -> None:
    """Raise NotAllowed (French message) when the workshop no longer accepts contributions."""
    if can_contribute(workshop):
        return
    if workshop.status == "draft":
        raise NotAllowed("Cet atelier n'est pas encore ouvert : attendez le signal de l'animation.")
    if workshop.status == "archived":
        raise NotAllowed("Cet atelier est archivé : il n'accepte plus de contributions.")
    raise NotAllowed(
        "Les contributions à cet atelier sont closes : l'équipe d'animation a clos "
        "les contributions à distance."
    )


def ensure_can_join(workshop: Workshop) -> None:
    """New sign-ins follow the same rule (a late participant may sign in remotely)."""
    try:
        ensure_can_contribute(workshop)
    except NotAllowed as error:
        raise NotAllowed(f"Impossible de rejoindre l'atelier. {error}") from error
