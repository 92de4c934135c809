"""Gate 2: who may do what through the API, as one table per area.

Rows: (method, route, target) where target is "own" (the caller's object) or "foreign"
(someone else's). Columns: anonymous, attendee, member, organizer, admin. Expected: 401 for
anonymous, 403 for a missing permission, 404 for a foreign object the caller may not see.
Every API route must appear here: a new endpoint fails `test_every_api_route_is_in_a_table`
until its row is written."""

import json
import re

import pytest

from community.accounts.roles import Role

from .routes import api_routes

ROLES = [None, Role.ATTENDEE, Role.MEMBER, Role.ORGANIZER, Role.ADMIN]

# ---- accounts -------------------------------------------------------------------------
ACCOUNTS = {
    #  method, route,                            target     anon attendee member organizer admin
    ("GET",   "/api/v1/me/",                     "own"):     (401, 200, 200, 200, 200),
    ("PATCH", "/api/v1/me/",                     "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/role-changes/",           "all"):     (401, 403, 403, 403, 200),
    ("PUT",   "/api/v1/users/<id:user_id>/role/", "own"):   (401, 403, 403, 403, 400),
    ("PUT",   "/api/v1/users/<id:user_id>/role/", "foreign"): (401, 403, 403, 403, 201),
    ("PUT",   "/api/v1/me/avatar/",              "own"):     (401, 200, 200, 200, 200),
    ("DELETE", "/api/v1/me/avatar/",             "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/members/",                "all"):     (401, 200, 200, 200, 200),
    # ordering by a field a member may hide narrows its value down: refused for everyone
    ("GET",   "/api/v1/members/",                "hidden ordering"): (401, 400, 400, 400, 400),
    ("GET",   "/api/v1/members/<id:user_id>/",  "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/members/<id:user_id>/",  "foreign"): (401, 404, 404, 404, 404),
    ("GET",   "/api/v1/me/portfolio/",           "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/me/portfolio/",           "all"):     (401, 201, 201, 201, 201),
    ("PATCH", "/api/v1/me/portfolio/<id:pk>/",   "own"):     (401, 200, 200, 200, 200),
    ("PATCH", "/api/v1/me/portfolio/<id:pk>/",   "foreign"): (401, 404, 404, 404, 404),
    ("DELETE", "/api/v1/me/portfolio/<id:pk>/",  "own"):     (401, 204, 204, 204, 204),
    ("DELETE", "/api/v1/me/portfolio/<id:pk>/",  "foreign"): (401, 404, 404, 404, 404),
    ("POST",  "/api/v1/me/portfolio/order/",     "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/me/onboarding/",          "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/me/onboarding/complete/", "own"):     (401, 200, 200, 200, 200),
}  # fmt: skip
# ---- notifications ----------------------------------------------------------------------
NOTIFICATIONS = {
    ("GET",   "/api/v1/notifications/",                   "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/notifications/unread-count/",      "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/notifications/read/",              "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/notifications/<id:pk>/archive/",  "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/notifications/<id:pk>/archive/",  "foreign"): (401, 404, 404, 404, 404),
    ("GET",   "/api/v1/notification-preferences/",        "own"):     (401, 200, 200, 200, 200),
    ("PATCH", "/api/v1/notification-preferences/",        "own"):     (401, 200, 200, 200, 200),
}  # fmt: skip

# ---- connections ------------------------------------------------------------------------
CONNECTIONS = {
    ("GET",    "/api/v1/connections/",                 "own"):     (401, 200, 200, 200, 200),
    ("POST",   "/api/v1/connections/",                 "all"):     (401, 201, 201, 201, 201),
    ("GET",    "/api/v1/connections/requests/",        "own"):     (401, 200, 200, 200, 200),
    ("GET",    "/api/v1/connections/suggestions/",     "own"):     (401, 200, 200, 200, 200),
    ("POST",   "/api/v1/connections/<id:pk>/accept/", "own"):     (401, 200, 200, 200, 200),
    ("POST",   "/api/v1/connections/<id:pk>/accept/", "foreign"): (401, 404, 404, 404, 404),
    ("POST",   "/api/v1/connections/<id:pk>/decline/", "own"):    (401, 200, 200, 200, 200),
    ("POST",   "/api/v1/connections/<id:pk>/decline/", "foreign"): (401, 404, 404, 404, 404),
    ("DELETE", "/api/v1/connections/<id:pk>/",        "own"):     (401, 204, 204, 204, 204),
    ("DELETE", "/api/v1/connections/<id:pk>/",        "foreign"): (401, 404, 404, 404, 404),
    ("POST",   "/api/v1/blocks/",                      "all"):     (401, 204, 204, 204, 204),
    ("DELETE", "/api/v1/blocks/<id:user_id>/",        "own"):     (401, 204, 204, 204, 204),
}  # fmt: skip

