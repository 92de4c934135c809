"""Direct messages: who may write to whom, read receipts, unread counts, notifications
once per burst, anti-spam limits, reports and moderation, and the pages and API."""

import pytest
from django.db import IntegrityError, transaction

from community.accounts.roles import Role
from community.connections.services import (
    connection_accept,
    connection_request,
    user_block,
)
from community.messaging import selectors
from community.messaging.models import Conversation, Message, MessageReport
from community.messaging.services import (
    conversation_mark_read,
    message_report,
    message_send,
    messaging_preference_set,
    report_resolve,
)
from community.notifications.models import Delivery, Notification
from community.notifications.services import digest_send, preferences_update
from config.errors import Conflict, NotPermitted, RateLimited, ValidationFailed

pytestmark = pytest.mark.django_db
NEW = "messages.new_message"


@pytest.fixture
def ana(make_user):
    return make_user(Role.MEMBER, first_name="Ana", last_name="R")


@pytest.fixture
def beto(make_user):
    return make_user(Role.MEMBER, first_name="Beto", last_name="G")


def connect(a, b):
    connection_accept(user=b, connection_id=connection_request(sender=a, recipient=b).pk)


@pytest.fixture
def friends(ana, beto):
    connect(ana, beto)
    return ana, beto


def _refused(exc_type, code, **kwargs):
    with pytest.raises(exc_type) as excinfo:
        message_send(**kwargs)
    assert excinfo.value.code == code
    return excinfo.value


# ---- who may write to whom ---------------------------------------------------------------
def test_connected_members_write_to_each_other(friends):
    ana, beto = friends
    first = message_send(sender=ana, recipient=beto, body="  Hola Beto\r\n¿cómo vas?  ")
    reply = message_send(sender=beto, recipient=ana, body="¡Bien!")
    assert first.body == "Hola Beto\n¿cómo vas?"  # trimmed, newlines normalised
    assert first.conversation_id == reply.conversation_id
    conversation = Conversation.objects.get()
    assert (conversation.user_low_id, conversation.user_high_id) == tuple(sorted([ana.pk, beto.pk]))
    assert conversation.started_by == ana
    assert conversation.last_message_at == reply.created_at
    assert first.recipient == beto and reply.recipient == ana


def test_strangers_need_a_connection_unless_the_recipient_accepts_members(ana, beto):
    error = _refused(NotPermitted, "not_connected", sender=ana, recipient=beto, body="Hola")
    assert "solicitud de conexión" in error.message
    messaging_preference_set(user=beto, messages_from="members")
    message_send(sender=ana, recipient=beto, body="Hola")
    # Beto may answer although Ana only accepts her connections: she wrote to him
    assert selectors.can_message(beto, ana)
    message_send(sender=beto, recipient=ana, body="¡Hola!")
    with pytest.raises(ValidationFailed):
        messaging_preference_set(user=beto, messages_from="everyone")


def test_blocks_stop_messages_both_ways_and_hide_the_conversation(friends, make_user):
    ana, beto = friends
    message_send(sender=ana, recipient=beto, body="Hola")
    user_block(user=beto, other=ana)
    _refused(NotPermitted, "blocked", sender=ana, recipient=beto, body="¿Hola?")
    _refused(NotPermitted, "blocked", sender=beto, recipient=ana, body="No")
    assert list(selectors.conversation_list(ana)) == []
    assert list(selectors.conversation_list(beto)) == []
    assert selectors.unread_message_count(beto) == 0
    # even with "any member" the block wins
    messaging_preference_set(user=beto, messages_from="members")
    _refused(NotPermitted, "blocked", sender=ana, recipient=beto, body="¿Hola?")


def test_never_to_oneself_or_an_inactive_account(friends):
    ana, beto = friends
    _refused(ValidationFailed, "self_message", sender=ana, recipient=ana, body="Yo")
    beto.is_active = False
    beto.save()
    _refused(ValidationFailed, "inactive_member", sender=ana, recipient=beto, body="Hola")
    assert not Message.objects.exists()


