"""Registering for events through the API: ticket offers, seat holds, placing the order, the
caller's tickets, and the organizers' ticket types. Thin: the rules live in the services
and selectors, shared with the site's registration pages (../views.py)."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework import permissions as drf_permissions
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.events.models import EventPage
from config.api.filters import API_FILTER_BACKENDS
from config.api.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from .. import payments, selectors, services, waitlist
from ..models import (
    EventInventory,
    HoldStatus,
    OrderStatus,
    SeatHold,
    Ticket,
    TicketStatus,
    TicketType,
    WaitlistEntry,
)
from ..orders_selectors import held_by
from . import serializers as s

NO_SUCH_HOLD = _("There is no such reservation, or it belongs to another account.")


def _event(pk: int) -> EventPage:
    """A published, public event page (any language version)."""
    event = EventPage.objects.live().public().filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def _questions_event(event: EventPage) -> EventPage:
    """The page whose questions the order is checked against: the one the event's
    inventory was created from (order_place), or this page while it has none."""
    inventory = (
        EventInventory.objects.filter(event_key=event.translation_key)
        .select_related("event")
        .first()
    )
    return inventory.event if inventory else event


def _hold(request, token) -> SeatHold:
    """The token is the secret; a hold owned by an account is only its owner's."""
    hold = (
        SeatHold.objects.select_related("ticket_type", "inventory", "order")
        .filter(token=token)
        .first()
    )
    if hold is None or (hold.user_id and hold.user_id != getattr(request.user, "pk", None)):
        raise NotFound(NO_SUCH_HOLD)
    return hold


class EventOffersView(APIView):
    """The event's ticket offers, cheapest first: public types, plus hidden ones `code`
    unlocks, with the seats left now and whether each can be bought now."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, description="Unlocks hidden ticket types.")
        ],
        responses={200: s.OfferSerializer(many=True)},
        operation_id="tickets_offers",
    )
    def get(self, request, event_id):
        event = _event(event_id)
        query = s.OffersQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        offers = selectors.ticket_offers(event, code=query.validated_data["code"])
        return Response(s.OfferSerializer(offers, many=True).data)


class EventQuestionsView(APIView):
    """The questions every attendee answers when the order is placed (build the form)."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(
        responses={200: s.QuestionSerializer(many=True)}, operation_id="tickets_questions"
    )
    def get(self, request, event_id):
        event = _questions_event(_event(event_id))
        return Response(s.QuestionSerializer(event.requirements.all(), many=True).data)


class HoldCreateView(APIView):
    """Reserve seats of a ticket type for a few minutes (the price is frozen with them);
    signed-in callers own the reservation. Throttled per client (scope `holds`)."""

    permission_classes = [drf_permissions.AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "holds"

    @extend_schema(
        request=s.HoldCreateSerializer,
        responses={201: s.HoldSerializer},
        operation_id="tickets_hold_create",
    )
    def post(self, request):
        data = s.HoldCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        hold = services.hold_create(
            ticket_type_id=data.validated_data["ticket_type"],
            quantity=data.validated_data["quantity"],
            user=request.user,
            code=data.validated_data["code"],
        )
        return Response(s.HoldSerializer(hold).data, status=status.HTTP_201_CREATED)


class HoldDetailView(APIView):
    """A reservation: its seats, price, expiry and status (and its order once placed).
    DELETE releases the seats at once."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(responses={200: s.HoldSerializer}, operation_id="tickets_hold_detail")
    def get(self, request, token):
        return Response(s.HoldSerializer(_hold(request, token)).data)

    @extend_schema(responses={204: None}, operation_id="tickets_hold_release")
    def delete(self, request, token):
        services.hold_release(hold=_hold(request, token), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HoldOrderView(APIView):
    """Place the order: one ticket per attendee. Free orders are done; paid ones come back
    pending with a Stripe PaymentIntent to confirm, and their tickets are issued when the
    payment succeeds. 201 when the order is created; placing the same reservation again
    (a double click, a retry) answers 200 with the order it already became."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(
        request=s.OrderCreateSerializer,
        responses={
            201: OpenApiResponse(s.OrderSerializer, description="The order was placed."),
            200: OpenApiResponse(s.OrderSerializer, description="Already placed: the order."),
        },
        operation_id="tickets_order_place",
    )
    def post(self, request, token):
        data = s.OrderCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_place(
            hold_token=token,
            user=request.user,
            email=data.validated_data["email"],
            attendees=[dict(a) for a in data.validated_data["attendees"]],
        )
        if order.status == OrderStatus.PENDING:  # committed: now the card payment (network)
            payments.payment_start(order, new=order.placed_now)
        code = status.HTTP_201_CREATED if order.placed_now else status.HTTP_200_OK
        return Response(s.OrderSerializer(order).data, status=code)


