"""The buyer's side of the API: their orders (with tickets) and a ticket's transfer."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import TicketStatus
from ..transfers import buyer_holds, holds, transfer_refusal
from .serializers import TicketEventSerializer


class TransferSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, help_text="The new attendee's name.")
    email = serializers.CharField(
        max_length=254, help_text="The new attendee's email: their PDF ticket is sent there."
    )


class AccountTicketSerializer(serializers.Serializer):
    """A ticket as its buyer or holder reads it. Once transferred to someone else, the
    buyer's order still lists it, as `transferred`, with no code, holder or PDF."""

    code = serializers.CharField(allow_null=True, help_text="Null once transferred away.")
    attendee_name = serializers.CharField(allow_null=True, help_text="Null once transferred away.")
    attendee_email = serializers.CharField(allow_null=True, help_text="Null once transferred away.")
    ticket_type = serializers.CharField(source="ticket_type.name")
    status = serializers.ChoiceField(choices=TicketStatus.choices)
    checked_in = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField(help_text="Where to download the PDF ticket.")
    transferable = serializers.SerializerMethodField(
        help_text="Whether it can be transferred now (POST …/transfer/)."
    )
    transferred = serializers.SerializerMethodField(
        help_text="Transferred to someone else: only they may see, download or transfer it."
    )

    def _held(self, ticket) -> bool:
        held = getattr(ticket, "held", None)  # orders_selectors.with_events
        if held is not None:
            return held
        request = self.context.get("request")
        return holds(request.user, ticket) if request is not None else buyer_holds(ticket)

    def to_representation(self, ticket):
        data = super().to_representation(ticket)
        if not self._held(ticket):
            data.update(code=None, attendee_name=None, attendee_email=None, pdf=None,
                        transferable=False)  # fmt: skip
        return data

    @extend_schema_field(serializers.BooleanField())
    def get_checked_in(self, ticket) -> bool:
        return ticket.checked_in_at is not None

    @extend_schema_field(serializers.BooleanField())
    def get_transferable(self, ticket) -> bool:
        if hasattr(ticket, "transferable"):
            return ticket.transferable
        return transfer_refusal(ticket) is None

    @extend_schema_field(serializers.BooleanField())
    def get_transferred(self, ticket) -> bool:
        return not self._held(ticket)

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