def test_body_must_be_present_and_not_too_long(friends):
    ana, beto = friends
    _refused(ValidationFailed, "empty_message", sender=ana, recipient=beto, body=" \n\x00 ")
    _refused(ValidationFailed, "message_too_long", sender=ana, recipient=beto, body="a" * 5001)
    assert message_send(sender=ana, recipient=beto, body="a" * 5000).body == "a" * 5000


def test_the_database_keeps_one_conversation_per_pair(ana, beto):
    low, high = sorted([ana.pk, beto.pk])
    Conversation.objects.create(user_low_id=low, user_high_id=high, started_by=ana)
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(user_low_id=low, user_high_id=high, started_by=beto)
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(user_low_id=high, user_high_id=low, started_by=beto)
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(user_low_id=low, user_high_id=low, started_by=ana)


# ---- read receipts and unread counts -------------------------------------------------------
def test_read_receipts_and_unread_counts(friends, make_user):
    ana, beto = friends
    carla = make_user(Role.MEMBER)
    connect(carla, beto)
    m1 = message_send(sender=ana, recipient=beto, body="Uno")
    message_send(sender=ana, recipient=beto, body="Dos")
    message_send(sender=carla, recipient=beto, body="Hola desde Carla")
    mine = message_send(sender=beto, recipient=ana, body="Leo ahora")
    assert selectors.unread_message_count(beto) == 3
    listed = list(selectors.conversation_list(beto))
    assert [c.other(beto) for c in listed] == [ana, carla]  # latest activity first
    assert [c.unread for c in listed] == [2, 1]
    assert listed[0].last_body == "Leo ahora" and listed[0].last_sender_id == beto.pk
    assert conversation_mark_read(user=beto, conversation=m1.conversation) == 2
    assert selectors.unread_message_count(beto) == 1
    assert Message.objects.get(pk=m1.pk).read_at is not None
    assert Message.objects.get(pk=mine.pk).read_at is None  # only the other's messages
    assert conversation_mark_read(user=beto, conversation=m1.conversation) == 0
    with pytest.raises(Conversation.DoesNotExist):
        conversation_mark_read(user=carla, conversation=m1.conversation)


# ---- notifications ---------------------------------------------------------------------------
def test_one_notification_per_burst(friends, django_capture_on_commit_callbacks, mailoutbox):
    ana, beto = friends
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Hola", "¿Estás?", "Te escribo por el meetup"):
            message = message_send(sender=ana, recipient=beto, body=text)
    notification = Notification.objects.get(recipient=beto, type_code=NEW)
    assert notification.title == "Nuevo mensaje de Ana R"
    assert "Hola" in notification.body
    assert notification.url == f"/es/dashboard/messages/{message.conversation_id}/"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [beto.email]
    # reading the conversation starts over: the next message notifies again
    conversation_mark_read(user=beto, conversation=message.conversation)
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        message_send(sender=ana, recipient=beto, body="Otra cosa")
    assert Notification.objects.filter(recipient=beto, type_code=NEW).count() == 2
    assert len(mailoutbox) == 2
    assert not Notification.objects.filter(recipient=ana, type_code=NEW).exists()


def test_email_only_recipients_get_one_email_per_burst(friends, run_tasks, mailoutbox):
    ana, beto = friends
    preferences_update(user=beto, changes=[{"type": NEW, "channel": "in_app", "enabled": False}])
    for text in ("Uno", "Dos", "Tres"):
        run_tasks(message_send, sender=ana, recipient=beto, body=text)
    assert len(mailoutbox) == 1


def test_digest_preference_is_respected(friends, run_tasks, mailoutbox):
    ana, beto = friends
    preferences_update(
        user=beto,
        changes=[{"type": NEW, "channel": "email", "enabled": True, "frequency": "daily"}],
    )
    run_tasks(message_send, sender=ana, recipient=beto, body="Para el resumen")
    assert mailoutbox == []
    assert Delivery.objects.get(channel="email", notification__type_code=NEW).status == "digest"
    assert digest_send(frequency="daily") == 1
    assert "Para el resumen" in mailoutbox[0].body


