"""The buyer's side of the API: their orders (with tickets) and a ticket's transfer."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import TicketStatus
from ..transfers import transfer_refusal
from .serializers import TicketEventSerializer


class TransferSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, help_text="The new attendee's name.")
    email = serializers.CharField(
        max_length=254, help_text="The new attendee's email: their PDF ticket is sent there."
    )


class AccountTicketSerializer(serializers.Serializer):
    code = serializers.CharField()
    attendee_name = serializers.CharField()
    attendee_email = serializers.CharField()
    ticket_type = serializers.CharField(source="ticket_type.name")
    status = serializers.ChoiceField(choices=TicketStatus.choices)
    checked_in = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField(help_text="Where to download the PDF ticket.")
    transferable = serializers.SerializerMethodField(
        help_text="Whether it can be transferred now (POST …/transfer/)."
    )

    @extend_schema_field(serializers.BooleanField())
    def get_checked_in(self, ticket) -> bool:
        return ticket.checked_in_at is not None

    @extend_schema_field(serializers.BooleanField())
    def get_transferable(self, ticket) -> bool:
        if hasattr(ticket, "transferable"):
            return ticket.transferable
        return transfer_refusal(ticket) is None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf(self, ticket):
        if ticket.status != TicketStatus.VALID:
            return None
        return reverse("v1:my-ticket-pdf", kwargs={"code": ticket.code})


class OrderLineSerializer(serializers.Serializer):
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(
        source="unit_price_incl_tax", max_digits=12, decimal_places=2, allow_null=True
    )
    total = serializers.DecimalField(source="line_price_incl_tax", max_digits=12, decimal_places=2)
    total_excl_tax = serializers.DecimalField(
        source="line_price_excl_tax", max_digits=12, decimal_places=2
    )


class AccountOrderSerializer(serializers.Serializer):
    """An order as orders_selectors.with_events decorates it."""

    number = serializers.CharField()
    date_placed = serializers.DateTimeField()
    status = serializers.CharField(help_text="As stored: Pending, Paid, Refunded…")
    status_label = serializers.CharField(help_text="In the request's language.")
    currency = serializers.CharField()
    total = serializers.DecimalField(source="total_incl_tax", max_digits=12, decimal_places=2)
    quantity = serializers.IntegerField(help_text="Tickets in the order.")
    event = serializers.SerializerMethodField(help_text="In the request's language when it exists.")
    tickets = AccountTicketSerializer(many=True, source="tickets.all")

    @extend_schema_field(TicketEventSerializer(allow_null=True))
    def get_event(self, order):
        event = getattr(order, "event", None)
        return TicketEventSerializer(event, context=self.context).data if event else None


class AccountOrderDetailSerializer(AccountOrderSerializer):
    """A receipt: the lines and the totals with and without tax."""

    total_excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    tax = serializers.DecimalField(source="total_tax", max_digits=12, decimal_places=2)
    email = serializers.CharField(help_text="The buyer's email.")
    lines = OrderLineSerializer(many=True, source="lines.all")
