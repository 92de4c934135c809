"""The organizer's dashboard on the site: the wizard step by step, drafts, review and
submit, the lists of events and submissions, and who may see what."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.events import services
from cms.events.factories import make_event, make_venue
from cms.events.models import EventSubmission
from community.accounts.roles import Role

from .test_submissions import _local, complete, details

pytestmark = pytest.mark.django_db


def url(name, *args):
    with translation.override("en"):
        return reverse(f"events_dashboard:{name}", args=args)


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER)


def _post_step(client, submission, step, data):
    return client.post(url("step", submission.pk, step), data)


def test_the_wizard_walks_every_step_and_sends_for_review(
    client, indexes, organizer, django_capture_on_commit_callbacks
):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    venue = make_venue()
    client.force_login(organizer)
    response = client.post(url("submission_new"), {**details(), "categories": []})
    submission = EventSubmission.objects.get(organizer=organizer)
    assert response.status_code == 302 and response["Location"] == url(
        "step", submission.pk, "place"
    )

    # a step that fails shows its errors and keeps what was typed
    response = _post_step(client, submission, "place", {"event_format": "online", "online_url": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["online_url"]
    response = _post_step(
        client, submission, "place", {"event_format": "in_person", "venue": venue.pk}
    )
    assert response["Location"] == url("step", submission.pk, "media")

    buffer = BytesIO()
    Image.new("RGB", (64, 36), "teal").save(buffer, "PNG")
    upload = SimpleUploadedFile("cartel.png", buffer.getvalue(), content_type="image/png")
    response = _post_step(client, submission, "media", {"image": upload, "image_alt": ""})
    assert response.status_code == 200 and response.context["form"].errors["image_alt"]
    upload.seek(0)
    response = _post_step(
        client, submission, "media", {"image": upload, "image_alt": "Cartel del taller"}
    )
    assert response["Location"] == url("step", submission.pk, "agenda")
    submission.refresh_from_db()
    assert submission.image.description == "Cartel del taller"

    agenda = {
        "sessions-TOTAL_FORMS": "3", "sessions-INITIAL_FORMS": "0",
        "sessions-0-title": "Charla", "sessions-0-start": _local(10, 18),
        "sessions-0-end": _local(10, 19), "sessions-0-speakers": "Ana",
        "sessions-1-title": "", "sessions-2-title": "",
    }  # fmt: skip
    response = _post_step(client, submission, "agenda", {**agenda, "save_draft": "1"})
    assert response["Location"] == url("step", submission.pk, "agenda")  # stays: a draft
    page = client.get(url("step", submission.pk, "agenda"))
    assert page.context["formset"].forms[0].initial["title"] == "Charla"

    questions = {
        "capacity": "30", "questions-TOTAL_FORMS": "2", "questions-INITIAL_FORMS": "0",
        "questions-0-label": "Empresa", "questions-0-kind": "text",
        "questions-1-label": "", "questions-1-kind": "text",
    }  # fmt: skip
    response = _post_step(client, submission, "requirements", questions)
    assert response["Location"] == url("step", submission.pk, "review")
    review = client.get(url("step", submission.pk, "review"))
    assert review.context["can_submit"] is True
    assert b"Cartel del taller" in review.content or review.context["submission"].image

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("submit", submission.pk))
    assert response["Location"] == url("submissions")
    submission.refresh_from_db()
    assert submission.status == "pending"
    assert submission.page.get_latest_revision_as_object().capacity == 30
    reached = set(submission.steps_reached.values_list("step", flat=True))
    assert reached == {"details", "place", "media", "agenda", "requirements", "review", "submitted"}

    listing = client.get(url("submissions"))
    assert submission in listing.context["submissions"]
    # while pending, the steps are read-only
    response = _post_step(client, submission, "details", details(title="Otro"))
    submission.refresh_from_db()
    assert submission.title == "Taller de agentes con LLM"


def test_review_lists_the_steps_still_missing(client, organizer):
    client.force_login(organizer)
    submission = services.submission_create(user=organizer, data={"details": details()})
    review = client.get(url("step", submission.pk, "review"))
    assert review.context["can_submit"] is False
    assert [p["url"] for p in review.context["problem_steps"]] == [
        url("step", submission.pk, "place")
    ]
    response = client.post(url("submit", submission.pk))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "draft"


def test_rejected_submissions_show_the_moderators_feedback(client, organizer):
    submission = services.submission_create(user=organizer, data={"details": details()})
    EventSubmission.objects.filter(pk=submission.pk).update(
        status="rejected", admin_feedback="Añade la agenda"
    )
    client.force_login(organizer)
    listing = client.get(url("submissions") + "?status=rejected")
    assert "Añade la agenda" in listing.content.decode()
    review = client.get(url("step", submission.pk, "review"))
    assert "Añade la agenda" in review.content.decode()


def test_my_events_lists_only_events_i_organize(client, index, organizer, make_user):
    other = make_user(Role.ORGANIZER)
    make_event(index, organizer=organizer, title="Mío")
    co = make_event(index, organizer=other, title="Compartido")
    co.co_organizers = [organizer]
    co.save_revision().publish()
    make_event(index, organizer=other, title="Ajeno")
    client.force_login(organizer)
    response = client.get(url("events"))
    assert {e.title for e in response.context["events"]} == {"Mío", "Compartido"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (Role.ATTENDEE, 403),
        (Role.MEMBER, 403),
        (Role.ORGANIZER, 200),
        (Role.ADMIN, 200),
    ],
)
def test_who_may_open_the_organizer_pages(client, make_user, role, expected):
    if role is not None:
        client.force_login(make_user(role))
    for name in ("events", "submissions", "submission_new", "venue_propose"):
        assert client.get(url(name)).status_code == expected, name


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.ADMIN, "moderator"])
def test_nobody_opens_or_changes_another_organizers_submission(client, make_user, organizer, role):
    submission = services.submission_create(user=organizer, data={"details": details()})
    client.force_login(make_user(role))
    expected = 403 if role == "moderator" else 404  # moderators are not organizers
    for step in ("details", "place", "review"):
        assert client.get(url("step", submission.pk, step)).status_code == expected
    assert (
        client.post(url("step", submission.pk, "details"), details(title="X")).status_code
        == expected
    )
    assert client.post(url("submit", submission.pk)).status_code == expected
    submission.refresh_from_db()
    assert submission.title == "Taller de agentes con LLM" and submission.status == "draft"


def test_proposing_a_venue_returns_to_the_wizard(client, organizer):
    client.force_login(organizer)
    submission = services.submission_create(user=organizer)
    back = url("step", submission.pk, "place")
    response = client.post(
        url("venue_propose"),
        {"name": "Casa Laureles", "address": "Cra 70 #44-10", "area": "laureles", "next": back},
    )
    assert response["Location"] == back
    place = client.get(back)
    assert "Casa Laureles" in place.content.decode()


def test_a_complete_submission_fixture_is_valid(organizer):
    submission = services.submission_create(user=organizer, data=complete(make_venue()))
    assert services.submission_problems(submission) == {}
