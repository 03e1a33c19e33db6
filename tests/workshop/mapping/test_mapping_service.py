"""Shared map rules: ownership, zones, hidden features, closed workshop, remote contribution."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.errors import NotAllowed, UserError
from essdash.models import MapFeature
from essdash.readmodel.scope import workshop_scope_by_id
from essdash.workshop import console, moderation
from essdash.workshop.activities.mapping import export, geometry, queries, service
from essdash.workshop.activities.mapping.service import Description


def _site(pid: int, lon: float = 2.01, lat: float = 46.01, **kw) -> int:
    with write_session() as s:
        return service.add_site(s, participant_id=pid, lon=lon, lat=lat, **kw).id


def test_site_gets_structure_label_and_commune(live_world, sign_up):
    pid = sign_up("A", structure_name="Coop", actor_type="ess", ess_family="cooperative")
    fid = _site(pid, lon=2.07, lat=46.02)  # inside the second square
    with read_session() as s:
        (view,) = queries.visible_features(s, live_world.workshop_id)
    assert (view.id, view.label, view.family, view.commune_code) == (
        fid,
        "Coop",
        "cooperative",
        "99002",
    )
    assert view.actor_type == "ess"


def test_site_in_commune_uses_its_centre_and_refuses_outsiders(live_world, sign_up):
    pid = sign_up("A")
    with write_session() as s:
        f = service.add_site_in_commune(s, participant_id=pid, commune_code="99003")
        assert json.loads(f.geometry)["coordinates"] == [2.125, 46.025]
        assert f.commune_code == "99003"
    with write_session() as s, pytest.raises(UserError, match="Commune"):
        service.add_site_in_commune(s, participant_id=pid, commune_code="75056")


def test_nobody_edits_or_deletes_someone_elses_feature(live_world, sign_up):
    owner, other = sign_up("Owner"), sign_up("Other")
    fid = _site(owner)
    actions = [
        lambda s: service.move_site(s, participant_id=other, feature_id=fid, lon=2.0, lat=46.0),
        lambda s: service.describe(
            s, participant_id=other, feature_id=fid, description=Description("pirate")
        ),
        lambda s: service.delete_feature(s, participant_id=other, feature_id=fid),
        lambda s: service.add_radius_zone(s, participant_id=other, site_id=fid, radius_m=1000),
    ]
    for action in actions:
        with write_session() as s, pytest.raises(NotAllowed, match="vos propres"):
            action(s)
    with read_session() as s:
        f = s.get(MapFeature, fid)
        assert (f.participant_id, f.label, json.loads(f.geometry)["coordinates"]) == (
            owner,
            "Owner",
            [2.01, 46.01],
        )


def test_owner_moves_describes_and_deletes(live_world, sign_up):
    pid = sign_up("A")
    fid = _site(pid)
    with write_session() as s:
        service.move_site(s, participant_id=pid, feature_id=fid, lon=2.12, lat=46.03)
        service.describe(
            s,
            participant_id=pid,
            feature_id=fid,
            description=Description("Épicerie", "association", "Alimentation", "Vrac"),
        )
    with read_session() as s:
        (view,) = queries.own_features(s, pid)
    assert (view.label, view.sector, view.offer, view.commune_code) == (
        "Épicerie",
        "Alimentation",
        "Vrac",
        "99003",
    )
    with write_session() as s:
        service.delete_feature(s, participant_id=pid, feature_id=fid)
    with read_session() as s:
        assert queries.own_features(s, pid) == []


def test_radius_zone_is_a_polygon_that_follows_its_site(live_world, sign_up):
    pid = sign_up("A")
    fid = _site(pid, lon=2.0, lat=46.0)
    with write_session() as s:
        zone = service.add_radius_zone(s, participant_id=pid, site_id=fid, radius_m=5000)
        zone_id = zone.id
        ring = json.loads(zone.geometry)["coordinates"][0]
    assert zone.radius_m == 5000 and ring[0] == ring[-1]
    assert all(abs(geometry.distance_m(2.0, 46.0, x, y) - 5000) < 5 for x, y in ring)
    with write_session() as s:
        service.move_site(s, participant_id=pid, feature_id=fid, lon=2.1, lat=46.0)
    with read_session() as s:
        moved = json.loads(s.get(MapFeature, zone_id).geometry)["coordinates"][0]
    assert all(abs(geometry.distance_m(2.1, 46.0, x, y) - 5000) < 5 for x, y in moved)
    with write_session() as s:
        service.delete_feature(s, participant_id=pid, feature_id=fid)
    with read_session() as s:
        assert s.get(MapFeature, zone_id) is None  # a radius zone without its site means nothing


def test_drawn_polygon_is_closed_and_validated(live_world, sign_up):
    pid = sign_up("A")
    drawn = {"type": "Polygon", "coordinates": [[[2.0, 46.0], [2.1, 46.0], [2.1, 46.1]]]}
    with write_session() as s:
        zone = service.add_zone(s, participant_id=pid, geometry=drawn)
        assert json.loads(zone.geometry)["coordinates"][0][-1] == [2.0, 46.0]
        assert zone.radius_m is None
    for bad in (
        {"type": "Point", "coordinates": [2, 46]},
        {"type": "Polygon", "coordinates": [[[2, 46], [2, 46], [2.1, 46]]]},
        {"type": "Polygon", "coordinates": [[[2, 46], [200, 46], [2.1, 46.1]]]},
    ):
        with write_session() as s, pytest.raises(UserError, match=r"Zone|Position"):
            service.add_zone(s, participant_id=pid, geometry=bad)


@pytest.mark.parametrize("radius", [0, 50, 150_000, float("nan")])
def test_radius_out_of_range(live_world, sign_up, radius):
    pid = sign_up("A")
    fid = _site(pid)
    with write_session() as s, pytest.raises(UserError, match="Rayon"):
        service.add_radius_zone(s, participant_id=pid, site_id=fid, radius_m=radius)


def test_hidden_features_leave_every_view_and_export_and_come_back(live_world, sign_up):
    pid = sign_up("A")
    fid = _site(pid)
    with write_session() as s:
        moderation.hide(s, workshop_id=live_world.workshop_id, kind="feature", item_id=fid)
    with read_session() as s:
        assert queries.visible_features(s, live_world.workshop_id) == []
        assert queries.own_features(s, pid) == []
        assert export.sites(s, workshop_scope_by_id(s, workshop_id=live_world.workshop_id)).empty
        assert [h.id for h in moderation.hidden_items(s, workshop_id=live_world.workshop_id)] == [
            fid
        ]
    with write_session() as s, pytest.raises(UserError, match="n'existe plus"):
        service.delete_feature(s, participant_id=pid, feature_id=fid)
    with write_session() as s:
        moderation.restore(s, workshop_id=live_world.workshop_id, kind="feature", item_id=fid)
    with read_session() as s:
        assert (
            len(export.sites(s, workshop_scope_by_id(s, workshop_id=live_world.workshop_id))) == 1
        )


def test_remote_contribution_until_contributions_close(live_world, sign_up):
    pid = sign_up("A")
    with write_session() as s:
        console.set_status(s, workshop_id=live_world.workshop_id, status="closed")
        # remote contributions are an explicit choice (off by default)
        console.set_contributions_open(s, workshop_id=live_world.workshop_id, value=True)
    _site(pid)  # after the workshop, the same link still adds to the map
    with write_session() as s:
        console.set_contributions_open(s, workshop_id=live_world.workshop_id, value=False)
    with write_session() as s, pytest.raises(NotAllowed, match="contributions"):
        service.add_site(s, participant_id=pid, lon=2.0, lat=46.0)
    with write_session() as s:  # the facilitator may still type in what came by phone
        f = service.add_site(s, participant_id=pid, lon=2.0, lat=46.0, on_behalf=True)
        assert f.on_behalf
    with write_session() as s:
        console.set_status(s, workshop_id=live_world.workshop_id, status="archived")
    with write_session() as s, pytest.raises(NotAllowed, match="archivé"):
        service.add_site(s, participant_id=pid, lon=2.0, lat=46.0, on_behalf=True)


def test_many_people_pinning_at_once_lose_nothing(live_world, sign_up):
    people = [sign_up(f"P{i}") for i in range(20)]

    def pin(pid: int) -> None:
        for k in range(5):
            with write_session() as s:
                service.add_site(s, participant_id=pid, lon=2.0 + k / 100, lat=46.0)

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(pin, people))
    with read_session() as s:
        assert s.scalar(select(func.count(MapFeature.id))) == 100
        per_person = {p: len(queries.own_features(s, p)) for p in people}
    assert set(per_person.values()) == {5}


def test_export_sheets_give_sites_and_zones_in_kilometres(live_world, sign_up):
    """The map's one export (two workbook sheets): a site's position, a zone's radius in km."""
    pid = sign_up("A", structure_name="Asso", actor_type="ess", ess_family="association")
    fid = _site(pid)
    with write_session() as s:
        service.add_radius_zone(s, participant_id=pid, site_id=fid, radius_m=2000)
    with read_session() as s:
        scope = workshop_scope_by_id(s, workshop_id=live_world.workshop_id)
        sites, zones = export.sites(s, scope), export.zones(s, scope)
    assert sites["Structure"].tolist() == ["Asso"]
    assert sites["Longitude"].tolist()[0] == 2.01
    assert zones["Rayon (km)"].tolist() == [2.0]
    assert zones["Géométrie (WKT, WGS 84)"].tolist()[0].startswith("POLYGON")
    assert "Rayon (m)" not in zones.columns


def test_the_same_form_sent_twice_gives_one_feature(live_world, sign_up):
    pid = sign_up("A")
    first = _site(pid, client_request_id="tap-1")
    again = _site(pid, client_request_id="tap-1")
    other = _site(pid, client_request_id="tap-2")
    with write_session() as s:
        site_zone = service.add_radius_zone(
            s, participant_id=pid, site_id=first, radius_m=2000, client_request_id="r-1"
        ).id
        site_zone_again = service.add_radius_zone(
            s, participant_id=pid, site_id=first, radius_m=2000, client_request_id="r-1"
        ).id
    assert first == again and other != first and site_zone == site_zone_again
    with read_session() as s:
        count = s.scalar(select(func.count(MapFeature.id)).where(MapFeature.participant_id == pid))
    assert count == 3