def test_notifications_use_the_recipients_language(friends, run_tasks):
    ana, beto = friends
    beto.profile.preferred_language = "en"
    beto.profile.save()
    message = run_tasks(message_send, sender=ana, recipient=beto, body="Hi")
    notification = Notification.objects.get(recipient=beto, type_code=NEW)
    assert notification.title == "New message from Ana R"
    assert notification.url == f"/en/dashboard/messages/{message.conversation_id}/"


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


# ---- rate limits ------------------------------------------------------------------------------
def test_messages_per_minute_are_limited(friends, settings):
    settings.MESSAGES_PER_MINUTE = 3
    ana, beto = friends
    for n in range(3):
        message_send(sender=ana, recipient=beto, body=f"Mensaje {n}")
    error = _refused(RateLimited, "too_many_messages", sender=ana, recipient=beto, body="Otro")
    assert error.status_code == 429 and 0 < error.retry_after <= 60
    assert "3" in error.message
    message_send(sender=beto, recipient=ana, body="Beto tiene su propio límite")


def test_new_conversations_per_day_are_limited(ana, make_user, settings):
    settings.MESSAGES_NEW_CONVERSATIONS_PER_DAY = 2
    others = [make_user(Role.MEMBER) for _ in range(3)]
    for other in others:
        connect(ana, other)
    message_send(sender=ana, recipient=others[0], body="Hola")
    message_send(sender=ana, recipient=others[1], body="Hola")
    _refused(RateLimited, "too_many_conversations", sender=ana, recipient=others[2], body="Hola")
    message_send(sender=ana, recipient=others[0], body="Seguimos aquí")  # existing: fine


# ---- reports and moderation -----------------------------------------------------------------
def test_report_flow_notifies_moderators(friends, make_user):
    ana, beto = friends
    moderator, other_member = make_user("moderator"), make_user(Role.MEMBER)
    spam = message_send(sender=ana, recipient=beto, body="Compra criptomonedas ya")
    with pytest.raises(ValidationFailed):
        message_report(reporter=ana, message=spam, reason="spam")  # one's own message
    with pytest.raises(NotPermitted):
        message_report(reporter=other_member, message=spam, reason="spam")
    with pytest.raises(ValidationFailed):
        message_report(reporter=beto, message=spam, reason="aburrido")
    report = message_report(reporter=beto, message=spam, reason="spam", note="Tercera vez")
    assert report.status == "open"
    alerts = Notification.objects.filter(type_code="messages.reported")
    assert moderator.pk in set(alerts.values_list("recipient_id", flat=True))
    assert not alerts.filter(recipient__in=[ana, beto, other_member]).exists()
    assert alerts.get(recipient=moderator).url == f"/admin/message_reports/review/{report.pk}/"
    with pytest.raises(Conflict) as excinfo:
        message_report(reporter=beto, message=spam, reason="scam")
    assert excinfo.value.code == "already_reported"


def test_moderators_resolve_or_dismiss(friends, make_user):
    ana, beto = friends
    moderator = make_user("moderator")
    spam = message_send(sender=ana, recipient=beto, body="Spam")
    fine = message_send(sender=ana, recipient=beto, body="Chiste malo")
    spam_report = message_report(reporter=beto, message=spam, reason="spam")
    fine_report = message_report(reporter=beto, message=fine, reason="other")
    with pytest.raises(NotPermitted):
        report_resolve(moderator=beto, report=spam_report, action="resolve")
    with pytest.raises(ValidationFailed):
        report_resolve(moderator=moderator, report=spam_report, action="delete")
    done = report_resolve(moderator=moderator, report=spam_report, action="resolve")
    assert (done.status, done.resolved_by) == ("resolved", moderator)
    assert Message.objects.get(pk=spam.pk).removed_at is not None
    with pytest.raises(Conflict):
        report_resolve(moderator=moderator, report=spam_report, action="dismiss")
    report_resolve(moderator=moderator, report=fine_report, action="dismiss")
    assert MessageReport.objects.get(pk=fine_report.pk).status == "dismissed"
    assert Message.objects.get(pk=fine.pk).removed_at is None