class MyTicketListView(generics.ListAPIView):
    """The caller's valid tickets: those issued to them and those of orders they placed
    and did not transfer, latest event first."""

    permission_classes = [drf_permissions.IsAuthenticated]
    serializer_class = s.MyTicketSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Ticket.objects.none()
        user = self.request.user
        return (
            Ticket.objects.filter(held_by(user), status=TicketStatus.VALID)
            .select_related("ticket_type", "order", "inventory__event")
            .order_by("-inventory__event__start", "pk")
        )

    def list(self, request, *args, **kwargs):
        from wagtail.models import Locale

        # filter_queryset refuses undeclared parameters
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        keys = {ticket.inventory.event.translation_key for ticket in page}
        translations = {
            event.translation_key: event
            for event in EventPage.objects.live().filter(
                translation_key__in=keys, locale=Locale.get_active()
            )
        }
        context = self.get_serializer_context() | {"translations": translations}
        data = s.MyTicketSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


class ManagesTickets(drf_permissions.BasePermission):
    message = _("Only the event's organizers and admins manage its tickets.")

    def has_permission(self, request, view):
        return request.user and request.user.is_authenticated


def _managed_event(request, event_id) -> EventPage:
    """Any event page (drafts too: tickets are set up before publishing), if the caller
    manages its tickets."""
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        raise Http404
    if not services.may_manage_tickets(request.user, event):
        raise PermissionDenied(ManagesTickets.message)
    return event


def _type_counts(event: EventPage) -> dict:
    """Sold, reserved and left per ticket type of the event (three queries)."""
    inventory = EventInventory.objects.filter(event_key=event.translation_key).first()
    if inventory is None:
        return {}
    now = timezone.now()
    sold = dict(
        Ticket.objects.filter(inventory=inventory, status=TicketStatus.VALID)
        .values_list("ticket_type")
        .annotate(n=Count("id"))
    )
    reserved = dict(
        SeatHold.objects.filter(inventory=inventory, status=HoldStatus.ACTIVE, expires_at__gt=now)
        .values_list("ticket_type")
        .annotate(n=Sum("quantity"))
    )
    counts = {"event": sum(sold.values()) + sum(reserved.values()), "types": {}}
    for type_id in sold.keys() | reserved.keys():
        counts["types"][type_id] = sold.get(type_id, 0) + reserved.get(type_id, 0)
    types = TicketType.objects.filter(inventory=inventory).select_related("inventory")
    left = {t.pk: services.available(t, counts) for t in types}
    return {"sold": sold, "reserved": reserved, "left": left}


