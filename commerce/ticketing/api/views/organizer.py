"""The API for the event's organizers and admins (and staff at the door): ticket types with
their counts, promo codes, check-in, refunds, the attendee list, a message to every
attendee and resending an order's tickets. Thin: the same reads and writes as the member
dashboard and the Wagtail admin (views/organizer.py, views/admin.py)."""

from __future__ import annotations

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from oscar.core.loading import get_model
from rest_framework import generics, status
from rest_framework import permissions as drf_permissions
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.events.models import EventPage
from config.api.filters import API_FILTER_BACKENDS, params_of
from config.errors import ValidationFailed

from ... import selectors
from ...models import Ticket, TicketType
from ...permissions import may_ask_refund, may_check_in, may_manage_tickets
from ...services import promotions, refunds, registrations
from ...services.checkin import ticket_check_in
from ...services.ticket_types import ticket_type_save
from .. import serializers as s


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
    if not may_manage_tickets(request.user, event):
        raise PermissionDenied(ManagesTickets.message)
    return event


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
        context = {"request": request, "counts": selectors.ticket_type_counts(event)}
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
        ticket_type = ticket_type_save(event=event, user=request.user, data=data.validated_data)
        context = {"request": request, "counts": selectors.ticket_type_counts(event)}
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
        ticket_type = ticket_type_save(
            event=event, user=request.user, data=data.validated_data, ticket_type=ticket_type
        )
        context = {"request": request, "counts": selectors.ticket_type_counts(event)}
        return Response(s.TicketTypeSerializer(ticket_type, context=context).data)


class CheckInView(APIView):
    """The door, through the API: GET the counts, POST a scanned QR token or a typed code.
    The event's organizers, admins and staff only. Each ticket is admitted once, even when
    two scanners send it at the same moment; every answer is a 200 with its `status`."""

    permission_classes = [drf_permissions.IsAuthenticated]

    def _event(self, request, event_id: int) -> EventPage:
        event = EventPage.objects.filter(pk=event_id).first()
        if event is None:
            raise NotFound()
        if not may_check_in(request.user, event):
            raise PermissionDenied(_("Only the event's organizers and staff check people in."))
        return event

    @extend_schema(responses={200: s.CheckInCountsSerializer})
    def get(self, request, event_id: int):
        return Response(selectors.check_in_counts(self._event(request, event_id)))

    @extend_schema(request=s.CheckInRequestSerializer, responses={200: s.CheckInResultSerializer})
    def post(self, request, event_id: int):
        event = self._event(request, event_id)
        data = s.CheckInRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = ticket_check_in(event=event, value=data.validated_data["code"], by=request.user)
        ticket = result.ticket  # None unless it is this event's ticket
        return Response(
            {
                "status": result.status,
                "message": result.message,
                "attendee_name": ticket.attendee_name if ticket else "",
                "ticket_type": ticket.ticket_type.name if ticket else "",
                "checked_in_at": result.at,
                "checked_in_by": result.by,
                "counts": selectors.check_in_counts(event),
            }
        )


def _order_for_refund(request, number: str):
    """The order, if the caller may refund it or bought it (others: 404)."""
    order = get_model("order", "Order").objects.filter(number=number).first()
    if order is None or not may_ask_refund(request.user, order):
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
        refund = refunds.refund_create(
            order=order,
            user=request.user,
            ticket_codes=data.validated_data["tickets"],
            reason=data.validated_data["reason"],
            source="api",
        )
        return Response(s.RefundSerializer(refund).data, status=status.HTTP_201_CREATED)


def _event_types(event: EventPage, ids: list[int]) -> list[TicketType]:
    found = list(
        TicketType.objects.filter(
            pk__in=ids, inventory__event_key=event.translation_key
        ).select_related("inventory", "product")
    )
    if len(found) != len(set(ids)):
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
        event = _managed_event(request, event_id)
        data = s.PromoCodeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields["ticket_types"] = _event_types(event, fields["ticket_types"])
        voucher = promotions.promo_code_create(event=event, user=request.user, **fields)
        return Response(s.PromoCodeSerializer(voucher).data, status=status.HTTP_201_CREATED)


# ---- attendees ------------------------------------------------------------------------------


class AttendeeListView(generics.ListAPIView):
    """The event's attendees (every ticket, valid or void), by order: search by name,
    email, code or order number; filter by ticket type and status."""

    permission_classes = [ManagesTickets]
    serializer_class = s.AttendeeRowSerializer
    filter_backends = API_FILTER_BACKENDS
    filter_params = params_of(s.AttendeeQuerySerializer)

    @extend_schema(parameters=[s.AttendeeQuerySerializer], operation_id="tickets_attendees_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Ticket.objects.none()
        self.event = _managed_event(self.request, self.kwargs["event_id"])
        query = s.AttendeeQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return selectors.attendee_list(
            self.event,
            search=data["q"],
            ticket_type=data.get("ticket_type"),
            status=data["status"],
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "event"):
            context["questions"] = selectors.attendee_questions(self.event)
        return context


class AttendeeMessageView(APIView):
    """Write to every valid ticket holder: one plain-text email each, sent in the
    background. 202 when queued; the same message again answers 200 and sends nothing."""

    permission_classes = [ManagesTickets]

    @extend_schema(
        request=s.AttendeeMessageRequestSerializer,
        responses={
            202: OpenApiResponse(s.AttendeeMessageSerializer, description="Queued."),
            200: OpenApiResponse(s.AttendeeMessageSerializer, description="Already sent."),
        },
        operation_id="tickets_attendees_message",
    )
    def post(self, request, event_id):
        event = _managed_event(request, event_id)
        data = s.AttendeeMessageRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message, created = registrations.attendees_message(
            event=event,
            user=request.user,
            subject=data.validated_data["subject"],
            body=data.validated_data["body"],
            key=data.validated_data["idempotency_key"],
        )
        code = status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK
        return Response(s.AttendeeMessageSerializer(message).data, status=code)


class OrderResendView(APIView):
    """Email an order's tickets again to its buyer and attendees (in the request's
    language). The order must hold tickets for the event."""

    permission_classes = [ManagesTickets]

    @extend_schema(
        request=None,
        responses={202: s.ResendSerializer},
        operation_id="tickets_order_resend",
    )
    def post(self, request, event_id, number):
        event = _managed_event(request, event_id)
        order = selectors.event_order(event, number)
        if order is None:
            raise Http404
        registrations.order_resend(
            event=event, user=request.user, order=order, language=translation.get_language()
        )
        return Response({"order": order.number, "status": "queued"}, status=202)