# ---- site pages -------------------------------------------------------------------------------
class TestPages:
    def test_write_from_a_profile_read_and_reply(self, client, friends):
        ana, beto = friends
        client.force_login(ana)
        profile = client.get(f"/es/members/{beto.pk}/").content.decode()
        assert f'href="/es/dashboard/messages/new/{beto.pk}/"' in profile
        response = client.post(f"/es/dashboard/messages/new/{beto.pk}/", {"body": "Hola Beto"})
        conversation = Conversation.objects.get()
        assert response["Location"] == f"/es/dashboard/messages/{conversation.pk}/"
        # a second "new" goes to the existing conversation
        again = client.get(f"/es/dashboard/messages/new/{beto.pk}/")
        assert again["Location"] == f"/es/dashboard/messages/{conversation.pk}/"
        client.force_login(beto)
        assert selectors.unread_message_count(beto) == 1
        listing = client.get("/es/dashboard/messages/").content.decode()
        assert "Ana R" in listing and "Hola Beto" in listing and 'class="badge"' in listing
        page = client.get(f"/es/dashboard/messages/{conversation.pk}/").content.decode()
        assert "Hola Beto" in page and "Denunciar este mensaje" in page
        assert selectors.unread_message_count(beto) == 0  # opening the page reads it
        reply = client.post(f"/es/dashboard/messages/{conversation.pk}/", {"body": "¡Hola!"})
        assert reply.status_code == 302 and "#message-" in reply["Location"]
        client.force_login(ana)
        page = client.get(f"/es/dashboard/messages/{conversation.pk}/").content.decode()
        assert "Visto" in page and "¡Hola!" in page

    def test_no_message_button_or_page_without_permission(self, client, ana, beto, make_user):
        client.force_login(ana)
        profile = client.get(f"/es/members/{beto.pk}/").content.decode()
        assert "/dashboard/messages/new/" not in profile
        page = client.get(f"/es/dashboard/messages/new/{beto.pk}/").content.decode()
        assert "solicitud de conexión" in page and "<textarea" not in page
        client.post(f"/es/dashboard/messages/new/{beto.pk}/", {"body": "Hola"})
        assert not Message.objects.exists()

    def test_others_conversations_do_not_exist(self, client, friends, make_user):
        ana, beto = friends
        message = message_send(sender=ana, recipient=beto, body="Privado")
        client.force_login(make_user("moderator"))
        assert client.get(f"/es/dashboard/messages/{message.conversation_id}/").status_code == 404
        response = client.post(f"/es/dashboard/messages/report/{message.pk}/", {"reason": "spam"})
        assert response.status_code == 404
        assert not MessageReport.objects.exists()

    def test_rate_limit_is_explained_on_the_page(self, client, friends, settings):
        settings.MESSAGES_PER_MINUTE = 1
        ana, beto = friends
        message = message_send(sender=ana, recipient=beto, body="Uno")
        client.force_login(ana)
        response = client.post(
            f"/es/dashboard/messages/{message.conversation_id}/", {"body": "Dos"}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "demasiado rápido" in page
        assert "Dos</textarea>" in page  # what they wrote is kept
        assert Message.objects.count() == 1

    def test_report_from_the_page(self, client, friends):
        ana, beto = friends
        message = message_send(sender=ana, recipient=beto, body="Spam")
        client.force_login(beto)
        url = f"/es/dashboard/messages/report/{message.pk}/"
        response = client.post(url, {"reason": "spam", "note": "Otra vez"}, follow=True)
        assert "moderadores revisarán" in response.content.decode()
        assert MessageReport.objects.get().note == "Otra vez"
        response = client.post(url, {"reason": "spam"}, follow=True)
        assert "Ya denunciaste" in response.content.decode()

    def test_settings_choice(self, client, ana, beto):
        client.force_login(beto)
        page = client.get("/es/dashboard/settings/").content.decode()
        assert 'name="messages_from"' in page
        response = client.post("/es/dashboard/messages/preferences/", {"messages_from": "members"})
        assert response["Location"] == "/es/dashboard/settings/"
        assert selectors.messages_from(beto) == "members"
        client.force_login(ana)
        assert "/dashboard/messages/new/" in client.get(f"/es/members/{beto.pk}/").content.decode()

    def test_nav_badge_and_overview(self, client, friends):
        ana, beto = friends
        message_send(sender=ana, recipient=beto, body="Hola")
        message_send(sender=ana, recipient=beto, body="¿Hola?")
        client.force_login(beto)
        page = client.get("/es/dashboard/").content.decode()
        assert 'data-unread-messages="2"' in page
        assert "Mensajes" in page


# ---- API --------------------------------------------------------------------------------------
class TestAPI:
    def test_start_reply_poll_and_read(self, api_client, friends):
        ana, beto = friends
        api_client.force_authenticate(ana)
        started = api_client.post(
            "/api/v1/conversations/", {"user_id": beto.pk, "body": "Hola <b>Beto</b>"}
        )
        assert started.status_code == 201, started.content
        body = started.json()
        assert body["mine"] is True and body["body"] == "Hola <b>Beto</b>"
        assert body["body_html"] == "Hola &lt;b&gt;Beto&lt;/b&gt;"
        pk = body["conversation"]
        api_client.force_authenticate(beto)
        assert api_client.get("/api/v1/messages/unread-count/").json() == {"unread": 1}
        listing = api_client.get("/api/v1/conversations/").json()["results"]
        assert listing[0]["member"]["display_name"] == "Ana R"
        assert listing[0]["unread"] == 1 and listing[0]["last_message"]["body"] == body["body"]
        reply = api_client.post(f"/api/v1/conversations/{pk}/messages/", {"body": "¡Hola!"})
        assert reply.status_code == 201
        # polling: only what is newer than the last message the client has
        newer = api_client.get(f"/api/v1/conversations/{pk}/messages/?after={body['id']}")
        assert [m["id"] for m in newer.json()["results"]] == [reply.json()["id"]]
        assert (
            api_client.get(
                f"/api/v1/conversations/{pk}/messages/?after={reply.json()['id']}"
            ).json()["results"]
            == []
        )
        assert api_client.get(f"/api/v1/conversations/{pk}/messages/?after=x").status_code == 400
        assert api_client.post(f"/api/v1/conversations/{pk}/read/").json() == {"marked": 1}
        api_client.force_authenticate(ana)
        everything = api_client.get(f"/api/v1/conversations/{pk}/messages/").json()["results"]
        assert [m["body"] for m in everything] == ["¡Hola!", "Hola <b>Beto</b>"]  # newest first
        assert everything[1]["read_at"] is not None  # Ana sees Beto read it

    def test_refusals_are_clear(self, api_client, ana, beto, make_user):
        api_client.force_authenticate(ana)
        response = api_client.post("/api/v1/conversations/", {"user_id": beto.pk, "body": "Hola"})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "not_connected"
        response = api_client.post("/api/v1/conversations/", {"user_id": ana.pk, "body": "Yo"})
        assert response.json()["error"]["code"] == "self_message"
        connect(ana, beto)
        response = api_client.post("/api/v1/conversations/", {"user_id": beto.pk, "body": "  "})
        assert response.status_code == 400
        assert response.json()["error"]["fields"]["body"]
        user_block(user=beto, other=ana)
        response = api_client.post("/api/v1/conversations/", {"user_id": beto.pk, "body": "Hola"})
        assert response.status_code == 404  # blocked: the member is invisible

    def test_rate_limit_is_a_429(self, api_client, friends, settings):
        settings.MESSAGES_PER_MINUTE = 2
        ana, beto = friends
        api_client.force_authenticate(ana)
        for text in ("Uno", "Dos"):
            api_client.post("/api/v1/conversations/", {"user_id": beto.pk, "body": text})
        response = api_client.post("/api/v1/conversations/", {"user_id": beto.pk, "body": "Tres"})
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "too_many_messages"
        assert 0 < int(response["Retry-After"]) <= 60

    def test_reports_and_moderation(self, api_client, friends, make_user):
        ana, beto = friends
        moderator = make_user("moderator")
        message = message_send(sender=ana, recipient=beto, body="Spam")
        api_client.force_authenticate(make_user(Role.MEMBER))
        url = f"/api/v1/messages/{message.pk}/report/"
        assert api_client.post(url, {"reason": "spam"}).status_code == 404  # not a participant
        api_client.force_authenticate(beto)
        created = api_client.post(url, {"reason": "spam", "note": "Otra vez"})
        assert created.status_code == 201 and created.json()["status"] == "open"
        assert api_client.post(url, {"reason": "spam"}).status_code == 409
        assert api_client.get("/api/v1/message-reports/").status_code == 403
        api_client.force_authenticate(moderator)
        queue = api_client.get("/api/v1/message-reports/?status=open").json()["results"]
        assert [r["message"]["body"] for r in queue] == ["Spam"]
        resolve = f"/api/v1/message-reports/{created.json()['id']}/resolve/"
        done = api_client.post(resolve, {"action": "resolve"})
        assert done.status_code == 200 and done.json()["status"] == "resolved"
        assert api_client.post(resolve, {"action": "dismiss"}).status_code == 409
        assert api_client.get("/api/v1/message-reports/?status=open").json()["count"] == 0
        # moderators cannot read conversations they are not in
        pk = message.conversation_id
        assert api_client.get(f"/api/v1/conversations/{pk}/messages/").status_code == 404
        api_client.force_authenticate(beto)
        shown = api_client.get(f"/api/v1/conversations/{pk}/messages/").json()["results"][0]
        assert shown["removed"] is True and shown["body"] == "" and shown["body_html"] == ""

    def test_preference(self, api_client, member):
        api_client.force_authenticate(member)
        url = "/api/v1/messaging-preferences/"
        assert api_client.get(url).json() == {"messages_from": "connections"}
        assert api_client.patch(url, {"messages_from": "members"}).json() == {
            "messages_from": "members"
        }
        assert api_client.patch(url, {"messages_from": "all"}).status_code == 400


# ---- moderation in the Wagtail admin ----------------------------------------------------------
def test_moderators_handle_reports_in_the_admin(client, friends, make_user):
    ana, beto = friends
    report = message_report(
        reporter=beto,
        message=message_send(sender=ana, recipient=beto, body="Compra bitcoin"),
        reason="spam",
    )
    client.force_login(make_user(Role.MEMBER))
    assert client.get("/admin/message_reports/")["Location"].startswith("/admin/login/")
    client.force_login(make_user(Role.ORGANIZER))  # in the admin, but no moderator
    assert client.get("/admin/message_reports/")["Location"] == "/admin/"
    client.force_login(make_user("moderator"))
    listing = client.get("/admin/message_reports/?status=open")
    assert listing.status_code == 200 and "Compra bitcoin" in listing.content.decode()
    assert "Compra bitcoin" in client.get("/admin/message_reports/?q=bitcoin").content.decode()
    assert "Compra bitcoin" not in client.get("/admin/message_reports/?q=nada").content.decode()
    review = client.get(f"/admin/message_reports/review/{report.pk}/").content.decode()
    assert "Compra bitcoin" in review and 'value="resolve"' in review
    response = client.post(f"/admin/message_reports/review/{report.pk}/", {"action": "dismiss"})
    assert response.status_code == 302
    assert MessageReport.objects.get().status == "dismissed"
    assert client.get("/admin/message_reports/new/").status_code == 404  # no adding here


def test_seed_is_idempotent(password):
    from community.accounts.demo import demo_users
    from community.messaging.demo import demo_conversations

    demo_users(password)
    assert demo_conversations() == 3
    assert demo_conversations() == 0
    assert Conversation.objects.count() == 3
    texts = set(Message.objects.values_list("body", flat=True))
    assert any("meetup" in t for t in texts) and any("hackathon" in t for t in texts)
