"""The API for anyone registering: an event's ticket offers and questions, seat holds,
placing the order, the waitlist. Thin: the rules live in the services and selectors,
shared with the site's pages (views/public.py)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.events.models import EventPage
from config.api.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from ... import selectors
from ...models import EventInventory, OrderStatus, SeatHold, WaitlistEntry
from ...permissions import may_use_hold, may_use_waitlist_entry
from ...services import holds, orders, payments, waitlist
from .. import serializers as s

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
    if hold is None or not may_use_hold(request.user, hold):
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
        hold = holds.hold_create(
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
        holds.hold_release(hold=_hold(request, token), user=request.user)
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
        order = orders.order_place(
            hold_token=token,
            user=request.user,
            email=data.validated_data["email"],
            attendees=[dict(a) for a in data.validated_data["attendees"]],
        )
        if order.status == OrderStatus.PENDING:  # committed: now the card payment (network)
            payments.payment_start(order, new=order.placed_now)
        code = status.HTTP_201_CREATED if order.placed_now else status.HTTP_200_OK
        return Response(s.OrderSerializer(order).data, status=code)


def _entry(request, token) -> WaitlistEntry:
    entry = WaitlistEntry.objects.select_related("hold").filter(token=token).first()
    if entry is None or not may_use_waitlist_entry(request.user, entry):
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
        entry = waitlist.waitlist_join(
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
        waitlist.waitlist_leave(entry=_entry(request, token), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
