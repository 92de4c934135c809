"""Gate 1c: the server-rendered site and every body parser under hostile input.

Gates 1 and 1b fuzz the APIs' documented parameters. Here the seeded demo is crawled as
each kind of visitor; every query parameter a page reads and every field of every form it
shows gets the hostile values (tests/quality/site_crawl.py). Then every API and allauth
endpoint that takes a body gets bodies of every content type. Nothing may answer 500."""

import copy
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from community.accounts.roles import Role

from .routes import api_routes
from .site_crawl import crawl, probe_forms, probe_query_strings, recording_query_keys

pytestmark = pytest.mark.django_db

PASSWORD = "fuzz-pass-2026"
STARTS = ["/es/", "/en/", "/es/search/?q=medell%C3%ADn", "/es/forums/", "/es/members/"]
SIGNED_IN_STARTS = ["/es/dashboard/", "/es/dashboard/notifications/", "/es/dashboard/events/",
                    "/es/dashboard/connections/", "/es/dashboard/messages/",
                    "/es/dashboard/settings/", "/es/dashboard/billing/", "/es/tickets/"]  # fmt: skip
DEMO_LOGINS = {  # an attendee sees a member's pages, with fewer links
    Role.MEMBER: "member@medellin.ai",
    Role.ORGANIZER: "organizer@medellin.ai",
}


def _admin_starts() -> list[str]:
    """Our own screens inside Wagtail's admin (Wagtail's own are Wagtail's to fuzz)."""
    from cms.events.models import EventPage

    event = EventPage.objects.live().first()
    return [
        reverse("blog_moderation:queue"),
        reverse("forums_moderation:queue"),
        reverse("events_funnel"),
        reverse("resources_downloads"),
        reverse("ticketing_admin:ticket_type_list", args=[event.pk]),
        reverse("ticketing_admin:orders", args=[event.pk]),
        reverse("ticketing_admin:promotions", args=[event.pk]),
        reverse("ticketing_attendees_admin:attendee_list", args=[event.pk]),
    ]


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):
    """seed_demo once per worker for the four identities, in a transaction rolled back
    after the module; each test's own transaction is a savepoint inside it."""
    from django.core.files.storage import storages
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--force", "--password", PASSWORD, verbosity=0)
        yield copy.deepcopy(getattr(storages["default"], "_root", None))  # its images
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db):
    from django.core.files.storage import InMemoryStorage, storages

    storage = storages["default"]
    if isinstance(storage, InMemoryStorage):  # each test starts with the demo's uploads only
        storage._root = copy.deepcopy(_seeded_module)


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.ORGANIZER, Role.ADMIN])
def test_no_page_or_form_of_the_site_answers_500(seeded, role):
    client = Client()
    login = None
    starts = list(STARTS)
    if role is not None:
        if role == Role.ADMIN:
            user = get_user_model().objects.get(email="admin@medellin.ai")
            starts = _admin_starts()
        else:
            user = get_user_model().objects.get(email=DEMO_LOGINS[role])
            starts += SIGNED_IN_STARTS

        def login():
            client.force_login(user)

        login()
    with recording_query_keys():
        visits, failures = crawl(
            client, starts, limit=10 if role == Role.ADMIN else 120, every_page=role is None
        )
        assert len(visits) >= (6 if role == Role.ADMIN else 18), [v.url for v in visits]
        assert sum(len(v.reads) for v in visits) >= 5  # parameters were found to probe
        failures += probe_query_strings(client, visits)
        failures += probe_forms(client, visits, login=login)
    assert failures == [], "\n".join(failures)


# ---- bodies of every content type ------------------------------------------------------------

DEEP = "[" * 50_000 + "]" * 50_000
BODIES = {
    "deep JSON": ("application/json", DEEP),
    "deep text/plain": ("text/plain", DEEP),
    "deep, no content type": ("", DEEP),
    "JSON that is not UTF-8": ("application/json", b'{"email": "\xff\xfe"}'),
    "JSON null": ("application/json", "null"),
    "JSON list": ("application/json", "[1, 2]"),
    "JSON string": ("application/json", '"x"'),
    "broken JSON": ("application/json", '{"a": '),
    "JSON too large": ("application/json", json.dumps({"a": "x" * (11 * 1024 * 1024)})),
    "form": ("application/x-www-form-urlencoded", "a=1&b=%FF&c"),
    "multipart without boundary": ("multipart/form-data", "--x\r\n"),
    "XML": ("application/xml", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"),
    "text": ("text/plain", "hola"),
}
ALLAUTH = [
    f"/_allauth/{client}/v1/{path}"
    for client in ("browser", "app")
    for path in ("auth/login", "auth/signup", "auth/password/request", "auth/password/reset",
                 "auth/email/verify", "auth/reauthenticate", "auth/code/request",
                 "auth/code/confirm", "account/password/change", "account/email")
]  # fmt: skip


def _write_routes() -> list[tuple[str, str]]:
    routes = [
        (method, re.sub(r"<[^>]+>", "1", route))
        for method, route in sorted(api_routes())
        if method in ("POST", "PUT", "PATCH")
    ]
    return routes + [("POST", path) for path in ALLAUTH]


def test_every_body_parser_answers_4xx_in_its_own_shape(make_user):
    from rest_framework.test import APIClient

    member = make_user(Role.MEMBER)
    routes = _write_routes()
    assert len(routes) >= 40
    failures = []
    for identity in ("anonymous", "member"):
        client = APIClient()
        if identity == "member":
            client.force_authenticate(member)
        for method, path in routes:
            for name, (content_type, body) in BODIES.items():
                response = client.generic(method, path, body, content_type=content_type)
                problem = None
                if response.status_code >= 500:
                    problem = f"{response.status_code}"
                elif response.status_code >= 400 and not response.get(
                    "Content-Type", ""
                ).startswith("application/json"):
                    problem = f"{response.status_code} as {response.get('Content-Type')}"
                if problem:
                    failures.append(f"{identity} {method} {path} with {name}: {problem}")
    assert failures == [], "\n".join(failures)
