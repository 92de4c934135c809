"""The WhatsApp channel against a local server that speaks the Cloud API protocol: the path,
bearer token and JSON body it sends; retries on failure; skipped without a number or
opt-in; available only when configured."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django_q.models import Schedule

from community.accounts.roles import Role
from community.accounts.services import profile_update
from community.notifications.channels import supported_channels
from community.notifications.forms import PreferencesForm
from community.notifications.models import Delivery
from community.notifications.selectors import preference_matrix
from community.notifications.services import notify, preferences_update
from config.errors import ValidationFailed

pytestmark = pytest.mark.django_db
ROLE = "account.role_changed"
TOKEN = "test-access-token"
PHONE_ID = "109876543210"


class FakeCloudAPI:
    """A tiny WhatsApp Cloud API: records each request, answers with `status`."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                api.requests.append(
                    {
                        "path": self.path,
                        "authorization": self.headers.get("Authorization"),
                        "content_type": self.headers.get("Content-Type"),
                        "body": json.loads(self.rfile.read(length) or b"{}"),
                    }
                )
                if api.status == 200:
                    reply = {
                        "messaging_product": "whatsapp",
                        "contacts": [{"input": "x", "wa_id": "x"}],
                        "messages": [{"id": "wamid.TEST"}],
                    }
                else:
                    reply = {"error": {"message": "Internal error", "code": 1}}
                payload = json.dumps(reply).encode()
                self.send_response(api.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cloud_api():
    with (
        FakeCloudAPI() as api,
        override_settings(
            WHATSAPP_API_BASE_URL=api.url + "/",
            WHATSAPP_API_VERSION="v21.0",
            WHATSAPP_ACCESS_TOKEN=TOKEN,
            WHATSAPP_PHONE_NUMBER_ID=PHONE_ID,
        ),
    ):
        yield api


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


def _whatsapp_member(make_user, *, phone="+573001234567", opted_in=True):
    user = make_user(Role.MEMBER, first_name="Camila", last_name="Zapata")
    if phone:
        profile_update(
            profile=user.profile,
            actor=user,
            data={
                "phone_number": phone,
                "contact_preferences": {"email": True, "whatsapp": opted_in},
            },
        )
    preferences_update(user=user, changes=[{"type": ROLE, "channel": "whatsapp", "enabled": True}])
    return user


def _whatsapp_delivery(notification) -> Delivery:
    return notification.deliveries.get(channel="whatsapp")


def test_sends_the_cloud_api_request(cloud_api, make_user, run_tasks):
    member = _whatsapp_member(make_user)
    notification = run_tasks(
        notify, recipient=member, type_code=ROLE, context={"role": "Organizador"}, url="/es/x/"
    )
    delivery = _whatsapp_delivery(notification)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 1, "")
    [request] = cloud_api.requests
    assert request["path"] == f"/v21.0/{PHONE_ID}/messages"
    assert request["authorization"] == f"Bearer {TOKEN}"
    assert request["content_type"] == "application/json"
    body = request["body"]
    assert {k: body[k] for k in ("messaging_product", "to", "type")} == {
        "messaging_product": "whatsapp",
        "to": "573001234567",
        "type": "text",
    }
    assert set(body) == {"messaging_product", "to", "type", "text"}
    text = body["text"]["body"]
    assert "Tu rol ahora es Organizador" in text  # in the member's language (es)
    assert text.endswith("http://testserver/es/x/")


def test_a_server_error_fails_the_delivery_and_schedules_a_retry(cloud_api, make_user, run_tasks):
    cloud_api.status = 500
    member = _whatsapp_member(make_user)
    notification = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    delivery = _whatsapp_delivery(notification)
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "500" in delivery.last_error
    retry = Schedule.objects.get(name__startswith=f"notification-delivery-{delivery.pk}-retry")
    assert retry.func == "community.notifications.tasks.delivery_send"
    assert retry.args == str(delivery.pk)
    # the retry, once the API is back, sends it exactly once
    from community.notifications.services import delivery_send

    cloud_api.status = 200
    assert delivery_send(delivery_id=delivery.pk) == "sent"
    assert delivery_send(delivery_id=delivery.pk) == "sent"
    assert len(cloud_api.requests) == 2  # the failed attempt and the successful retry