# ---- events: submissions, venues, the organizer's events ---------------------------------
# Organizers and admins hold `events.submit_event`; attendees and members are refused (403)
# before any lookup. "own": the caller's submission (or proposed venue); "foreign": another
# member's. Admins read every submission but only its organizer changes it (403).
EVENTS = {
    #  method, route,                                            target     anon attendee member organizer admin
    ("GET",   "/api/v1/events/submissions/",                     "all"):     (401, 403, 403, 200, 200),
    ("POST",  "/api/v1/events/submissions/",                     "all"):     (401, 403, 403, 201, 201),
    ("GET",   "/api/v1/events/submissions/<id:pk>/",             "own"):     (401, 403, 403, 200, 200),
    ("GET",   "/api/v1/events/submissions/<id:pk>/",             "foreign"): (401, 403, 403, 404, 200),
    ("PATCH", "/api/v1/events/submissions/<id:pk>/",             "own"):     (401, 403, 403, 200, 200),
    ("PATCH", "/api/v1/events/submissions/<id:pk>/",             "foreign"): (401, 403, 403, 404, 403),
    ("POST",  "/api/v1/events/submissions/<id:pk>/submit/",      "own"):     (401, 403, 403, 200, 200),
    ("POST",  "/api/v1/events/submissions/<id:pk>/submit/",      "foreign"): (401, 403, 403, 404, 403),
    ("POST",  "/api/v1/events/submissions/<id:pk>/withdraw/",    "own"):     (401, 403, 403, 200, 200),
    ("POST",  "/api/v1/events/submissions/<id:pk>/withdraw/",    "foreign"): (401, 403, 403, 404, 403),
    ("PUT",   "/api/v1/events/submissions/<id:pk>/image/",       "own"):     (401, 403, 403, 200, 200),
    ("PUT",   "/api/v1/events/submissions/<id:pk>/image/",       "foreign"): (401, 403, 403, 404, 403),
    ("GET",   "/api/v1/events/venues/",                          "all"):     (401, 403, 403, 200, 200),
    ("POST",  "/api/v1/events/venues/",                          "all"):     (401, 403, 403, 201, 201),
    ("POST",  "/api/v1/events/venues/<id:pk>/approve/",          "own"):     (401, 403, 403, 403, 200),
    ("POST",  "/api/v1/events/venues/<id:pk>/approve/",          "foreign"): (401, 403, 403, 403, 200),
    ("GET",   "/api/v1/events/mine/",                            "own"):     (401, 403, 403, 200, 200),
}  # fmt: skip


