"""The tickets page as redesigned (issue #21): one choice of ticket type, a quantity field per
type, one Reserve button; each card says "few left" and hints at the group discounts."""

import pytest
from django.urls import reverse
from django.utils import translation

from commerce.ticketing.forms import HoldForm
from commerce.ticketing.models import SeatHold
from commerce.ticketing.services.promotions import group_discount_create

pytestmark = pytest.mark.django_db


def tickets_url(event):
    with translation.override("es"):
        return reverse("ticketing:event", kwargs={"event_id": event.pk})


def test_the_quantity_of_the_chosen_type_is_the_one_reserved(client, event, make_ticket_type):
    first = make_ticket_type(name_es="General", price=1000)
    second = make_ticket_type(name_es="VIP", price=5000)
    response = client.post(
        tickets_url(event),
        {"ticket_type": second.pk, f"quantity-{first.pk}": 1, f"quantity-{second.pk}": 3},
    )
    hold = SeatHold.objects.get()
    assert response.status_code == 302 and hold.ticket_type == second and hold.quantity == 3


def test_a_posted_quantity_still_wins():
    form = HoldForm({"ticket_type": 7, "quantity": 2, "quantity-7": 5})
    assert form.is_valid() and form.cleaned_data["quantity"] == 2


def test_the_page_shows_the_group_discount_and_the_reserve_button(
    client, event, make_ticket_type, organizer
):
    ticket_type = make_ticket_type(name_es="General", price=1000)
    group_discount_create(
        event=event, user=organizer, min_quantity=4, percent=10, ticket_types=[ticket_type]
    )
    page = client.get(tickets_url(event))
    (offer,) = page.context["offers"]
    assert offer["groups"] == [{"min_quantity": 4, "percent": offer["groups"][0]["percent"]}]
    assert offer["groups"][0]["percent"] == 10
    html = page.content.decode()
    assert 'data-cta="reserve"' in html and 'class="steps"' in html
    assert "Grupos de 4 o más: 10% de descuento" in html