def test_no_phone_number_is_skipped_not_failed(cloud_api, make_user, run_tasks):
    member = _whatsapp_member(make_user, phone="")
    notification = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    delivery = _whatsapp_delivery(notification)
    assert delivery.status == Delivery.Status.SKIPPED
    assert "mobile number" in delivery.last_error
    assert cloud_api.requests == []
    assert not Schedule.objects.filter(name__startswith="notification-delivery-").exists()


def test_not_opted_in_is_skipped(cloud_api, make_user, run_tasks):
    member = _whatsapp_member(make_user, opted_in=False)
    notification = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    assert _whatsapp_delivery(notification).status == Delivery.Status.SKIPPED
    assert cloud_api.requests == []


def test_whatsapp_goes_out_at_once_even_if_a_digest_was_chosen(cloud_api, make_user, run_tasks):
    member = _whatsapp_member(make_user)
    preferences_update(
        user=member,
        changes=[{"type": ROLE, "channel": "whatsapp", "enabled": True, "frequency": "daily"}],
    )
    notification = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    delivery = _whatsapp_delivery(notification)
    assert (delivery.frequency, delivery.status) == ("immediate", "sent")


def test_unconfigured_whatsapp_is_not_offered_nor_delivered(make_user, run_tasks, client):
    assert supported_channels() == ("in_app", "email")
    member = _whatsapp_member(make_user)
    notification = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    assert set(notification.deliveries.values_list("channel", flat=True)) == {"in_app", "email"}
    form = PreferencesForm(matrix=preference_matrix(user=member))
    assert form.fields[f"on__{ROLE}__whatsapp"].disabled
    client.force_login(member)
    page = client.get("/es/dashboard/settings/").content.decode()
    assert "(no conectado)" in page
    assert "Número de celular" not in client.get("/es/dashboard/profile/").content.decode()


def test_configured_whatsapp_is_offered(cloud_api, member, client):
    assert supported_channels() == ("in_app", "email", "whatsapp")
    form = PreferencesForm(matrix=preference_matrix(user=member))
    assert not form.fields[f"on__{ROLE}__whatsapp"].disabled
    client.force_login(member)
    assert "(no conectado)" not in client.get("/es/dashboard/settings/").content.decode()
    response = client.post(
        "/es/dashboard/profile/",
        {
            "profile_type": "personal",
            "preferred_language": "es",
            "directory_visible": "on",
            "phone_number": "+57 (300) 123-4567",
            "whatsapp": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.profile.refresh_from_db()
    assert member.profile.phone_number == "+573001234567"
    assert member.profile.contact_preferences["whatsapp"] is True


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"contact_preferences": {"whatsapp": True}}, "phone_number"),
        ({"phone_number": "3001234567"}, "phone_number"),
        ({"phone_number": "+57 300"}, "phone_number"),
    ],
)
def test_whatsapp_needs_a_valid_international_number(member, data, field):
    with pytest.raises(ValidationFailed) as excinfo:
        profile_update(profile=member.profile, actor=member, data=data)
    assert field in excinfo.value.fields


def test_the_api_normalizes_the_number_and_never_shows_it_to_others(api_client, member, make_user):
    api_client.force_authenticate(member)
    response = api_client.patch(
        "/api/v1/me/",
        {"phone_number": "0057 300 123 4567", "contact_preferences": {"whatsapp": True}},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["profile"]["phone_number"] == "+573001234567"
    other = make_user(Role.MEMBER)
    api_client.force_authenticate(other)
    body = api_client.get(f"/api/v1/members/{member.pk}/").json()
    assert "phone_number" not in body and "573001234567" not in json.dumps(body)
