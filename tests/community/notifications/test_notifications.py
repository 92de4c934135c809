"""The notification service: channels by preference, digests, unsubscribe, languages,
retries without duplicates, and the in-app inbox."""

import re

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django_q.models import Schedule

from community.accounts.roles import Role
from community.notifications.models import Delivery, Notification, NotificationTemplate
from community.notifications.services import (
    delivery_send,
    digest_send,
    notify,
    preferences_update,
)
from community.notifications.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db
ROLE = "account.role_changed"
NEWS = "community.announcement"


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what services queue on commit (tasks run inline in tests)."""

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


def _deliveries(notification):
    return {d.channel: (d.status, d.frequency) for d in notification.deliveries.all()}


def test_defaults_send_in_app_and_email_immediately(member, run_tasks):
    n = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "Organizador"})
    assert _deliveries(n) == {"in_app": ("sent", "immediate"), "email": ("sent", "immediate")}
    assert n.title == "Tu rol ahora es Organizador"
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject == "[Medellín AI] Tu rol ahora es Organizador"


def test_turning_email_off_for_a_type_keeps_in_app(member, run_tasks):
    preferences_update(user=member, changes=[{"type": ROLE, "channel": "email", "enabled": False}])
    n = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    assert _deliveries(n) == {"in_app": ("sent", "immediate")}
    assert mail.outbox == []


def test_turning_in_app_off_sends_email_only_and_keeps_the_inbox_clean(member, run_tasks):
    preferences_update(user=member, changes=[{"type": ROLE, "channel": "in_app", "enabled": False}])
    n = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    assert _deliveries(n) == {"email": ("sent", "immediate")}
    assert n.archived_at is not None
    assert len(mail.outbox) == 1


def test_master_switch_silences_everything(member, run_tasks):
    preferences_update(user=member, changes=[], enabled=False)
    assert run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"}) is None
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_email_master_switch_keeps_in_app(member, run_tasks):
    preferences_update(user=member, changes=[], email_enabled=False)
    n = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    assert _deliveries(n) == {"in_app": ("sent", "immediate")}


def test_digests_collect_and_send_once(member, run_tasks):
    # announcements default to a weekly digest by email
    for title in ("Hackatón", "Meetup"):
        run_tasks(
            notify, recipient=member, type_code=NEWS, context={"title": title, "message": title}
        )
    assert mail.outbox == []
    assert Delivery.objects.filter(status="digest", frequency="weekly").count() == 2
    assert digest_send(frequency="daily") == 0
    assert digest_send(frequency="weekly") == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Hackatón" in body and "Meetup" in body
    assert mail.outbox[0].subject == "[Medellín AI] Tu resumen semanal"
    assert digest_send(frequency="weekly") == 0  # nothing sent twice
    assert len(mail.outbox) == 1
    assert Delivery.objects.filter(status="sent", channel="email").count() == 2


def test_daily_digest_by_preference(member, run_tasks):
    preferences_update(
        user=member,
        changes=[{"type": ROLE, "channel": "email", "enabled": True, "frequency": "daily"}],
    )
    run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    assert mail.outbox == []
    assert digest_send(frequency="daily") == 1


def test_the_digest_schedules_exist():
    names = set(Schedule.objects.values_list("func", flat=True))
    assert {
        "community.notifications.tasks.digest_send_daily",
        "community.notifications.tasks.digest_send_weekly",
    } <= names


def test_messages_go_in_the_recipients_language(make_user, run_tasks):
    english = make_user(Role.MEMBER)
    english.profile.preferred_language = "en"
    english.profile.save()
    n = run_tasks(notify, recipient=english, type_code=ROLE, context={"role": "Organizer"})
    assert n.title == "Your role is now Organizer"
    assert mail.outbox[0].subject == "[Medellín AI] Your role is now Organizer"
    assert "Stop these emails" in mail.outbox[0].body


def test_admin_templates_override_the_wording_per_language(member, run_tasks):
    NotificationTemplate.objects.create(
        type_code=ROLE, channel="email", language="es",
        subject="¡Felicitaciones, {name}!", body="Ahora eres {role}. {reason}",
    )  # fmt: skip
    member.first_name, member.last_name = "Valentina", ""
    member.save()
    run_tasks(
        notify,
        recipient=member,
        type_code=ROLE,
        context={"role": "Organizadora", "reason": "Gracias"},
    )
    assert mail.outbox[0].subject == "[Medellín AI] ¡Felicitaciones, Valentina!"
    assert "Ahora eres Organizadora. Gracias" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [
        ("Hola {nombre}", "ok", "subject"),  # unknown placeholder
        ("ok", "{name.__class__}", "body"),  # attribute access
        ("ok", "Hola {name", "body"),  # unbalanced brace
    ],
)
def test_templates_are_validated_when_saved(subject, body, field):
    template = NotificationTemplate(
        type_code=ROLE, channel="email", language="es", subject=subject, body=body
    )
    with pytest.raises(ValidationError) as excinfo:
        template.full_clean()
    assert field in excinfo.value.message_dict


def test_unsubscribe_link_works_without_login_and_cannot_be_forged(client, member, run_tasks):
    run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert link in mail.outbox[0].body
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200  # a confirmation page: scanners change nothing
    assert member.notification_preferences.count() == 0
    assert client.post(path).status_code == 200
    assert member.notification_preferences.get(type_code=ROLE, channel="email").enabled is False
    mail.outbox.clear()
    run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "y"})
    assert mail.outbox == []
    # a token for another user, altered by one character, is refused
    forged = path.replace(unsubscribe_token(member, ROLE)[:10], "A" * 10)
    assert client.post(forged).status_code == 400
    with pytest.raises(signing.BadSignature):
        signing.loads(unsubscribe_token(member, ROLE) + "x", salt="notifications.unsubscribe")


def test_unsubscribe_from_all_emails(client, member, run_tasks):
    token = unsubscribe_token(member, "*")
    assert client.post(f"/en/notifications/unsubscribe/{token}/").status_code == 200
    run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    run_tasks(notify, recipient=member, type_code=NEWS, context={"title": "t", "message": "m"})
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member).count() == 2  # still in the inbox


def test_a_failed_send_is_retried_and_never_duplicated(member, run_tasks, settings):
    # a real SMTP backend pointed at a closed port: the mail server is down
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    n = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "x"})
    delivery = n.deliveries.get(channel="email")
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "Connection" in delivery.last_error or "refused" in delivery.last_error.lower()
    retry = Schedule.objects.get(name__startswith=f"notification-delivery-{delivery.pk}-retry")
    assert retry.func == "community.notifications.tasks.delivery_send"
    # the mail server is back: the retry sends it, and further retries send nothing more
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery_send(delivery_id=delivery.pk) == "sent"
    assert delivery_send(delivery_id=delivery.pk) == "sent"
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)


def test_unknown_type_is_refused(member):
    with pytest.raises(LookupError):
        notify(recipient=member, type_code="nope.nothing")


class TestInbox:
    def test_bell_counts_unread_and_inbox_marks_read_and_archives(self, client, member, run_tasks):
        first = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "A"})
        run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "B"})
        client.force_login(member)
        home = client.get("/es/dashboard/").content.decode()
        assert 'data-unread="2"' in home
        inbox = client.get("/es/dashboard/notifications/").content.decode()
        assert "Tu rol ahora es A" in inbox and "Tu rol ahora es B" in inbox
        client.post("/es/dashboard/notifications/read/", {"id": first.pk})
        assert 'data-unread="1"' in client.get("/es/dashboard/").content.decode()
        client.post("/es/dashboard/notifications/read/")
        assert "data-unread" not in client.get("/es/dashboard/").content.decode()
        client.post(f"/es/dashboard/notifications/{first.pk}/archive/")
        assert (
            "Tu rol ahora es A" not in client.get("/es/dashboard/notifications/").content.decode()
        )
        assert (
            "Tu rol ahora es A"
            in client.get("/es/dashboard/notifications/?archived=1").content.decode()
        )

    def test_someone_elses_notification_is_404(self, client, member, make_user, run_tasks):
        other = run_tasks(
            notify, recipient=make_user(Role.MEMBER), type_code=ROLE, context={"role": "x"}
        )
        client.force_login(member)
        assert client.post(f"/es/dashboard/notifications/{other.pk}/archive/").status_code == 404
        client.post("/es/dashboard/notifications/read/", {"id": other.pk})
        other.refresh_from_db()
        assert other.read_at is None

    def test_settings_page_saves_preferences(self, client, member):
        client.force_login(member)
        page = client.get("/es/dashboard/settings/")
        assert page.status_code == 200
        response = client.post(
            "/es/dashboard/settings/",
            {
                "enabled": "on",
                "email_enabled": "on",
                f"on__{ROLE}__in_app": "on",
                f"freq__{ROLE}__email": "daily",
                f"on__{NEWS}__email": "on",
                f"freq__{NEWS}__email": "immediate",
            },
        )
        assert response.status_code == 302
        prefs = {
            (p.type_code, p.channel): (p.enabled, p.frequency)
            for p in member.notification_preferences.all()
        }
        assert prefs[(ROLE, "email")] == (False, "daily")
        assert prefs[(NEWS, "email")] == (True, "immediate")


class TestAPI:
    def test_list_count_read_archive_and_preferences(
        self, api_client, member, make_user, run_tasks
    ):
        mine = run_tasks(notify, recipient=member, type_code=ROLE, context={"role": "A"})
        theirs = run_tasks(
            notify, recipient=make_user(Role.MEMBER), type_code=ROLE, context={"role": "B"}
        )
        api_client.force_authenticate(member)
        listing = api_client.get("/api/v1/notifications/").json()
        assert [n["id"] for n in listing["results"]] == [mine.pk]
        assert api_client.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
        assert api_client.post(
            "/api/v1/notifications/read/", {"ids": [mine.pk, theirs.pk]}, format="json"
        ).json() == {"marked": 1}
        theirs.refresh_from_db()
        assert theirs.read_at is None
        assert api_client.post(f"/api/v1/notifications/{theirs.pk}/archive/").status_code == 404
        archived = api_client.post(f"/api/v1/notifications/{mine.pk}/archive/").json()
        assert archived["archived_at"] is not None
        assert api_client.get("/api/v1/notifications/", {"archived": "true"}).json()["count"] == 1
        prefs = api_client.patch(
            "/api/v1/notification-preferences/",
            {
                "email_enabled": False,
                "preferences": [
                    {"type": NEWS, "channel": "email", "enabled": True, "frequency": "daily"}
                ],
            },
            format="json",
        )
        assert prefs.status_code == 200, prefs.content
        body = prefs.json()
        assert body["email_enabled"] is False
        row = next(p for p in body["preferences"] if p["type"] == NEWS and p["channel"] == "email")
        assert (row["enabled"], row["frequency"]) == (True, "daily")

    def test_bad_preferences_are_a_400_and_change_nothing(self, api_client, member):
        api_client.force_authenticate(member)
        response = api_client.patch(
            "/api/v1/notification-preferences/",
            {
                "preferences": [
                    {"type": ROLE, "channel": "email", "enabled": False},
                    {"type": "nope", "channel": "email", "enabled": False},
                ]
            },
            format="json",
        )
        assert response.status_code == 400
        assert "preferences" in response.json()["error"]["fields"]
        assert member.notification_preferences.count() == 0


def test_email_has_plain_text_html_and_one_click_unsubscribe(member, run_tasks):
    run_tasks(
        notify,
        recipient=member,
        type_code=ROLE,
        context={"role": "<b>Org</b>"},
        url="/es/dashboard/",
    )
    assert Delivery.objects.get(channel="email").last_error == ""
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert "&lt;b&gt;Org&lt;/b&gt;" in html  # escaped in HTML
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.search(r"http://testserver/es/dashboard/", message.body)
