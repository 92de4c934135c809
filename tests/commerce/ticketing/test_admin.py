"""Ticket types in the Wagtail admin: the event's organizers and admins manage them."""

import pytest
from django.urls import reverse

from commerce.ticketing.models import TicketType
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _form(**changes):
    return {"name_es": "General", "name_en": "General", "description_es": "", "description_en": "",
            "category": "regular", "price": "25000", "currency": "COP", "sale_starts": "",
            "sale_ends": "", "min_per_order": "1", "max_per_order": "4", "capacity": "",
            "visibility": "public", "unlock_code": "", "sort_order": "0", "is_active": "on",
            "tax_rate": "0", "price_floor": "", "price_ceiling": "",
            **changes}  # fmt: skip


def test_the_organizer_adds_and_edits_ticket_types(client, event, organizer):
    client.force_login(organizer)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert reverse("ticketing_admin:ticket_type_list", args=[event.pk]) in edit_page
    response = client.post(reverse("ticketing_admin:ticket_type_add", args=[event.pk]), _form())
    assert response.status_code == 302
    ticket_type = TicketType.objects.get()
    assert ticket_type.product.stockrecords.get().price == 25000
    bad = client.post(
        reverse("ticketing_admin:ticket_type_edit", args=[event.pk, ticket_type.pk]),
        _form(min_per_order="5", max_per_order="2"),
    )
    assert bad.status_code == 200 and bad.context["form"].errors["max_per_order"]
    client.post(
        reverse("ticketing_admin:ticket_type_edit", args=[event.pk, ticket_type.pk]),
        _form(price="30000"),
    )
    assert TicketType.objects.get().product.stockrecords.get().price == 30000
    listing = client.get(reverse("ticketing_admin:ticket_type_list", args=[event.pk]))
    assert listing.status_code == 200 and listing.context["rows"][0]["left"] == 10


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.MEMBER, "moderator"])
def test_others_cannot_manage_the_events_tickets(client, event, make_user, role):
    client.force_login(make_user(role))
    for url in (reverse("ticketing_admin:ticket_type_list", args=[event.pk]),
                reverse("ticketing_admin:ticket_type_add", args=[event.pk])):  # fmt: skip
        assert client.get(url).status_code in (302, 403)
    client.post(reverse("ticketing_admin:ticket_type_add", args=[event.pk]), _form())
    assert not TicketType.objects.exists()


def test_admins_manage_any_events_tickets(client, event, admin_user):
    client.force_login(admin_user)
    assert (
        client.post(
            reverse("ticketing_admin:ticket_type_add", args=[event.pk]), _form()
        ).status_code
        == 302
    )


def test_the_organizer_refunds_from_the_orders_admin_and_sees_the_audit_log(
    client, event, organizer, make_ticket_type, make_user
):

    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    order = order_place(
        hold_token=hold.token, email="g@example.org",
        attendees=[{"name": "Ana", "email": "ana@example.org"}],
    )  # fmt: skip
    client.force_login(organizer)
    listing = client.get(reverse("ticketing_admin:orders", args=[event.pk]), {"q": "ana@exa"})
    assert order.number in listing.content.decode()
    detail_url = reverse("ticketing_admin:order", args=[event.pk, order.number])
    code = order.tickets.get().code
    response = client.post(detail_url, {"tickets": [code], "reason": "Cambio de planes"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "Refunded"
    page = client.get(detail_url).content.decode()
    assert "Cambio de planes" in page and "Paid → Refunded" in page
    client.force_login(make_user(Role.ORGANIZER))
    denied = client.get(detail_url)  # Wagtail turns PermissionDenied into a redirect home
    assert denied.status_code == 302 and denied.url == reverse("wagtailadmin_home")


def test_the_organizer_adds_a_promo_code_and_a_group_discount(
    client, event, organizer, make_ticket_type
):
    ticket_type = make_ticket_type(price=1000)
    client.force_login(organizer)
    url = reverse("ticketing_admin:promotions", args=[event.pk])
    response = client.post(url, {"kind": "code", "code-code": "socios", "code-percent": "15",
                                 "code-ticket_types": [ticket_type.pk]})  # fmt: skip
    assert response.status_code == 302
    bad = client.post(url, {"kind": "group", "group-min_quantity": "1", "group-percent": "10",
                            "group-ticket_types": [ticket_type.pk]})  # fmt: skip
    assert bad.status_code == 200 and bad.context["group_form"].errors
    client.post(url, {"kind": "group", "group-min_quantity": "4", "group-percent": "10",
                      "group-ticket_types": [ticket_type.pk]})  # fmt: skip
    page = client.get(url).content.decode()
    assert "SOCIOS" in page and "4" in page