# ---- ticketing: offers, seat holds, orders, tickets, ticket types --------------------------
# A published event with a free ticket type. Holds: "own" is the caller's hold (anonymous
# callers get someone else's: the token alone does not open a hold owned by an account, 404);
# "foreign" is another member's. Ticket types: "own" is an event the caller organizes, but
# only organizers (the `events.submit_event` permission) and admins manage tickets.
# Tickets and orders under /me/: "own" is an order the caller placed (anonymous callers:
# someone else's), "foreign" another member's; nobody but its buyer or attendee sees one (404).
TICKETING = {
    #  method, route,                                                 target     anon attendee member organizer admin
    ("GET",   "/api/v1/events/<id:event_id>/tickets/",                "all"):     (200, 200, 200, 200, 200),
    ("GET",   "/api/v1/events/<id:event_id>/questions/",              "all"):     (200, 200, 200, 200, 200),
    ("POST",  "/api/v1/holds/",                                       "all"):     (201, 201, 201, 201, 201),
    ("GET",   "/api/v1/holds/<uuid:token>/",                          "own"):     (404, 200, 200, 200, 200),
    ("GET",   "/api/v1/holds/<uuid:token>/",                          "foreign"): (404, 404, 404, 404, 404),
    ("DELETE", "/api/v1/holds/<uuid:token>/",                         "own"):     (404, 204, 204, 204, 204),
    ("DELETE", "/api/v1/holds/<uuid:token>/",                         "foreign"): (404, 404, 404, 404, 404),
    ("POST",  "/api/v1/holds/<uuid:token>/order/",                    "own"):     (404, 201, 201, 201, 201),
    ("POST",  "/api/v1/holds/<uuid:token>/order/",                    "foreign"): (404, 404, 404, 404, 404),
    ("GET",   "/api/v1/me/tickets/",                                  "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/me/tickets/<str:code>/pdf/",                   "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/me/tickets/<str:code>/pdf/",                   "foreign"): (401, 404, 404, 404, 404),
    ("POST",  "/api/v1/me/tickets/<str:code>/transfer/",              "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/me/tickets/<str:code>/transfer/",              "foreign"): (401, 404, 404, 404, 404),
    # "transferred": the caller bought the ticket and gave it away; the order stays theirs
    ("GET",   "/api/v1/me/tickets/<str:code>/pdf/",                   "transferred"): (401, 404, 404, 404, 404),
    ("POST",  "/api/v1/me/tickets/<str:code>/transfer/",              "transferred"): (401, 404, 404, 404, 404),
    ("GET",   "/api/v1/me/orders/<str:number>/",                      "transferred"): (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/me/orders/",                                   "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/me/orders/<str:number>/",                      "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/me/orders/<str:number>/",                      "foreign"): (401, 404, 404, 404, 404),
    ("GET",   "/api/v1/events/<id:event_id>/ticket-types/",           "own"):     (401, 403, 403, 200, 200),
    ("GET",   "/api/v1/events/<id:event_id>/ticket-types/",           "foreign"): (401, 403, 403, 403, 200),
    ("POST",  "/api/v1/events/<id:event_id>/ticket-types/",           "own"):     (401, 403, 403, 201, 201),
    ("POST",  "/api/v1/events/<id:event_id>/ticket-types/",           "foreign"): (401, 403, 403, 403, 201),
    ("PATCH", "/api/v1/events/<id:event_id>/ticket-types/<id:pk>/",   "own"):     (401, 403, 403, 200, 200),
    ("PATCH", "/api/v1/events/<id:event_id>/ticket-types/<id:pk>/",   "foreign"): (401, 403, 403, 403, 200),
    ("GET",   "/api/v1/events/<id:event_id>/check-ins/",              "own"):     (401, 403, 403, 200, 200),
    ("GET",   "/api/v1/events/<id:event_id>/check-ins/",              "foreign"): (401, 403, 403, 403, 200),
    ("POST",  "/api/v1/events/<id:event_id>/check-ins/",              "own"):     (401, 403, 403, 200, 200),
    ("POST",  "/api/v1/events/<id:event_id>/check-ins/",              "foreign"): (401, 403, 403, 403, 200),
    # refunds: "own" is the caller's free registration (buyers cancel those themselves);
    # "foreign" another member's order for an event a third member organizes
    ("POST",  "/api/v1/orders/<str:number>/refunds/",                 "own"):     (401, 201, 201, 201, 201),
    ("POST",  "/api/v1/orders/<str:number>/refunds/",                 "foreign"): (401, 404, 404, 404, 201),
    # waitlist of a sold-out type: "own" is the caller's entry
    ("POST",  "/api/v1/waitlist/",                                    "all"):     (201, 201, 201, 201, 201),
    ("GET",   "/api/v1/waitlist/<uuid:token>/",                       "own"):     (404, 200, 200, 200, 200),
    ("GET",   "/api/v1/waitlist/<uuid:token>/",                       "foreign"): (404, 404, 404, 404, 404),
    ("DELETE", "/api/v1/waitlist/<uuid:token>/",                      "own"):     (404, 204, 204, 204, 204),
    ("DELETE", "/api/v1/waitlist/<uuid:token>/",                      "foreign"): (404, 404, 404, 404, 404),
    ("GET",   "/api/v1/events/<id:event_id>/promo-codes/",            "own"):     (401, 403, 403, 200, 200),
    ("GET",   "/api/v1/events/<id:event_id>/promo-codes/",            "foreign"): (401, 403, 403, 403, 200),
    ("POST",  "/api/v1/events/<id:event_id>/promo-codes/",            "own"):     (401, 403, 403, 201, 201),
    ("POST",  "/api/v1/events/<id:event_id>/promo-codes/",            "foreign"): (401, 403, 403, 403, 201),
    ("GET",   "/api/v1/events/<id:event_id>/attendees/",              "own"):     (401, 403, 403, 200, 200),
    ("GET",   "/api/v1/events/<id:event_id>/attendees/",              "foreign"): (401, 403, 403, 403, 200),
    ("POST",  "/api/v1/events/<id:event_id>/attendees/message/",      "own"):     (401, 403, 403, 202, 202),
    ("POST",  "/api/v1/events/<id:event_id>/attendees/message/",      "foreign"): (401, 403, 403, 403, 202),
    ("POST",  "/api/v1/events/<id:event_id>/orders/<str:number>/resend/", "own"):     (401, 403, 403, 202, 202),
    ("POST",  "/api/v1/events/<id:event_id>/orders/<str:number>/resend/", "foreign"): (401, 403, 403, 403, 202),
}  # fmt: skip


def _png():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    return SimpleUploadedFile("a.png", buffer.getvalue(), content_type="image/png")


def _forum_category():
    from community.forums.models import ForumCategory

    return ForumCategory.objects.get_or_create(
        slug="general", defaults={"name_es": "General", "name_en": "General"}
    )[0]


def _latest_ticket_type() -> int:
    from commerce.ticketing.models import TicketType

    return TicketType.objects.latest("pk").pk


def _event_details() -> dict:
    from datetime import timedelta

    from django.utils import timezone

    day = (timezone.now() + timedelta(days=10)).date().isoformat()
    return {
        "title": "Taller de agentes",
        "summary": "Construimos un agente.",
        "language": "es",
        "time_zone": "America/Bogota",
        "start": f"{day}T18:00",
        "end": f"{day}T21:00",
    }


BODIES = {
    ("POST", "/api/v1/forums/topics/"): lambda counterpart: {
        "category": _forum_category().pk,
        "title": "Un tema nuevo",
        "body": "Hola",
    },
    ("POST", "/api/v1/forums/topics/<id:pk>/posts/"): {"body": "Una respuesta"},
    ("POST", "/api/v1/forums/topics/<id:pk>/moderate/"): {"action": "lock"},
    ("PATCH", "/api/v1/forums/posts/<id:pk>/"): {"body": "Texto editado"},
    ("POST", "/api/v1/forums/posts/<id:pk>/report/"): {"reason": "spam"},
    ("POST", "/api/v1/forums/posts/<id:pk>/moderate/"): {"action": "hide", "reason": "Spam"},
    ("POST", "/api/v1/forums/bans/"): lambda counterpart: {
        "user_id": counterpart.pk,
        "reason": "Spam",
        "days": 7,
    },
    ("PUT", "/api/v1/me/avatar/"): lambda counterpart: ("multipart", {"avatar": _png()}),
    ("PATCH", "/api/v1/me/"): {"bio": "Hola"},
    ("PUT", "/api/v1/users/<id:user_id>/role/"): {"role": "organizer"},
    ("POST", "/api/v1/notifications/read/"): {},
    ("PATCH", "/api/v1/notification-preferences/"): {"email_enabled": False},
    ("POST", "/api/v1/connections/"): lambda counterpart: {"user_id": counterpart.pk},
    ("POST", "/api/v1/blocks/"): lambda counterpart: {"user_id": counterpart.pk},
    ("POST", "/api/v1/conversations/"): lambda counterpart: {
        "user_id": counterpart.pk,
        "body": "Hola",
    },
    ("POST", "/api/v1/conversations/<id:pk>/messages/"): {"body": "¿Cómo vas?"},
    ("POST", "/api/v1/messages/<id:pk>/report/"): {"reason": "spam"},
    ("POST", "/api/v1/message-reports/<id:pk>/resolve/"): {"action": "dismiss"},
    ("PATCH", "/api/v1/messaging-preferences/"): {"messages_from": "members"},
    ("POST", "/api/v1/me/portfolio/"): {
        "title": "Bot de cooperativa",
        "url": "https://example.com",
    },
    ("PATCH", "/api/v1/me/portfolio/<id:pk>/"): {"title": "Nuevo título"},
    ("POST", "/api/v1/me/portfolio/order/"): {"ids": []},
    ("POST", "/api/v1/blog/posts/<id:pk>/comments/"): {"body": "¡Buen artículo!"},
    ("POST", "/api/v1/events/submissions/"): {"language": "es"},
    ("PATCH", "/api/v1/events/submissions/<id:pk>/"): lambda counterpart: {
        "sections": {"details": _event_details()}
    },
    ("PUT", "/api/v1/events/submissions/<id:pk>/image/"): lambda counterpart: (
        "multipart",
        {"image": _png(), "image_alt": "Un cuadro azul"},
    ),
    ("POST", "/api/v1/holds/"): lambda counterpart: {
        "ticket_type": _latest_ticket_type(),
        "quantity": 1,
    },
    ("POST", "/api/v1/holds/<uuid:token>/order/"): {
        "email": "invitada@example.org",
        "attendees": [{"name": "Ana", "email": "ana@example.org"}],
    },
    ("POST", "/api/v1/events/<id:event_id>/ticket-types/"): {"name_es": "VIP", "price": "0"},
    ("PATCH", "/api/v1/events/<id:event_id>/ticket-types/<id:pk>/"): {"name_en": "General"},
    ("POST", "/api/v1/events/<id:event_id>/check-ins/"): {"code": "NO-SUCH-CODE"},
    ("POST", "/api/v1/orders/<str:number>/refunds/"): {"reason": "No puedo ir"},
    ("POST", "/api/v1/waitlist/"): lambda counterpart: {
        "ticket_type": _latest_ticket_type(),
        "email": "espera@example.org",
    },
    ("POST", "/api/v1/events/<id:event_id>/promo-codes/"): lambda counterpart: {
        "code": "MATRIZ10",
        "percent": "10",
        "ticket_types": [_latest_ticket_type()],
    },
    ("POST", "/api/v1/events/<id:event_id>/attendees/message/"): {
        "subject": "Parqueadero",
        "body": "Entren por la puerta norte.",
    },
    ("POST", "/api/v1/me/tickets/<str:code>/transfer/"): {
        "name": "Dora",
        "email": "dora@example.org",
    },
    ("POST", "/api/v1/events/venues/"): {
        "name": "Casa de la Cultura",
        "address": "Cra 70 #1-2",
        "area": "laureles",
    },
}

TABLES = {
    "accounts": ACCOUNTS,
    "notifications": NOTIFICATIONS,
    "connections": CONNECTIONS,
    "events": EVENTS,
    "ticketing": TICKETING,
}

# Community areas with moderation (messages, forums) have their own columns: anonymous,
# member, moderator (a member in the Moderators group), admin. "own" makes the caller the
# author; "foreign" makes someone else the author.
COMMUNITY_ROLES = [None, Role.MEMBER, "moderator", Role.ADMIN]
FORUMS = {
    #  method, route,                                           target     anon member moderator admin
    ("GET",    "/api/v1/forums/categories/",                    "all"):     (200, 200, 200, 200),
    ("PUT",    "/api/v1/forums/categories/<id:pk>/subscription/", "all"):   (401, 204, 204, 204),
    ("DELETE", "/api/v1/forums/categories/<id:pk>/subscription/", "all"):   (401, 204, 204, 204),
    ("GET",    "/api/v1/forums/topics/",                        "all"):     (200, 200, 200, 200),
    ("POST",   "/api/v1/forums/topics/",                        "all"):     (401, 201, 201, 201),
    ("GET",    "/api/v1/forums/topics/<id:pk>/",                "foreign"): (200, 200, 200, 200),
    ("GET",    "/api/v1/forums/topics/<id:pk>/posts/",          "foreign"): (200, 200, 200, 200),
    ("POST",   "/api/v1/forums/topics/<id:pk>/posts/",          "foreign"): (401, 201, 201, 201),
    ("PUT",    "/api/v1/forums/topics/<id:pk>/subscription/",   "foreign"): (401, 204, 204, 204),
    ("DELETE", "/api/v1/forums/topics/<id:pk>/subscription/",   "foreign"): (401, 204, 204, 204),
    ("POST",   "/api/v1/forums/topics/<id:pk>/moderate/",       "foreign"): (401, 403, 200, 200),
    ("GET",    "/api/v1/forums/posts/<id:pk>/",                 "foreign"): (200, 200, 200, 200),
    ("PATCH",  "/api/v1/forums/posts/<id:pk>/",                 "own"):     (401, 200, 200, 200),
    ("PATCH",  "/api/v1/forums/posts/<id:pk>/",                 "foreign"): (401, 403, 200, 200),
    ("GET",    "/api/v1/forums/posts/<id:pk>/revisions/",       "foreign"): (200, 200, 200, 200),
    ("POST",   "/api/v1/forums/posts/<id:pk>/report/",          "own"):     (401, 400, 400, 400),
    ("POST",   "/api/v1/forums/posts/<id:pk>/report/",          "foreign"): (401, 201, 201, 201),
    ("POST",   "/api/v1/forums/posts/<id:pk>/moderate/",        "foreign"): (401, 403, 200, 200),
    ("GET",    "/api/v1/forums/reports/",                       "all"):     (401, 403, 200, 200),
    ("POST",   "/api/v1/forums/reports/<id:pk>/dismiss/",       "foreign"): (401, 403, 204, 204),
    ("GET",    "/api/v1/forums/bans/",                          "all"):     (401, 403, 200, 200),
    ("POST",   "/api/v1/forums/bans/",                          "all"):     (401, 403, 201, 201),
    ("POST",   "/api/v1/forums/bans/<id:pk>/lift/",             "foreign"): (401, 403, 200, 200),
}  # fmt: skip
# ---- direct messages ---------------------------------------------------------------------
# "own": the caller and the counterpart are connected and have a conversation (the caller
# received a message); "foreign": a conversation between two other members.
MESSAGES = {
    #  method, route,                                         target     anon member moderator admin
    ("GET",   "/api/v1/conversations/",                       "own"):     (401, 200, 200, 200),
    ("POST",  "/api/v1/conversations/",                       "own"):     (401, 201, 201, 201),
    ("GET",   "/api/v1/conversations/<id:pk>/messages/",     "own"):     (401, 200, 200, 200),
    ("GET",   "/api/v1/conversations/<id:pk>/messages/",     "foreign"): (401, 404, 404, 404),
    ("POST",  "/api/v1/conversations/<id:pk>/messages/",     "own"):     (401, 201, 201, 201),
    ("POST",  "/api/v1/conversations/<id:pk>/messages/",     "foreign"): (401, 404, 404, 404),
    ("POST",  "/api/v1/conversations/<id:pk>/read/",         "own"):     (401, 200, 200, 200),
    ("POST",  "/api/v1/conversations/<id:pk>/read/",         "foreign"): (401, 404, 404, 404),
    ("GET",   "/api/v1/messages/unread-count/",               "own"):     (401, 200, 200, 200),
    ("POST",  "/api/v1/messages/<id:pk>/report/",            "own"):     (401, 201, 201, 201),
    ("POST",  "/api/v1/messages/<id:pk>/report/",            "foreign"): (401, 404, 404, 404),
    ("GET",   "/api/v1/message-reports/",                     "all"):     (401, 403, 200, 200),
    ("POST",  "/api/v1/message-reports/<id:pk>/resolve/",    "foreign"): (401, 403, 200, 200),
    ("GET",   "/api/v1/messaging-preferences/",               "own"):     (401, 200, 200, 200),
    ("PATCH", "/api/v1/messaging-preferences/",               "own"):     (401, 200, 200, 200),
}  # fmt: skip
# ---- blog comments ------------------------------------------------------------------------
# A published post (by another member); new comments wait for a moderator (201, pending).
BLOG = {
    #  method, route,                                         target     anon member moderator admin
    ("GET",   "/api/v1/blog/posts/<id:pk>/comments/",         "foreign"): (200, 200, 200, 200),
    ("POST",  "/api/v1/blog/posts/<id:pk>/comments/",         "foreign"): (401, 201, 201, 201),
}  # fmt: skip
COMMUNITY_TABLES: dict[str, dict] = {"forums": FORUMS, "messages": MESSAGES, "blog": BLOG}

CASES = [
    pytest.param(
        area, method, route, target, role, expected, id=f"{method} {route} {target} {role}"
    )
    for tables, columns in ((TABLES, ROLES), (COMMUNITY_TABLES, COMMUNITY_ROLES))
    for area, table in tables.items()
    for (method, route, target), row in table.items()
    for role, expected in zip(columns, row, strict=True)
]


def _setups():
    """Per route: make the object the URL names, belonging to `owner`; return its params."""
    from community.connections.services import connection_accept, connection_request, user_block
    from community.messaging.services import message_report, message_send
    from community.notifications.services import notify

    def notification(owner, counterpart):
        return {"pk": notify(recipient=owner, type_code="account.role_changed").pk}

    def request_to(owner, counterpart):  # waiting for owner's answer
        return {"pk": connection_request(sender=counterpart, recipient=owner).pk}

    def request_from(owner, counterpart):  # owner's own request
        return {"pk": connection_request(sender=owner, recipient=counterpart).pk}

    def member_profile(owner, counterpart):
        # an unlisted member: visible to themself ("own"), to nobody else ("foreign")
        owner.profile.directory_visible = False
        owner.profile.save(update_fields=["directory_visible"])
        return {"user_id": owner.pk}

    def blocked_by(owner, counterpart):
        user_block(user=owner, other=counterpart)
        return {"user_id": counterpart.pk}

    def forum_post(owner, counterpart):  # a published topic whose opening post is owner's
        from community.forums.models import Post, Topic

        topic = Topic.objects.create(
            category=_forum_category(), title="Tema", slug=f"tema-{owner.pk}", author=owner
        )
        post = Post.objects.create(
            topic=topic, author=owner, is_opening=True, body="Hola", body_html="<p>Hola</p>"
        )
        return {"pk": post.pk, "topic": topic.pk}

    def forum_topic(owner, counterpart):
        return {"pk": forum_post(owner, counterpart)["topic"]}

    def forum_report(owner, counterpart):
        from community.forums.models import Post, PostReport

        post = Post.objects.get(pk=forum_post(owner, counterpart)["pk"])
        return {"pk": PostReport.objects.create(post=post, reporter=counterpart, reason="spam").pk}

    def forum_ban(owner, counterpart):
        from community.forums.models import ForumBan

        return {"pk": ForumBan.objects.create(user=owner, reason="Spam").pk}

    def forum_category(owner, counterpart):
        return {"pk": _forum_category().pk}

    def portfolio_item(owner, counterpart):
        from community.accounts.services import portfolio_item_create

        item = portfolio_item_create(profile=owner.profile, actor=owner, data={"title": "Obra"})
        return {"pk": item.pk}

    def ready_to_finish(owner, counterpart):  # the caller filled in what onboarding needs
        from community.accounts.services import profile_update

        profile_update(
            profile=owner.profile,
            actor=owner,
            data={"first_name": "Ana", "ai_interests": ["NLP"], "experience_level": "student"},
            complete_when_ready=False,
        )
        return {}

    def connected(owner, counterpart):
        connection_accept(
            user=counterpart,
            connection_id=connection_request(sender=owner, recipient=counterpart).pk,
        )
        return {}

    def received(owner, counterpart):  # a message from the counterpart to the owner
        connected(owner, counterpart)
        return message_send(sender=counterpart, recipient=owner, body="Hola")

    def conversation(owner, counterpart):
        return {"pk": received(owner, counterpart).conversation_id}

    def report(owner, counterpart):  # the owner reported the counterpart's message
        message = received(owner, counterpart)
        return {"pk": message_report(reporter=owner, message=message, reason="spam").pk}

    def submission(owner, counterpart, **fields):  # a row: owner need not be an organizer
        from wagtail.models import Locale

        from cms.events.models import EventSubmission

        return {
            "pk": EventSubmission.objects.create(
                organizer=owner, locale=Locale.get_default(), **fields
            ).pk
        }

    def complete_submission(owner, counterpart):  # ready to send, with an events section
        from cms.events.factories import event_indexes, make_venue
        from cms.home.demo import home_pages

        event_indexes(home_pages("/es/auth/register/"))
        place = {"event_format": "in_person", "venue": make_venue().pk, "online_url": ""}
        return submission(owner, counterpart, data={"details": _event_details(), "place": place})

    def pending_submission(owner, counterpart):
        return submission(owner, counterpart, status="pending")

    def proposed_venue(owner, counterpart):
        from cms.events.factories import make_venue

        return {"pk": make_venue(is_approved=False, created_by=owner).pk}

    def blog_post(owner, counterpart):  # a published post whose author is the owner
        from cms.blog.factories import blog_indexes, blog_post
        from cms.home.demo import home_pages

        indexes = blog_indexes(home_pages("/es/auth/register/"))
        return {"pk": blog_post(indexes["es"], author=owner).pk}

    def ticketed_event(owner, counterpart):  # a published event owner organizes, one type
        from cms.events.factories import event_indexes, make_event
        from cms.home.demo import home_pages
        from commerce.ticketing.services.ticket_types import ticket_type_save
        from community.accounts.factories import UserFactory

        index = event_indexes(home_pages("/es/auth/register/"))["es"]
        event = make_event(index, organizer=owner, owner=owner, capacity=10)
        ticket_type = ticket_type_save(
            event=event, user=UserFactory(role=Role.ADMIN), data={"name_es": "General", "price": 0}
        )
        return {"event_id": event.pk, "pk": ticket_type.pk}

    def registered_event(owner, counterpart):  # a ticketed event with one order placed
        from commerce.ticketing.services.holds import hold_create
        from commerce.ticketing.services.orders import order_place

        ids = ticketed_event(owner, counterpart)
        hold = hold_create(ticket_type_id=ids["pk"], quantity=1)
        order = order_place(hold_token=hold.token, email="ana@example.org",
                            attendees=[{"name": "Ana", "email": "ana@example.org"}])  # fmt: skip
        return {"event_id": ids["event_id"], "number": order.number}

    def seat_hold(owner, counterpart):  # owner's hold of one seat
        from commerce.ticketing.services.holds import hold_create

        ticket_type_id = ticketed_event(counterpart, owner)["pk"]
        hold = hold_create(ticket_type_id=ticket_type_id, quantity=1, user=owner)
        return {"token": hold.token}

    def sold_out(owner, counterpart):  # a one-seat type whose seat someone else holds
        from commerce.ticketing.services.holds import hold_create
        from commerce.ticketing.services.ticket_types import ticket_type_save

        made = ticketed_event(counterpart, owner)
        from commerce.ticketing.models import TicketType

        ticket_type = TicketType.objects.get(pk=made["pk"])
        from community.accounts.factories import UserFactory

        ticket_type_save(event=ticket_type.inventory.event, user=UserFactory(role=Role.ADMIN),
                         ticket_type=ticket_type, data={"capacity": 1})  # fmt: skip
        hold_create(ticket_type_id=ticket_type.pk, quantity=1, user=counterpart)
        return made

    def waitlist_entry(owner, counterpart):
        from commerce.ticketing.services.waitlist import waitlist_join

        made = sold_out(owner, counterpart)
        entry = waitlist_join(ticket_type_id=made["pk"], quantity=1, user=owner)
        return {"token": entry.token}

    def registration(owner, counterpart):  # owner's free order for counterpart's event
        from commerce.ticketing.services.holds import hold_create
        from commerce.ticketing.services.orders import order_place

        ticket_type_id = ticketed_event(counterpart, owner)["pk"]
        hold = hold_create(ticket_type_id=ticket_type_id, quantity=1, user=owner)
        order = order_place(hold_token=hold.token, user=owner,
                            attendees=[{"name": "Ana", "email": owner.email}])  # fmt: skip
        return {"number": order.number}

    def placed_order(owner, counterpart):  # an order owner placed for one seat
        from commerce.ticketing.services.orders import order_place

        hold = seat_hold(owner, counterpart)
        order = order_place(
            hold_token=hold["token"],
            user=owner,
            attendees=[{"name": "Ana", "email": "ana@example.org"}],
        )
        return {"number": order.number, "code": order.tickets.get().code}

    def transferred_order(owner, counterpart):  # owner's order, its ticket given away
        from commerce.ticketing.services.transfers import ticket_transfer

        placed = placed_order(owner, counterpart)
        ticket = ticket_transfer(
            code=placed["code"], user=owner, name="Dora", email=counterpart.email
        )
        return {"number": placed["number"], "code": ticket.code}

    return {
        ("/api/v1/me/tickets/<str:code>/pdf/", "transferred"): transferred_order,
        ("/api/v1/me/tickets/<str:code>/transfer/", "transferred"): transferred_order,
        ("/api/v1/me/orders/<str:number>/", "transferred"): transferred_order,
        "/api/v1/orders/<str:number>/refunds/": registration,
        "/api/v1/waitlist/": sold_out,
        "/api/v1/waitlist/<uuid:token>/": waitlist_entry,
        "/api/v1/events/<id:event_id>/promo-codes/": ticketed_event,
        "/api/v1/me/tickets/<str:code>/pdf/": placed_order,
        "/api/v1/me/tickets/<str:code>/transfer/": placed_order,
        "/api/v1/me/orders/<str:number>/": placed_order,
        "/api/v1/events/<id:event_id>/tickets/": ticketed_event,
        "/api/v1/events/<id:event_id>/questions/": ticketed_event,
        "/api/v1/events/<id:event_id>/ticket-types/": ticketed_event,
        "/api/v1/events/<id:event_id>/ticket-types/<id:pk>/": ticketed_event,
        "/api/v1/events/<id:event_id>/check-ins/": ticketed_event,
        "/api/v1/events/<id:event_id>/attendees/": registered_event,
        "/api/v1/events/<id:event_id>/attendees/message/": registered_event,
        "/api/v1/events/<id:event_id>/orders/<str:number>/resend/": registered_event,
        "/api/v1/holds/": ticketed_event,
        "/api/v1/holds/<uuid:token>/": seat_hold,
        "/api/v1/holds/<uuid:token>/order/": seat_hold,
        "/api/v1/events/submissions/<id:pk>/": submission,
        "/api/v1/events/submissions/<id:pk>/submit/": complete_submission,
        "/api/v1/events/submissions/<id:pk>/withdraw/": pending_submission,
        "/api/v1/events/submissions/<id:pk>/image/": submission,
        "/api/v1/events/venues/<id:pk>/approve/": proposed_venue,
        "/api/v1/blog/posts/<id:pk>/comments/": blog_post,
        "/api/v1/conversations/": connected,
        "/api/v1/conversations/<id:pk>/messages/": conversation,
        "/api/v1/conversations/<id:pk>/read/": conversation,
        "/api/v1/messages/<id:pk>/report/": lambda owner, counterpart: {
            "pk": received(owner, counterpart).pk
        },
        "/api/v1/message-reports/<id:pk>/resolve/": report,
        "/api/v1/forums/categories/<id:pk>/subscription/": forum_category,
        "/api/v1/forums/topics/<id:pk>/": forum_topic,
        "/api/v1/forums/topics/<id:pk>/posts/": forum_topic,
        "/api/v1/forums/topics/<id:pk>/subscription/": forum_topic,
        "/api/v1/forums/topics/<id:pk>/moderate/": forum_topic,
        "/api/v1/forums/posts/<id:pk>/": forum_post,
        "/api/v1/forums/posts/<id:pk>/revisions/": forum_post,
        "/api/v1/forums/posts/<id:pk>/report/": forum_post,
        "/api/v1/forums/posts/<id:pk>/moderate/": forum_post,
        "/api/v1/forums/reports/<id:pk>/dismiss/": forum_report,
        "/api/v1/forums/bans/<id:pk>/lift/": forum_ban,
        "/api/v1/users/<id:user_id>/role/": lambda owner, counterpart: {"user_id": owner.pk},
        "/api/v1/members/<id:user_id>/": member_profile,
        "/api/v1/notifications/<id:pk>/archive/": notification,
        "/api/v1/connections/<id:pk>/accept/": request_to,
        "/api/v1/connections/<id:pk>/decline/": request_to,
        "/api/v1/connections/<id:pk>/": request_from,
        "/api/v1/blocks/<id:user_id>/": blocked_by,
        "/api/v1/me/portfolio/<id:pk>/": portfolio_item,
        "/api/v1/me/onboarding/complete/": ready_to_finish,
    }


def _url(route: str, params: dict) -> str:
    for name, value in params.items():
        route = re.sub(rf"<\w+:{name}>", str(value), route)
    return route


@pytest.mark.django_db
@pytest.mark.parametrize(("area", "method", "route", "target", "role", "expected"), CASES)
def test_matrix(api_client, make_user, area, method, route, target, role, expected):
    caller = make_user(role) if role is not None else None
    other, third = make_user(Role.MEMBER), make_user(Role.MEMBER)
    # "own": the caller's object; "foreign": one between two other members
    owner = caller if (target in ("own", "transferred") and caller is not None) else other
    counterpart = third if owner is other else other
    setups = _setups()
    setup = setups.get((route, target)) or setups.get(route)
    url = _url(route, setup(owner, counterpart) if setup else {})
    if target == "hidden ordering":
        url += "?ordering=location"
    if caller is not None:
        api_client.force_authenticate(caller)
    body = BODIES.get((method, route))
    body = body(counterpart) if callable(body) else body
    if isinstance(body, tuple):  # (encoding, data): a file upload
        response = getattr(api_client, method.lower())(url, body[1], format=body[0])
    else:
        payload = json.dumps(body) if body else ""
        response = api_client.generic(method, url, data=payload, content_type="application/json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response.json()["error"]["message"]


def test_every_api_route_is_in_a_table():
    assert missing_from_tables(api_routes()) == set()


def missing_from_tables(routes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    tables = [*TABLES.values(), *COMMUNITY_TABLES.values()]
    covered = {(method, route) for table in tables for (method, route, _) in table}
    return routes - covered


def test_the_completeness_check_catches_a_planted_route():
    planted = api_routes() | {("DELETE", "/api/v1/me/")}
    assert missing_from_tables(planted) == {("DELETE", "/api/v1/me/")}
