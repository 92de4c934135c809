"""Inventory alerts: the event's organizers hear once when a ticket type, or the event's
total, passes 80% and 100% sold."""

import pytest

from commerce.ticketing.models import EventInventory, InventoryAlert
from commerce.ticketing.services.alerts import check_inventory
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from community.accounts.roles import Role
from community.notifications.models import Notification

pytestmark = pytest.mark.django_db

ALMOST, SOLD_OUT = "ticketing.inventory_almost_sold_out", "ticketing.inventory_sold_out"


def buy(ticket_type, n, capture):
    people = [{"name": f"P{i}", "email": f"p{i}@example.org"} for i in range(n)]
    with capture(execute=True):  # the alert check is a task queued on commit
        hold = hold_create(ticket_type_id=ticket_type.pk, quantity=n)
        order_place(hold_token=hold.token, email="c@example.org", attendees=people)


def alerts_of(user):
    return list(
        Notification.objects.filter(recipient=user, type_code__startswith="ticketing.inventory")
        .order_by("pk")
        .values_list("type_code", flat=True)
    )


def test_a_ticket_type_alerts_at_80_and_100_percent_once(
    event, organizer, make_user, make_ticket_type, mailoutbox, django_capture_on_commit_callbacks
):
    co = make_user(Role.ORGANIZER)
    event.co_organizers = [co]
    event.save()
    ticket_type = make_ticket_type(capacity=100, max_per_order=100)
    EventInventory.objects.update(capacity=None)  # only the ticket type's capacity counts
    buy(ticket_type, 79, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == []  # 79%: nothing yet
    mailoutbox.clear()
    buy(ticket_type, 1, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == [ALMOST] and alerts_of(co) == [ALMOST]
    note = Notification.objects.filter(recipient=organizer).get()
    assert "Taller abierto" in note.title and note.context["percent"] == "80"
    assert note.url.endswith(f"/dashboard/events/registrations/{event.pk}/")
    assert {m.to[0] for m in mailoutbox} >= {organizer.email, co.email}  # by email too
    buy(ticket_type, 1, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == [ALMOST]  # 81%: not again
    assert check_inventory(ticket_type.inventory_id) == []  # nor when checked again
    buy(ticket_type, 19, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == [ALMOST, SOLD_OUT] and alerts_of(co) == [ALMOST, SOLD_OUT]
    assert set(InventoryAlert.objects.values_list("scope", "threshold")) == {
        (f"type:{ticket_type.pk}", 80),
        (f"type:{ticket_type.pk}", 100),
    }


def test_the_events_total_alerts_too(
    event, organizer, make_user, make_ticket_type, django_capture_on_commit_callbacks
):
    general, vip = make_ticket_type(), make_ticket_type(name_es="VIP")  # event capacity 10
    buy(general, 4, django_capture_on_commit_callbacks)
    buy(vip, 3, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == []
    buy(vip, 1, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == [ALMOST]
    assert Notification.objects.get(recipient=organizer).context["tickets"] in (
        "all tickets",
        "todas las entradas",
    )
    # a big order passing both thresholds at once: one sold-out alert
    buy(general, 2, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == [ALMOST, SOLD_OUT]
    other = make_user(Role.ORGANIZER)
    assert alerts_of(other) == []  # someone else's event


def test_both_thresholds_at_once_announce_sold_out_only(
    event, organizer, make_ticket_type, django_capture_on_commit_callbacks
):
    ticket_type = make_ticket_type(capacity=5)
    buy(ticket_type, 5, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == [SOLD_OUT]
    assert InventoryAlert.objects.count() == 2  # 80% is recorded as passed too


def test_no_capacity_no_alert(
    event, organizer, make_ticket_type, django_capture_on_commit_callbacks
):
    EventInventory.objects.all().delete()
    event.capacity = None
    event.save()
    ticket_type = make_ticket_type()
    buy(ticket_type, 3, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == []
    assert check_inventory(10**9) == []  # an inventory that no longer exists


def test_organizers_preferences_apply(
    event, organizer, make_ticket_type, mailoutbox, django_capture_on_commit_callbacks
):
    from community.notifications.services import preferences_update

    preferences_update(
        user=organizer,
        changes=[{"type": SOLD_OUT, "channel": "email", "enabled": False}],
    )
    ticket_type = make_ticket_type(capacity=2)
    mailoutbox.clear()
    buy(ticket_type, 2, django_capture_on_commit_callbacks)
    assert alerts_of(organizer) == [SOLD_OUT]  # in the app
    assert organizer.email not in {m.to[0] for m in mailoutbox if "Sold out" in m.subject
                                   or "Agotad" in m.subject}  # fmt: skip
