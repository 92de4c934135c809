"""The organizer's event submissions through the API: the same rules as the site's wizard
(the services), answered in the API's error shape."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cms.events.factories import make_event, make_venue
from cms.events.models import EventSubmission, Venue
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db

URL = "/api/v1/events/submissions/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}  # the API answers in the request's language


def _local(days: float, hour: int = 18) -> str:
    day = (timezone.now() + timedelta(days=days)).date()
    return f"{day.isoformat()}T{hour:02d}:00"


def details(**changes) -> dict:
    return {
        "title": "Taller de agentes con LLM",
        "summary": "Construimos un agente paso a paso.",
        "description": "Primera parte.\n\nSegunda parte.",
        "categories": [],
        "tags": "taller, agentes",
        "language": "es",
        "time_zone": "America/Bogota",
        "start": _local(10, 18),
        "end": _local(10, 21),
        **changes,
    }


def _png(name="cartel.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER)


@pytest.fixture
def venue():
    return make_venue(name="Ruta N")


@pytest.fixture
def client(api_client, organizer):
    api_client.force_authenticate(organizer)
    return api_client


def _create(client, **body):
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


class TestDrafts:
    def test_create_with_sections_then_save_steps_all_or_nothing(self, client, venue):
        created = _create(client, language="es", sections={"details": details()})
        assert created["status"] == "draft" and created["language"] == "es"
        assert created["title"] == "Taller de agentes con LLM"
        assert created["sections"]["details"]["tags"] == "taller, agentes"
        saved = {step["code"]: step["saved"] for step in created["steps"]}
        assert saved == {"details": True, "place": False, "media": False, "agenda": False,
                         "requirements": False}  # fmt: skip
        assert set(created["problems"]) == {"place"}
        url = f"{URL}{created['id']}/"

        bad = {
            "details": details(title="Nuevo título"),
            "place": {"event_format": "hybrid", "venue": None, "online_url": "nope"},
            "agenda": {"sessions": [{"title": "Fuera", "start": _local(12, 9),
                                     "end": _local(12, 10)}]},
        }  # fmt: skip
        response = client.patch(url, {"sections": bad}, format="json", **EN)
        assert response.status_code == 400, response.content
        error = response.json()["error"]
        assert error["code"] == "invalid" and "nothing was saved" in error["message"]
        assert set(error["fields"]) == {"place", "agenda"}
        assert set(error["fields"]["place"]) == {"venue", "online_url"}
        assert "between the event's start" in error["fields"]["agenda"]["sessions"][0]["start"][0]
        assert EventSubmission.objects.get(pk=created["id"]).title == "Taller de agentes con LLM"

        place = {"event_format": "in_person", "venue": venue.pk}
        response = client.patch(url, {"sections": {"place": place}}, format="json")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["sections"]["place"] == {**place, "online_url": ""}
        assert body["problems"] == {}

    def test_problems_say_what_blocks_submitting_by_step(self, client):
        created = _create(client)
        assert created["language"] == "es"  # the request's language
        body = client.get(f"{URL}{created['id']}/", **EN).json()
        assert body["problems"]["details"] == {"non_field_errors": ["Complete this step."]}
        assert set(body["problems"]) == {"details", "place"}
        labels = {step["code"]: step["label"] for step in body["steps"]}
        assert labels["place"] == "Place or online"

    def test_unknown_sections_and_wrong_shapes_are_refused(self, client):
        url = f"{URL}{_create(client)['id']}/"
        response = client.patch(url, {"sections": {"venue": {}}}, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "unknown_section"
        response = client.patch(url, {"sections": {"details": "texto"}}, format="json")
        assert response.status_code == 400
        assert "details" in response.json()["error"]["fields"]
        response = client.patch(url, {"sections": ["details"]}, format="json")
        assert response.status_code == 400
        assert "sections" in response.json()["error"]["fields"]

    def test_the_list_shows_only_the_callers_submissions_moderators_see_all(
        self, client, organizer, make_user
    ):
        mine = _create(client)
        other = make_user(Role.ORGANIZER)
        EventSubmission.objects.create(organizer=other, locale=EventSubmission.objects.get(
            pk=mine["id"]).locale, status="pending")  # fmt: skip
        assert [item["id"] for item in client.get(URL).json()["results"]] == [mine["id"]]

        moderator = make_user("moderator")
        client.force_authenticate(moderator)
        assert client.get(URL).json()["count"] == 2
        pending = client.get(URL, {"status": "pending"}).json()["results"]
        assert [item["organizer"] for item in pending] == [other.pk]
        assert client.get(URL, {"organizer": organizer.pk}).json()["count"] == 1
        assert client.get(URL, {"status": "nope"}).status_code == 400
        # moderators read any submission but only its organizer changes it
        assert client.get(f"{URL}{mine['id']}/").status_code == 200
        response = client.patch(f"{URL}{mine['id']}/", {"sections": {}}, format="json")
        assert response.status_code == 403

    def test_foreign_submissions_are_not_found_and_members_are_refused(
        self, client, api_client, make_user
    ):
        foreign = EventSubmission.objects.create(organizer=make_user(Role.ORGANIZER), locale_id=1)
        assert client.get(f"{URL}{foreign.pk}/").status_code == 404
        assert client.post(f"{URL}{foreign.pk}/submit/").status_code == 404
        api_client.force_authenticate(make_user(Role.MEMBER))
        response = api_client.get(URL, **EN)
        assert response.status_code == 403
        assert "Only organizers" in response.json()["error"]["message"]
        api_client.force_authenticate(None)
        assert api_client.get(URL).status_code == 401


class TestReview:
    def test_submit_then_double_submit_then_withdraw(
        self, client, indexes, venue, django_capture_on_commit_callbacks
    ):
        created = _create(
            client,
            sections={
                "details": details(),
                "place": {"event_format": "in_person", "venue": venue.pk},
                "agenda": {"sessions": [{"title": "Bienvenida", "start": _local(10, 18),
                                         "end": _local(10, 19), "speakers": "Ana Gómez"}]},
            },
        )  # fmt: skip
        url = f"{URL}{created['id']}/"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{url}submit/")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == "pending" and body["submitted_at"]
        assert body["page"] and body["page_url"].startswith("/es/eventos/")
        submission = EventSubmission.objects.select_related("page").get(pk=created["id"])
        page = submission.page.specific
        assert not page.live and page.current_workflow_state is not None
        assert page.get_parent().pk == indexes["es"].pk

        response = client.post(f"{url}submit/")
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "under_review"
        response = client.patch(url, {"sections": {"details": details()}}, format="json")
        assert response.status_code == 409

        response = client.post(f"{url}withdraw/")
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "draft"
        page.refresh_from_db()
        assert page.current_workflow_state is None
        assert client.post(f"{url}withdraw/").status_code == 409

    def test_submit_refuses_an_incomplete_submission(self, client, indexes):
        created = _create(client)
        response = client.post(f"{URL}{created['id']}/submit/")
        assert response.status_code == 400
        assert set(response.json()["error"]["fields"]) == {"details", "place"}


class TestImage:
    def test_upload_needs_a_description(self, client):
        url = f"{URL}{_create(client)['id']}/image/"
        response = client.put(url, {"image": _png()}, format="multipart")
        assert response.status_code == 400
        assert "Describe la imagen" in response.json()["error"]["fields"]["image_alt"][0]

        response = client.put(url, {"image": _png(), "image_alt": "Un cartel rojo"},
                              format="multipart")  # fmt: skip
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["image"]["alt"] == "Un cartel rojo" and body["image"]["url"]
        assert body["sections"]["media"] == {"image_alt": "Un cartel rojo"}

        response = client.put(url, {"image_alt": "Sin archivo"}, format="multipart")
        assert response.status_code == 400
        assert "image" in response.json()["error"]["fields"]
        response = client.put(url, {"image_alt": "x"}, format="json")
        assert response.status_code == 415

    def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(self, client):
        """9,500 x 9,500 pixels in a 10 KB PNG: about 270 MB once decoded."""
        buffer = io.BytesIO()
        Image.new("1", (9500, 9500)).save(buffer, "PNG")
        huge = SimpleUploadedFile("bomba.png", buffer.getvalue(), content_type="image/png")
        url = f"{URL}{_create(client)['id']}/image/"
        response = client.put(url, {"image": huge, "image_alt": "Nada"}, format="multipart")
        assert response.status_code == 400
        assert "image" in response.json()["error"]["fields"]


class TestVenues:
    def test_a_proposal_is_visible_to_its_proposer_until_an_admin_approves_it(
        self, client, make_user, api_client
    ):
        approved = make_venue(name="Ruta N")
        response = client.post(
            "/api/v1/events/venues/",
            {"name": "Casa Cultural", "address": "Cra 70 #1-2", "area": "laureles",
             "facilities": ["Proyector"], "latitude": "6.25", "longitude": "-75.59"},
            format="json",
        )  # fmt: skip
        assert response.status_code == 201, response.content
        proposal = response.json()
        assert proposal["is_approved"] is False and proposal["mine"] is True
        names = [v["name"] for v in client.get("/api/v1/events/venues/").json()["results"]]
        assert names == ["Casa Cultural", approved.name]

        other = make_user(Role.ORGANIZER)
        api_client.force_authenticate(other)
        names = [v["name"] for v in api_client.get("/api/v1/events/venues/").json()["results"]]
        assert names == [approved.name]
        approve = f"/api/v1/events/venues/{proposal['id']}/approve/"
        assert api_client.post(approve).status_code == 403

        api_client.force_authenticate(make_user(Role.ADMIN))
        response = api_client.post(approve)
        assert response.status_code == 200 and response.json()["is_approved"] is True
        api_client.force_authenticate(other)
        assert api_client.get("/api/v1/events/venues/").json()["count"] == 2

    def test_invalid_proposals_answer_by_field(self, client):
        response = client.post(
            "/api/v1/events/venues/",
            {"name": "Sin coordenadas", "address": "x", "area": "centro", "latitude": "6"},
            format="json",
            **EN,
        )
        assert response.status_code == 400
        assert "latitude and longitude" in str(response.json()["error"]["fields"])
        assert not Venue.objects.filter(name="Sin coordenadas").exists()


class TestMine:
    def test_lists_only_the_callers_events_in_every_state_and_language(
        self, client, organizer, indexes, make_user
    ):
        published = make_event(indexes["es"], organizer=organizer)
        english = make_event(indexes["en"], organizer=organizer, publish=False, status="draft")
        co = make_event(indexes["es"], days=20)
        co.co_organizers = [organizer, make_user(Role.ORGANIZER)]
        co.save()
        make_event(indexes["es"], organizer=make_user(Role.ORGANIZER))

        body = client.get("/api/v1/events/mine/").json()
        assert body["count"] == 3
        by_id = {item["id"]: item for item in body["results"]}
        assert set(by_id) == {published.pk, english.pk, co.pk}
        assert by_id[english.pk]["locale"] == "en" and by_id[english.pk]["live"] is False
        assert by_id[published.pk]["url"].startswith("/es/eventos/")
        assert by_id[published.pk]["submission_status"] is None

    def test_only_organizers(self, api_client, make_user):
        api_client.force_authenticate(make_user(Role.MEMBER))
        assert api_client.get("/api/v1/events/mine/").status_code == 403
        admin = make_user(Role.ADMIN)
        api_client.force_authenticate(admin)
        assert api_client.get("/api/v1/events/mine/").json()["count"] == 0
