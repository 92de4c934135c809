"""A demo site built once per test module, for the gates that look at many pages (layout,
visual): the demo's events, tickets, blog, docs, forums and library, two members who talk to
each other, an order and an open reservation, on a clock fixed at FROZEN_AT.

The data outlives single tests, so a module imports these fixtures and does what a
transactional test with serialized_rollback does, once: restore the demo tree before, and
again after, so the next module starts from what it expects. The clock: `django.utils.timezone.now` ticks on from FROZEN_AT
(everything in the project asks it), so the demo's dates, relative to "today", are the same
on every run and a screenshot of an event page does not change with the calendar.
"""

from __future__ import annotations

import copy
import json
import time
from datetime import UTC, datetime
from functools import partial
from unittest import mock

import pytest

from community.accounts.factories import DEFAULT_PASSWORD

# A Saturday morning in Medellín (13:00 UTC); the demo's events fall around it.
FROZEN_AT = datetime(2026, 11, 7, 13, 0, tzinfo=UTC)
EVENT_ES = "/es/eventos/encuentro-mensual-agentes-de-ia/"
EVENT_EN = "/en/events/monthly-meetup-ai-agents/"


def _ticking_now(started=time.monotonic):
    from datetime import timedelta

    origin = started()

    def now():
        return FROZEN_AT + timedelta(seconds=started() - origin)

    return now


def _reset_database() -> None:
    """Back to the migrated demo tree that tests/conftest.py built (serialized once per
    session; serialized here when no test before asked pytest-django to)."""
    from django.core.management import call_command
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if not contents:  # nothing flushed this database yet
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            continue
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            database=alias,
            inhibit_post_migrate=True,
            reset_sequences=False,  # as Django's own teardown: ids restored keep their sequence
        )
        # Content types first: building a Wagtail task (or any model that asks for its
        # content type in __init__) before its row is back would create a second row for
        # it when the content-type cache is cold, as after a transactional test on
        # PostgreSQL, and the real row would then collide with it.
        objects = json.loads(contents)
        first = [o for o in objects if o["model"] == "contenttypes.contenttype"]
        rest = [o for o in objects if o["model"] != "contenttypes.contenttype"]
        connection.creation.deserialize_db_from_string(json.dumps(first))
        connection.creation.deserialize_db_from_string(json.dumps(rest))


def _build() -> dict:
    from django.urls import reverse
    from django.utils import translation

    from cms.blog import demo as blog_demo
    from cms.docs import demo as docs_demo
    from cms.events import demo as events_demo
    from cms.events.models import EventPage
    from cms.home import demo as home_demo
    from commerce.ticketing import demo as ticketing_demo
    from commerce.ticketing.models import TicketType
    from commerce.ticketing.services.holds import hold_create
    from commerce.ticketing.services.orders import order_place
    from community.accounts import demo as accounts_demo
    from community.accounts.factories import UserFactory
    from community.accounts.roles import Role
    from community.accounts.services import profile_update
    from community.connections.services import connection_accept, connection_request
    from community.forums import demo as forums_demo
    from community.messaging.services import message_send
    from community.notifications.services import notify

    with translation.override("es"):
        homes = home_demo.home_pages(reverse("account_signup"))
        home_demo.standard_pages(homes)
        accounts_demo.demo_users(DEFAULT_PASSWORD)  # the admin that demo_tickets needs
        events_demo.demo_events(homes)
        ticketing_demo.demo_tickets()
    # fixed names (the factory's are random): they are on the pages the visual gate shoots
    member = partial(UserFactory, role=Role.MEMBER)
    member(email="autora@example.org", first_name="Sara", last_name="Gil")
    member(email="autor@example.org", first_name="Juan", last_name="Mesa")
    forums_demo.demo_forums()
    blog_demo.demo_blog(homes)
    docs_demo.demo_docs(homes)
    home_demo.navigation(homes)

    ana = member(email="ana@example.org", first_name="Ana", last_name="Ruiz")
    profile_update(
        profile=ana.profile,
        actor=ana,
        data={"ai_interests": ["NLP"], "experience_level": "advanced", "location": "Laureles"},
    )
    ana.profile.signup_completed = True  # login lands on the dashboard
    ana.profile.save(update_fields=["signup_completed"])
    beto = member(email="beto@example.org", first_name="Beto", last_name="Gómez")
    connection_accept(user=beto, connection_id=connection_request(sender=ana, recipient=beto).pk)
    sent = message_send(sender=ana, recipient=beto, body="Hola Beto, ¿vienes al meetup?")
    message_send(sender=beto, recipient=ana, body="¡Claro! https://medellin.ai\nNos vemos.")
    notify(recipient=ana, type_code="account.role_changed", context={"role": "Miembro"})

    event = EventPage.objects.get(url_path__endswith="/encuentro-mensual-agentes-de-ia/")
    paid = (
        TicketType.objects.filter(price__gt=0, visibility="public")
        .select_related("inventory")
        .order_by("pk")
        .first()
    )
    paid_event = EventPage.objects.get(
        translation_key=paid.inventory.event_key, locale=event.locale
    )
    answers = {  # every question the event asks, answered
        str(q.pk): q.option_list[0] if q.kind == "choice" else (q.kind == "checkbox" or "Sí")
        for q in paid_event.requirements.all()
    }
    order = order_place(
        hold_token=hold_create(ticket_type_id=paid.pk, quantity=1, user=ana).token,
        email=ana.email,
        attendees=[{"name": "Ana", "email": ana.email, "answers": answers}],
        user=ana,
    )
    hold = hold_create(ticket_type_id=paid.pk, quantity=2, user=ana)
    return {
        "event": event,
        "ana": ana,
        "beto": beto,
        "conversation": sent.conversation_id,
        "order": order,
        "hold": hold,
    }


@pytest.fixture(autouse=True)
def _live_server_helper():
    """pytest-django's helper would make every test transactional (a flush after each one):
    the module's data must live for the whole module. `seeded_site` does its part."""
    yield


@pytest.fixture(autouse=True)
def _empty_file_storage():
    """tests/conftest.py empties the in-memory storage before each test: keep the demo's
    posters and avatars for the whole module (`seeded_site` restores it at the end)."""
    yield


@pytest.fixture(scope="module")
def seeded_site(browser, live_server, django_db_blocker):
    from django.core.files.storage import InMemoryStorage, storages

    from tests import conftest

    storage = storages["default"]
    in_memory = isinstance(storage, InMemoryStorage) and conftest._STORAGE_SNAPSHOT is not None
    if in_memory:
        storage._root = copy.deepcopy(conftest._STORAGE_SNAPSHOT)
    live_server._live_server_modified_settings.enable()
    # the live server's thread reads the database through the whole module
    with mock.patch("django.utils.timezone.now", _ticking_now()), django_db_blocker.unblock():
        started = time.monotonic()
        _reset_database()
        data = _build()
        print(f"seeded the demo site in {time.monotonic() - started:.1f} s")  # noqa: T201
        yield {"url": live_server.url, **data}
        _reset_database()
    live_server._live_server_modified_settings.disable()
    if in_memory:
        storage._root = copy.deepcopy(conftest._STORAGE_SNAPSHOT)


def sign_in(page, base: str, email: str = "ana@example.org") -> None:
    page.goto(base + "/es/auth/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/es/dashboard/")
