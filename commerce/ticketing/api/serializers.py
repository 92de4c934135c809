"""Ticketing API: the shapes in and out, for buyers, their account and organizers. The rules
live in the services; these serializers only check types and sizes so that malformed input
is a 400 before any lookup."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from cms.events.models import RequirementKind

from ..models import (
    HoldStatus,
    OrderStatus,
    PaymentStatus,
    RefundStatus,
    StepKind,
    TicketCategory,
    TicketStatus,
    TicketType,
    TicketVisibility,
    WaitlistStatus,
)
from ..permissions import buyer_holds, holds_ticket
from ..selectors import STATUS_FILTERS, attendee_rows, waitlist_position
from ..services.registrations import BODY_MAX, SUBJECT_MAX
from ..services.ticket_types import TICKET_FIELDS
from ..services.transfers import transfer_refusal

ID_MAX = 2**53


class OffersQuerySerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class OfferSerializer(serializers.Serializer):
    """One entry of `selectors.ticket_offers`: {"type", "left", "on_sale", "sold_out"}."""

    id = serializers.IntegerField(source="type.pk")
    name = serializers.CharField(source="type.name", help_text="In the request's language.")
    description = serializers.CharField(source="type.description")
    category = serializers.ChoiceField(source="type.category", choices=TicketCategory.choices)
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="The next seat's price (price steps applied)."
    )
    currency = serializers.CharField(source="type.currency")
    tax_rate = serializers.DecimalField(
        source="type.tax_rate", max_digits=5, decimal_places=2, help_text="IVA % inside the price."
    )
    sale_ends = serializers.DateTimeField(source="type.sale_ends", allow_null=True)
    min_per_order = serializers.IntegerField(source="type.min_per_order")
    max_per_order = serializers.IntegerField(source="type.max_per_order")
    seats_left = serializers.IntegerField(
        source="left", allow_null=True, help_text="Seats left now; null: no limit."
    )
    on_sale = serializers.BooleanField(help_text="Can be bought now.")
    sold_out = serializers.BooleanField()


class QuestionSerializer(serializers.Serializer):
    """A question every attendee answers; answers go in `attendees[].answers` by `id`."""

    id = serializers.IntegerField(source="pk")
    label = serializers.CharField()
    help_text = serializers.CharField()
    kind = serializers.ChoiceField(choices=RequirementKind.choices)
    options = serializers.ListField(
        source="option_list",
        child=serializers.CharField(),
        help_text="The allowed answers of a `choice` question.",
    )
    mandatory = serializers.BooleanField()
    max_length = serializers.IntegerField(allow_null=True)


class HoldCreateSerializer(serializers.Serializer):
    ticket_type = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    quantity = serializers.IntegerField(min_value=1, max_value=100)
    code = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="A promo code (discount) or a code that unlocks a hidden ticket type.",
    )


class HoldSerializer(serializers.Serializer):
    token = serializers.UUIDField(
        help_text="The reservation's secret: whoever has it (or its account) places the order."
    )
    ticket_type = serializers.IntegerField(source="ticket_type_id")
    ticket_type_name = serializers.CharField(source="ticket_type.name")
    event = serializers.IntegerField(source="inventory.event_id")
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="The first seat's price."
    )
    subtotal = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="Every seat's price (price steps applied)."
    )
    discount = serializers.DecimalField(max_digits=12, decimal_places=2)
    discount_label = serializers.CharField(help_text="The promo code or group offer applied.")
    total = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="To pay, IVA included; frozen with the hold."
    )
    currency = serializers.CharField(source="ticket_type.currency")
    expires_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=HoldStatus.choices)
    order = serializers.SerializerMethodField(help_text="The order's number once placed.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_order(self, hold):
        return hold.order.number if hold.order_id else None


class AttendeeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    email = serializers.CharField(max_length=254)
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text='Answers by question id: {"12": "Vegetarian", "13": true}.',
    )


class OrderCreateSerializer(serializers.Serializer):
    email = serializers.CharField(
        max_length=254,
        required=False,
        allow_blank=True,
        default="",
        help_text="The buyer's email (guests only; signed-in buyers use their account's).",
    )
    attendees = serializers.ListField(
        child=AttendeeSerializer(), max_length=100, help_text="One per seat held."
    )


class OrderTicketSerializer(serializers.Serializer):
    """A ticket of the order just placed. Reading the order again after one of its tickets
    was transferred shows that ticket as `transferred`, without its code or holder."""

    code = serializers.CharField(allow_null=True, help_text="Null once transferred away.")
    attendee_name = serializers.CharField(allow_null=True, help_text="Null once transferred away.")
    attendee_email = serializers.CharField(allow_null=True, help_text="Null once transferred away.")
    ticket_type = serializers.CharField(source="ticket_type.name")
    transferred = serializers.SerializerMethodField(
        help_text="Transferred to someone else: only they may see, download or transfer it."
    )

    @extend_schema_field(serializers.BooleanField())
    def get_transferred(self, ticket) -> bool:
        return not buyer_holds(ticket)

    def to_representation(self, ticket):
        data = super().to_representation(ticket)
        if data["transferred"]:
            data.update(code=None, attendee_name=None, attendee_email=None)
        return data


class PaymentSerializer(serializers.Serializer):
    intent_id = serializers.CharField(help_text="The Stripe PaymentIntent.")
    client_secret = serializers.CharField(
        help_text="For Stripe.js confirmCardPayment (3-D Secure handled there)."
    )
    publishable_key = serializers.SerializerMethodField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=PaymentStatus.choices)

    @extend_schema_field(serializers.CharField())
    def get_publishable_key(self, payment):
        from django.conf import settings

        return settings.STRIPE_PUBLISHABLE_KEY


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    total = serializers.DecimalField(source="total_incl_tax", max_digits=12, decimal_places=2)
    total_excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    tickets = serializers.SerializerMethodField()
    payment = serializers.SerializerMethodField(
        help_text="Paid orders: confirm this PaymentIntent; the tickets are issued when it "
        "succeeds. Null for free orders."
    )

    @extend_schema_field(PaymentSerializer(allow_null=True))
    def get_payment(self, order):
        payment = getattr(order, "payment", None) if order.total_incl_tax else None
        return PaymentSerializer(payment).data if payment is not None else None

    @extend_schema_field(OrderTicketSerializer(many=True))
    def get_tickets(self, order):
        tickets = getattr(order, "placed_tickets", None)  # an order placed just now has them
        if tickets is None:
            tickets = order.tickets.select_related("ticket_type").order_by("pk")
        return OrderTicketSerializer(tickets, many=True).data


class TicketEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    start = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, page):
        return page.get_url(request=self.context.get("request"))


class MyTicketSerializer(serializers.Serializer):
    code = serializers.CharField()
    attendee_name = serializers.CharField()
    attendee_email = serializers.CharField()
    ticket_type = serializers.CharField(source="ticket_type.name")
    order = serializers.CharField(source="order.number")
    event = serializers.SerializerMethodField(help_text="In the request's language when it exists.")

    @extend_schema_field(TicketEventSerializer)
    def get_event(self, ticket):
        event = ticket.inventory.event
        event = self.context.get("translations", {}).get(event.translation_key, event)
        return TicketEventSerializer(event, context=self.context).data


class PriceStepSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StepKind.choices, default="sold")
    threshold = serializers.IntegerField(
        min_value=1, max_value=1_000_000, help_text="Seats sold, or percent of capacity sold."
    )
    price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)


class TicketTypeWriteSerializer(serializers.ModelSerializer):
    """The fields an organizer sets; the service checks them together (TicketType.clean)."""

    price_steps = PriceStepSerializer(
        many=True, required=False, help_text="Replaces the type's price steps."
    )
    includes = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        required=False,
        max_length=20,
        help_text="A bundle: ids of other events (that you organize) each ticket also admits to.",
    )

    class Meta:
        model = TicketType
        fields = [*TICKET_FIELDS, "price_steps", "includes"]
        extra_kwargs = {name: {"required": False} for name in TICKET_FIELDS if name != "name_es"}


class TicketTypeSerializer(serializers.ModelSerializer):
    category = serializers.ChoiceField(choices=TicketCategory.choices)
    visibility = serializers.ChoiceField(choices=TicketVisibility.choices)
    sold = serializers.SerializerMethodField(help_text="Valid tickets issued.")
    reserved = serializers.SerializerMethodField(help_text="Seats in live reservations.")
    left = serializers.SerializerMethodField(help_text="Seats left now; null: no limit.")
    price_steps = PriceStepSerializer(many=True, read_only=True)
    includes = serializers.SerializerMethodField(help_text="Events a bundle also admits to.")

    class Meta:
        model = TicketType
        fields = ["id", *TICKET_FIELDS, "price_steps", "includes", "sold", "reserved", "left"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_includes(self, ticket_type):
        return [inventory.event_id for inventory in ticket_type.includes.all()]

    def _counts(self) -> dict:
        return self.context.get("counts", {})

    @extend_schema_field(serializers.IntegerField())
    def get_sold(self, ticket_type):
        return self._counts().get("sold", {}).get(ticket_type.pk, 0)

    @extend_schema_field(serializers.IntegerField())
    def get_reserved(self, ticket_type):
        return self._counts().get("reserved", {}).get(ticket_type.pk, 0)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_left(self, ticket_type):
        return self._counts().get("left", {}).get(ticket_type.pk)


class CheckInRequestSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=500,
        help_text="A scanned QR token or a typed ticket code.",
    )


class CheckInCountsSerializer(serializers.Serializer):
    sold = serializers.IntegerField(help_text="Valid tickets issued for the event.")
    checked_in = serializers.IntegerField()


class CheckInResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["valid", "already", "void", "wrong_event", "invalid"],
        help_text="valid: admitted now; already: admitted before (see checked_in_at/by); "
        "void: refunded or cancelled; wrong_event: another event's ticket (nothing more "
        "about it is said); invalid: unknown, forged, or a code a transfer replaced.",
    )
    message = serializers.CharField()
    attendee_name = serializers.CharField(
        allow_blank=True, help_text="Empty unless the ticket is for this event."
    )
    ticket_type = serializers.CharField(
        allow_blank=True, help_text="Empty unless the ticket is for this event."
    )
    checked_in_at = serializers.DateTimeField(allow_null=True)
    checked_in_by = serializers.CharField(allow_blank=True)
    counts = CheckInCountsSerializer()


class RefundCreateSerializer(serializers.Serializer):
    tickets = serializers.ListField(
        child=serializers.CharField(max_length=24),
        required=False,
        default=list,
        max_length=100,
        help_text="Codes of the tickets to refund; empty: every valid ticket of the order.",
    )
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RefundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.CharField(source="order.number")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=RefundStatus.choices)
    tickets = serializers.SerializerMethodField(help_text="Codes of the tickets refunded.")
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tickets(self, refund):
        return [ticket.code for ticket in refund.tickets.all()]


class WaitlistJoinSerializer(serializers.Serializer):
    ticket_type = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    quantity = serializers.IntegerField(min_value=1, max_value=100, default=1)
    email = serializers.CharField(
        max_length=254, required=False, allow_blank=True, default="",
        help_text="Guests only; signed-in callers use their account's.",
    )  # fmt: skip


class WaitlistEntrySerializer(serializers.Serializer):
    token = serializers.UUIDField(help_text="The entry's secret: it shows and leaves it.")
    ticket_type = serializers.IntegerField(source="ticket_type_id")
    quantity = serializers.IntegerField()
    status = serializers.ChoiceField(choices=WaitlistStatus.choices)
    position = serializers.SerializerMethodField(help_text="1 is next; null once not waiting.")
    hold = serializers.SerializerMethodField(help_text="The offer's reservation, when offered.")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_position(self, entry):
        return waitlist_position(entry)

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_hold(self, entry):
        if entry.status != WaitlistStatus.OFFERED or entry.hold is None:
            return None
        return str(entry.hold.token)


class PromoCodeCreateSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None
    )
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    ticket_types = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX), max_length=50
    )
    max_uses = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    per_customer = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None
    )
    min_quantity = serializers.IntegerField(min_value=1, max_value=100, default=1)
    starts = serializers.DateTimeField(required=False, allow_null=True, default=None)
    ends = serializers.DateTimeField(required=False, allow_null=True, default=None)


class PromoCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    starts = serializers.DateTimeField(source="start_datetime")
    ends = serializers.DateTimeField(source="end_datetime")
    orders = serializers.IntegerField(source="num_orders")
    discount_given = serializers.DecimalField(
        source="total_discount", max_digits=12, decimal_places=2
    )


# ---- the buyer's account ---------------------------------------------------------------------


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
        held = getattr(ticket, "held", None)  # selectors.with_events
        if held is not None:
            return held
        request = self.context.get("request")
        return holds_ticket(request.user, ticket) if request is not None else buyer_holds(ticket)

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
    """An order as selectors.with_events decorates it."""

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


# ---- organizers' attendee lists and messages -------------------------------------------------


class AttendeeQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        default="",
        help_text="Part of a name or email, or a ticket code or order number.",
    )
    ticket_type = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    status = serializers.ChoiceField(
        choices=list(STATUS_FILTERS),
        required=False,
        allow_blank=True,
        default="",
    )


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="The question's id (see /questions/).")
    label = serializers.CharField()
    answer = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="Attendee")  # its name before OrderCreate's took it
class AttendeeRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    attendee_name = serializers.CharField()
    attendee_email = serializers.CharField()
    ticket_type = serializers.IntegerField(source="ticket_type_id")
    ticket_type_name = serializers.CharField(source="ticket_type.name")
    order = serializers.CharField(source="order.number")
    status = serializers.ChoiceField(choices=TicketStatus.choices)
    checked_in_at = serializers.DateTimeField(allow_null=True)
    answers = serializers.SerializerMethodField()

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, ticket):
        questions = self.context.get("questions", [])
        row = attendee_rows([ticket], questions)[0]
        return [
            {"question": key.pk, "label": label.label, "answer": answer}
            for (key, label), answer in zip(questions, row.answers, strict=True)
        ]


class AttendeeMessageRequestSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=SUBJECT_MAX)
    body = serializers.CharField(max_length=BODY_MAX)
    idempotency_key = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="Sending again with the same key (or, without one, the same subject and "
        "text) sends nothing: the first message is answered, with 200.",
    )


class AttendeeMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    status = serializers.CharField(help_text="pending, sending or sent.")
    recipients = serializers.IntegerField(
        help_text="People written to (each valid ticket holder's address once)."
    )
    created_at = serializers.DateTimeField()


class ResendSerializer(serializers.Serializer):
    order = serializers.CharField()
    status = serializers.CharField(help_text="queued: the email is on its way.")