class TicketTypeListView(APIView):
    """Organizers and admins: every ticket type of the event (on sale or not), with seats
    sold, reserved and left. POST adds one."""

    permission_classes = [ManagesTickets]

    @extend_schema(
        responses={200: s.TicketTypeSerializer(many=True)}, operation_id="tickets_types_list"
    )
    def get(self, request, event_id):
        event = _managed_event(request, event_id)
        types = TicketType.objects.filter(
            inventory__event_key=event.translation_key
        ).prefetch_related("price_steps", "includes")
        context = {"request": request, "counts": _type_counts(event)}
        serializer = s.TicketTypeSerializer(types.order_by("sort_order", "price", "pk"), many=True,
                                            context=context)  # fmt: skip
        return Response(serializer.data)

    @extend_schema(
        request=s.TicketTypeWriteSerializer,
        responses={201: s.TicketTypeSerializer},
        operation_id="tickets_types_create",
    )
    def post(self, request, event_id):
        event = _managed_event(request, event_id)
        data = s.TicketTypeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ticket_type = services.ticket_type_save(
            event=event, user=request.user, data=data.validated_data
        )
        context = {"request": request, "counts": _type_counts(event)}
        body = s.TicketTypeSerializer(ticket_type, context=context).data
        return Response(body, status=status.HTTP_201_CREATED)


class TicketTypeDetailView(APIView):
    """Organizers and admins: change some fields of one of the event's ticket types."""

    permission_classes = [ManagesTickets]

    @extend_schema(
        request=s.TicketTypeWriteSerializer(partial=True),
        responses={200: s.TicketTypeSerializer},
        operation_id="tickets_types_update",
    )
    def patch(self, request, event_id, pk):
        event = _managed_event(request, event_id)
        ticket_type = TicketType.objects.filter(
            pk=pk, inventory__event_key=event.translation_key
        ).first()
        if ticket_type is None:
            raise Http404
        data = s.TicketTypeWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        ticket_type = services.ticket_type_save(
            event=event, user=request.user, data=data.validated_data, ticket_type=ticket_type
        )
        context = {"request": request, "counts": _type_counts(event)}
        return Response(s.TicketTypeSerializer(ticket_type, context=context).data)


class CheckInView(APIView):
    """The door, through the API: GET the counts, POST a scanned QR token or a typed code.
    The event's organizers, admins and staff only. Each ticket is admitted once, even when
    two scanners send it at the same moment; every answer is a 200 with its `status`."""

    permission_classes = [drf_permissions.IsAuthenticated]

    def _event(self, request, event_id: int) -> EventPage:
        from ..checkin import may_check_in

        event = EventPage.objects.filter(pk=event_id).first()
        if event is None:
            raise NotFound()
        if not may_check_in(request.user, event):
            raise PermissionDenied(_("Only the event's organizers and staff check people in."))
        return event

    @extend_schema(responses={200: s.CheckInCountsSerializer})
    def get(self, request, event_id: int):
        from ..checkin import check_in_counts

        return Response(check_in_counts(self._event(request, event_id)))

    @extend_schema(request=s.CheckInRequestSerializer, responses={200: s.CheckInResultSerializer})
    def post(self, request, event_id: int):
        from ..checkin import check_in, check_in_counts

        event = self._event(request, event_id)
        data = s.CheckInRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = check_in(event=event, value=data.validated_data["code"], by=request.user)
        ticket = result.ticket  # None unless it is this event's ticket
        return Response(
            {
                "status": result.status,
                "message": result.message,
                "attendee_name": ticket.attendee_name if ticket else "",
                "ticket_type": ticket.ticket_type.name if ticket else "",
                "checked_in_at": result.at,
                "checked_in_by": result.by,
                "counts": check_in_counts(event),
            }
        )


# ---- refunds -------------------------------------------------------------------------------


def _order_for_refund(request, number: str):
    """The order, if the caller may refund it or bought it (others: 404)."""
    from oscar.core.loading import get_model

    order = get_model("order", "Order").objects.filter(number=number).first()
    if order is None or not (
        payments.may_refund(request.user, order) or order.user_id == request.user.pk
    ):
        raise NotFound(_("There is no such order."))
    return order


