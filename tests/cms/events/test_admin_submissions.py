"""The Wagtail admin side of submissions: organizers edit only the events they own,
moderators read every submission and the wizard's funnel, approving a proposed venue tells
the organizer who proposed it."""

import pytest
from django.urls import reverse

from cms.events import services
from cms.events.factories import make_event
from cms.events.models import Venue
from community.accounts.roles import Role

from .test_submissions import details

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER)


def test_organizers_edit_their_own_events_and_see_only_those(client, index, organizer, make_user):
    mine = make_event(index, organizer=organizer, owner=organizer, title="Mi taller")
    theirs = make_event(index, owner=make_user(Role.ORGANIZER), title="Taller ajeno")
    client.force_login(organizer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[mine.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk]))
    assert response.status_code in (302, 403)
    listing = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert "Mi taller" in listing and "Taller ajeno" not in listing
    # they may create events under the index, never publish
    assert (
        client.get(
            reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
        ).status_code
        == 200
    )
    assert not mine.permissions_for_user(organizer).can_publish()


def test_moderators_read_submissions_and_the_funnel_members_do_not(client, make_user, organizer):
    submission = services.submission_create(user=organizer, data={"details": details()})
    services.submission_record_step(submission=submission, step="place")
    moderator = make_user("moderator")
    client.force_login(moderator)
    listing = client.get(reverse("wagtailsnippets_events_eventsubmission:list"))
    assert listing.status_code == 200 and "Taller de agentes con LLM" in listing.content.decode()
    inspect = client.get(
        reverse("wagtailsnippets_events_eventsubmission:inspect", args=[submission.pk])
    )
    assert inspect.status_code == 200
    funnel = client.get(reverse("events_funnel"))
    assert funnel.status_code == 200
    counts = {row["step"]: row["count"] for row in funnel.context["rows"]}
    assert counts["details"] == 1 and counts["place"] == 1 and counts["submitted"] == 0
    assert [row["dropped"] for row in funnel.context["rows"]][:2] == [0, 1]

    client.force_login(organizer)
    assert client.get(reverse("events_funnel")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_events_eventsubmission:list")).status_code in (
        302,
        403,
    )


def test_approving_a_proposed_venue_in_the_admin_tells_the_proposer(client, admin_user, organizer):
    venue = services.venue_propose(
        user=organizer, data={"name": "Casa Nueva", "address": "Cra 70 #1-2", "area": "laureles"}
    )
    client.force_login(admin_user)
    form = {
        "name": venue.name, "address": venue.address, "area": venue.area, "capacity": "",
        "facilities": "[]", "amenities": "[]", "accessibility_info": "", "parking_info": "",
        "transit_info": "", "latitude": "", "longitude": "", "is_approved": "on",
    }  # fmt: skip
    response = client.post(reverse("wagtailsnippets_events_venue:edit", args=[venue.pk]), form)
    assert response.status_code == 302
    assert Venue.objects.get(pk=venue.pk).is_approved
    assert organizer.platform_notifications.filter(type_code="events.venue_approved").count() == 1
    client.post(reverse("wagtailsnippets_events_venue:edit", args=[venue.pk]), form)
    assert organizer.platform_notifications.filter(type_code="events.venue_approved").count() == 1
