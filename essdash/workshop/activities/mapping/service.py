"""Carte partagée: one command per action; every feature is its own row, owned by one participant.

Two hundred people pinning at once never overwrite each other: each add is an INSERT of a new
row, each edit touches only the editor's own row, and ownership is checked here, not in the UI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.errors import NotAllowed, UserError
from essdash.models import Commune, MapFeature, Participant, Workshop
from essdash.workshop import access
from essdash.workshop.activities.mapping import geometry as geo
from essdash.workshop.activities.mapping.queries import commune_at, territory_communes
from essdash.workshop.participants import acting_participant

MAX_FEATURES_PER_PARTICIPANT = 30
LABEL_MAX, SECTOR_MAX, OFFER_MAX = 200, 80, 2000
NOT_YOURS = "Vous ne pouvez modifier que vos propres sites et zones."


@dataclass(frozen=True)
class Description:
    """What a participant says about a site or zone."""

    label: str = ""
    family: str | None = None
    sector: str = ""
    offer: str = ""


def _clean(description: Description) -> Description:
    label, sector, offer = (
        description.label.strip(),
        description.sector.strip(),
        description.offer.strip(),
    )
    if len(label) > LABEL_MAX:
        raise UserError(f"Nom du lieu : {LABEL_MAX} caractères au plus.")
    if len(sector) > SECTOR_MAX:
        raise UserError(f"Secteur : {SECTOR_MAX} caractères au plus.")
    if len(offer) > OFFER_MAX:
        raise UserError(f"Activité : {OFFER_MAX} caractères au plus.")
    family = description.family or None
    if family is not None and family not in labels.ESS_FAMILIES:
        raise UserError("Famille de l'ESS : choisissez une valeur de la liste.")
    return Description(label, family, sector, offer)


def _author(session: Session, participant_id: int, *, on_behalf: bool) -> Participant:
    """The participant who writes, if the workshop still accepts their contributions."""
    participant = acting_participant(session, participant_id)
    workshop = session.get(Workshop, participant.workshop_id)
    assert workshop is not None
    if on_behalf and workshop.status != "archived":
        return participant  # the facilitator types in what someone gave by phone or mail
    access.ensure_can_contribute(workshop)
    count = session.scalar(
        select(func.count(MapFeature.id)).where(MapFeature.participant_id == participant_id)
    )
    if (count or 0) >= MAX_FEATURES_PER_PARTICIPANT:
        raise UserError(
            f"Carte : {MAX_FEATURES_PER_PARTICIPANT} sites et zones au plus par personne."
        )
    return participant


def _own(
    session: Session, participant_id: int, feature_id: int, *, on_behalf: bool = False
) -> MapFeature:
    acting_participant(session, participant_id)
    feature = session.get(MapFeature, feature_id)
    if feature is None or feature.hidden:
        raise UserError("Ce site ou cette zone n'existe plus.")
    if feature.participant_id != participant_id:
        raise NotAllowed(NOT_YOURS)
    workshop = session.get(Workshop, feature.workshop_id)
    assert workshop is not None
    if not (on_behalf and workshop.status != "archived"):
        access.ensure_can_contribute(workshop)
    return feature


def _insert(
    session: Session, author: Participant, request_id: str | None = None, **values: Any
) -> MapFeature:
    if request_id:
        already = session.scalars(
            select(MapFeature).where(
                MapFeature.participant_id == author.id, MapFeature.client_request_id == request_id
            )
        ).first()
        if already is not None:
            return already  # the same form sent twice (double tap, flaky network)
    feature = MapFeature(
        workshop_id=author.workshop_id,
        participant_id=author.id,
        client_request_id=request_id,
        **values,
    )
    session.add(feature)
    session.flush()
    return feature


def add_site(
    session: Session,
    *,
    participant_id: int,
    lon: float,
    lat: float,
    description: Description = Description(),
    on_behalf: bool = False,
    client_request_id: str | None = None,
) -> MapFeature:
    """Place a site (a point) of the participant's structure."""
    point = geo.point(lon, lat)
    author = _author(session, participant_id, on_behalf=on_behalf)
    clean = _clean(description)
    return _insert(
        session,
        author,
        client_request_id,
        kind="site",
        geometry=json.dumps(point),
        label=clean.label or author.structure_name or author.name,
        family=clean.family or author.ess_family,
        sector=clean.sector or None,
        offer=clean.offer,
        commune_code=commune_at(session, author.workshop_id, lon, lat),
        on_behalf=on_behalf,
    )