class OrderRefundView(APIView):
    """Organizers of the event and admins refund some or all of an order's tickets (buyers
    cancel their own free registrations): the tickets are void at once, the seats go to the
    waitlist, the buyer is emailed and Stripe refunds the card."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(
        request=s.RefundCreateSerializer,
        responses={201: s.RefundSerializer},
        operation_id="tickets_order_refund",
    )
    def post(self, request, number):
        order = _order_for_refund(request, number)
        data = s.RefundCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refund = payments.refund_create(
            order=order,
            user=request.user,
            ticket_codes=data.validated_data["tickets"],
            reason=data.validated_data["reason"],
            source="api",
        )
        return Response(s.RefundSerializer(refund).data, status=status.HTTP_201_CREATED)


# ---- waitlist ------------------------------------------------------------------------------


def _entry(request, token) -> WaitlistEntry:
    entry = WaitlistEntry.objects.select_related("hold").filter(token=token).first()
    if entry is None or (entry.user_id and entry.user_id != getattr(request.user, "pk", None)):
        raise NotFound(_("There is no such waitlist entry."))
    return entry


class WaitlistJoinView(APIView):
    """Join the waitlist of a sold-out ticket type; when seats free up the first in line
    gets a reservation by email."""

    permission_classes = [drf_permissions.AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "holds"

    @extend_schema(
        request=s.WaitlistJoinSerializer,
        responses={201: s.WaitlistEntrySerializer},
        operation_id="tickets_waitlist_join",
    )
    def post(self, request):
        data = s.WaitlistJoinSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = waitlist.join(
            ticket_type_id=data.validated_data["ticket_type"],
            quantity=data.validated_data["quantity"],
            user=request.user,
            email=data.validated_data["email"],
        )
        return Response(s.WaitlistEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class WaitlistEntryView(APIView):
    """A waitlist entry: its position and, once offered, the reservation to claim. DELETE
    leaves the list (an open offer passes to the next)."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(
        responses={200: s.WaitlistEntrySerializer}, operation_id="tickets_waitlist_entry"
    )
    def get(self, request, token):
        return Response(s.WaitlistEntrySerializer(_entry(request, token)).data)

    @extend_schema(responses={204: None}, operation_id="tickets_waitlist_leave")
    def delete(self, request, token):
        waitlist.leave(entry=_entry(request, token), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---- organizers' promo codes and group discounts --------------------------------------------


def _event_types(event: EventPage, ids: list[int]) -> list[TicketType]:
    found = list(
        TicketType.objects.filter(
            pk__in=ids, inventory__event_key=event.translation_key
        ).select_related("inventory", "product")
    )
    if len(found) != len(set(ids)):
        from config.errors import ValidationFailed

        raise ValidationFailed(
            _("Choose ticket types of this event."),
            fields={"ticket_types": [_("Choose ticket types of this event.")]},
        )
    return found


class PromoCodeListView(APIView):
    """Organizers and admins: the event's promo codes (Oscar vouchers) and their use; POST
    makes one (a percentage or an amount off, limits, window, ticket types)."""

    permission_classes = [ManagesTickets]

    @extend_schema(
        responses={200: s.PromoCodeSerializer(many=True)}, operation_id="tickets_promo_codes"
    )
    def get(self, request, event_id):
        event = _managed_event(request, event_id)
        return Response(s.PromoCodeSerializer(selectors.promo_codes(event), many=True).data)

    @extend_schema(
        request=s.PromoCodeCreateSerializer,
        responses={201: s.PromoCodeSerializer},
        operation_id="tickets_promo_code_create",
    )
    def post(self, request, event_id):
        from .. import pricing

        event = _managed_event(request, event_id)
        data = s.PromoCodeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields["ticket_types"] = _event_types(event, fields["ticket_types"])
        voucher = pricing.promo_code_create(event=event, user=request.user, **fields)
        return Response(s.PromoCodeSerializer(voucher).data, status=status.HTTP_201_CREATED)
