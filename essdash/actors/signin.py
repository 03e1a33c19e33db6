"""Sign-in with « Ma structure »: a participant signs and ties their structure to Sirene."""

from __future__ import annotations

from sqlalchemy.orm import Session

from essdash.actors.directory import pick_my_structure
from essdash.models import Participant
from essdash.workshop.activities.signin.service import SignInForm, sign_in


def sign_in_with_structure(
    session: Session,
    *,
    workshop_id: int,
    form: SignInForm,
    client_request_id: str | None,
    siret: str | None,
) -> Participant:
    """`sign_in`, then the establishment picked in the search becomes their structure (same
    transaction: a refusal writes nothing)."""
    participant = sign_in(
        session, workshop_id=workshop_id, form=form, client_request_id=client_request_id
    )
    if siret:
        pick_my_structure(session, participant_id=participant.id, siret=siret)
    return participant
