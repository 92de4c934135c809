"""Cancelling, postponing or moving a published event tells everyone registered, once:
members through the notification service, guests by email."""

from datetime import timedelta

import pytest

from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(event, make_ticket_type, make_user):
    ana = make_user(email="ana@example.org", first_name="Ana")
    hold = hold_create(ticket_type_id=make_ticket_type().pk, quantity=3)
    order_place(
        hold_token=hold.token,
        email="buyer@example.org",
        attendees=[
            {"name": "Ana", "email": "ana@example.org"},
            {"name": "Ana otra vez", "email": "ana@example.org"},
            {"name": "Invitado", "email": "guest@example.org"},
        ],
    )
    return ana


def _publish(event, capture, **changes):
    for key, value in changes.items():
        setattr(event, key, value)
    with capture(execute=True):
        event.save_revision().publish()


def test_cancelling_tells_each_registrant_once(
    event, registered, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(event, django_capture_on_commit_callbacks, status="cancelled")
    notes = registered.platform_notifications.filter(type_code="events.event_cancelled")
    assert notes.count() == 1 and "Taller abierto" in notes.get().title
    guest_mail = [m for m in mailoutbox if m.to == ["guest@example.org"]]
    assert len(guest_mail) == 1 and "Taller abierto" in guest_mail[0].subject
    # publishing again (or the other language) says nothing new
    count = len(mailoutbox)
    _publish(event, django_capture_on_commit_callbacks, summary="Cancelado por lluvia")
    assert len(mailoutbox) == count
    assert registered.platform_notifications.count() == 1


def test_moving_the_event_tells_the_new_and_old_time(
    event, registered, mailoutbox, django_capture_on_commit_callbacks
):
    start = event.start + timedelta(days=7)
    _publish(event, django_capture_on_commit_callbacks, start=start, end=start + timedelta(hours=2))
    note = registered.platform_notifications.get(type_code="events.event_rescheduled")
    assert "America/Bogota" in note.body
    assert any(m.to == ["guest@example.org"] for m in mailoutbox)


def test_unrelated_edits_and_events_without_tickets_tell_nobody(
    event, registered, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(event, django_capture_on_commit_callbacks, summary="Nuevo resumen", capacity=12)
    assert registered.platform_notifications.count() == 0
    assert not [m for m in mailoutbox if m.to == ["guest@example.org"]]
    from commerce.ticketing.models import EventInventory

    assert EventInventory.objects.get(event_key=event.translation_key).capacity == 12