def add_site_in_commune(
    session: Session,
    *,
    participant_id: int,
    commune_code: str,
    description: Description = Description(),
    on_behalf: bool = False,
    client_request_id: str | None = None,
) -> MapFeature:
    """Place a site at the centre of a commune of the territory (no map tap needed)."""
    participant = session.get(Participant, participant_id)
    codes = (
        {c.code for c in territory_communes(session, participant.workshop_id)}
        if participant
        else set()
    )
    commune = session.get(Commune, commune_code)
    if commune is None or commune_code not in codes or commune.centroid_lon is None:
        raise UserError("Commune : choisissez une commune du territoire dans la liste.")
    assert commune.centroid_lat is not None
    return add_site(
        session,
        participant_id=participant_id,
        lon=commune.centroid_lon,
        lat=commune.centroid_lat,
        description=description,
        on_behalf=on_behalf,
        client_request_id=client_request_id,
    )


def add_zone(
    session: Session,
    *,
    participant_id: int,
    geometry: dict[str, Any],
    site_id: int | None = None,
    description: Description = Description(),
    on_behalf: bool = False,
    client_request_id: str | None = None,
) -> MapFeature:
    """Draw a zone de chalandise as a polygon (optionally tied to one of one's sites)."""
    shape = geo.polygon(geometry)
    author = _author(session, participant_id, on_behalf=on_behalf)
    if site_id is not None:
        _own(session, participant_id, site_id, on_behalf=on_behalf)
    clean = _clean(description)
    return _insert(
        session,
        author,
        client_request_id,
        kind="zone",
        geometry=json.dumps(shape),
        site_id=site_id,
        label=clean.label or f"Zone de chalandise — {author.structure_name or author.name}",
        family=clean.family or author.ess_family,
        sector=clean.sector or None,
        offer=clean.offer,
        on_behalf=on_behalf,
    )


def add_radius_zone(
    session: Session,
    *,
    participant_id: int,
    site_id: int,
    radius_m: float,
    on_behalf: bool = False,
    client_request_id: str | None = None,
) -> MapFeature:
    """A zone de chalandise given as a radius around one of the participant's sites."""
    site = _own(session, participant_id, site_id, on_behalf=on_behalf)
    if site.kind != "site":
        raise UserError("Rayon : choisissez un site (un point), pas une zone.")
    author = _author(session, participant_id, on_behalf=on_behalf)
    lon, lat = geo.lon_lat(site.geometry)
    return _insert(
        session,
        author,
        client_request_id,
        kind="zone",
        geometry=json.dumps(geo.circle(lon, lat, radius_m)),
        radius_m=geo.check_radius(radius_m),
        site_id=site.id,
        label=f"Zone de chalandise — {site.label}",
        family=site.family,
        on_behalf=on_behalf,
    )


def move_site(
    session: Session, *, participant_id: int, feature_id: int, lon: float, lat: float
) -> MapFeature:
    """Move one's own site; radius zones around it follow."""
    site = _own(session, participant_id, feature_id)
    if site.kind != "site":
        raise UserError("Déplacer : seule un site (un point) se déplace ; redessinez la zone.")
    site.geometry = json.dumps(geo.point(lon, lat))
    site.commune_code = commune_at(session, site.workshop_id, lon, lat)
    for zone in session.scalars(
        select(MapFeature).where(MapFeature.site_id == site.id, MapFeature.radius_m.is_not(None))
    ):
        zone.geometry = json.dumps(geo.circle(lon, lat, float(zone.radius_m or 0)))
    session.flush()
    return site


def describe(
    session: Session, *, participant_id: int, feature_id: int, description: Description
) -> MapFeature:
    """Edit the name, family, sector and offer of one's own site or zone."""
    feature = _own(session, participant_id, feature_id)
    clean = _clean(description)
    feature.label = clean.label or feature.label
    feature.family, feature.sector, feature.offer = clean.family, clean.sector or None, clean.offer
    session.flush()
    return feature


def set_radius(
    session: Session, *, participant_id: int, feature_id: int, radius_m: float
) -> MapFeature:
    """Change the radius of one's own radius zone."""
    zone = _own(session, participant_id, feature_id)
    site = session.get(MapFeature, zone.site_id) if zone.site_id else None
    if zone.radius_m is None or site is None:
        raise UserError("Rayon : cette zone a été dessinée à la main ; redessinez-la.")
    lon, lat = geo.lon_lat(site.geometry)
    zone.geometry, zone.radius_m = json.dumps(geo.circle(lon, lat, radius_m)), radius_m
    session.flush()
    return zone


def delete_feature(session: Session, *, participant_id: int, feature_id: int) -> None:
    """Delete one's own site or zone; radius zones around a deleted site go with it."""
    feature = _own(session, participant_id, feature_id)
    if feature.kind == "site":
        for zone in session.scalars(
            select(MapFeature).where(
                MapFeature.site_id == feature.id, MapFeature.radius_m.is_not(None)
            )
        ):
            session.delete(zone)
    session.delete(feature)
    session.flush()
