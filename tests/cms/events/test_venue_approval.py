"""Venue approval: one rule (only administrators approve) and one service, whichever door
is used — the API's approve endpoint or the "approved" box of the venue snippet in the
Wagtail admin — and each approval is one audit entry in the admin's site history."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.events import services
from cms.events.models import Venue
from community.accounts.roles import Role
from config.errors import NotPermitted
from tests.audit import assert_audited, assert_in_site_history, audit_entries

pytestmark = pytest.mark.django_db

APPROVED = "medellin.venue_approve"


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER)


@pytest.fixture
def venue_editor(make_user):
    """Staff who may edit venues in the admin (a group holding the snippet's permissions)
    but are not administrators."""
    group = Group.objects.create(name="Venue editors")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["events", "wagtailadmin"],
            codename__in=["access_admin", "add_venue", "change_venue", "view_venue"],
        )
    )
    user = make_user(Role.MEMBER)
    user.groups.add(group)
    return user


def propose(organizer, name="Casa Nueva") -> Venue:
    return services.venue_propose(
        user=organizer, data={"name": name, "address": "Cra 70 #1-2", "area": "laureles"}
    )


def snippet_form(venue: Venue, *, approved: bool) -> dict:
    form = {
        "name": venue.name, "address": venue.address, "area": venue.area, "capacity": "",
        "facilities": "[]", "amenities": "[]", "accessibility_info": "", "parking_info": "",
        "transit_info": "", "latitude": "", "longitude": "",
    }  # fmt: skip
    if approved:
        form["is_approved"] = "on"
    return form


def approve_in_the_api(client, user, venue):
    client.force_login(user)
    return client.post(f"/api/v1/events/venues/{venue.pk}/approve/")


def approve_in_the_admin(client, user, venue):
    client.force_login(user)
    url = reverse("wagtailsnippets_events_venue:edit", args=[venue.pk])
    return client.post(url, snippet_form(venue, approved=True))


DOORS = [approve_in_the_api, approve_in_the_admin]


@pytest.mark.parametrize("door", DOORS, ids=["api", "admin"])
def test_only_administrators_approve_whichever_door(client, venue_editor, organizer, door):
    venue = propose(organizer)
    response = door(client, venue_editor, venue)
    # the API refuses; the admin saves the details but its box is read-only for them
    assert response.status_code in (302, 403)
    assert not Venue.objects.get(pk=venue.pk).is_approved
    assert not audit_entries(venue, APPROVED).exists()
    assert not organizer.platform_notifications.filter(type_code="events.venue_approved").exists()
    with pytest.raises(NotPermitted):
        services.venue_approve(venue=venue, by=venue_editor)


@pytest.mark.parametrize("door", DOORS, ids=["api", "admin"])
def test_an_administrators_approval_is_one_audit_entry_and_one_notice(
    client, admin_user, organizer, door
):
    venue = propose(organizer)
    assert door(client, admin_user, venue).status_code in (200, 302)
    assert Venue.objects.get(pk=venue.pk).is_approved
    entry = assert_audited(venue, APPROVED, user=admin_user, proposed_by=organizer.pk)
    notices = organizer.platform_notifications.filter(type_code="events.venue_approved")
    assert notices.count() == 1
    # approving again, through either door, changes and records nothing
    for again in DOORS:
        again(client, admin_user, venue)
    assert audit_entries(venue, APPROVED).count() == 1 and notices.count() == 1
    assert_in_site_history(client, admin_user, entry, es="Sede aprobada", en="Venue approved")


def test_unticking_the_box_withdraws_the_approval_through_the_service(
    client, admin_user, organizer
):
    venue = propose(organizer)
    services.venue_approve(venue=venue, by=admin_user)
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_events_venue:edit", args=[venue.pk])
    assert client.post(url, snippet_form(venue, approved=False)).status_code == 302
    assert not Venue.objects.get(pk=venue.pk).is_approved
    entry = assert_audited(venue, "medellin.venue_unapprove", user=admin_user)
    assert_in_site_history(
        client,
        admin_user,
        entry,
        es="Aprobación de la sede retirada",
        en="Venue approval withdrawn",
    )


def test_a_venue_created_approved_in_the_admin_or_by_an_admin_is_recorded(
    client, admin_user, organizer
):
    client.force_login(admin_user)
    form = snippet_form(Venue(name="Ruta N", address="Calle 67 #52-20", area="robledo"),
                        approved=True)  # fmt: skip
    assert client.post(reverse("wagtailsnippets_events_venue:add"), form).status_code == 302
    created = Venue.objects.get(name="Ruta N")
    assert created.is_approved
    assert_audited(created, APPROVED, user=admin_user)

    own = services.venue_propose(
        user=admin_user, data={"name": "Parque Explora", "address": "Cra 52", "area": "robledo"}
    )
    assert own.is_approved
    assert_audited(own, APPROVED, user=admin_user, proposed_by=admin_user.pk)
