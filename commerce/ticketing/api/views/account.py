"""The buyer's account through the API: their valid tickets, a ticket's PDF and transfer,
their orders with their tickets. Thin: reads in selectors, the transfer in
services/transfers.ticket_transfer, the PDF in pdf.tickets_pdf (shared with the site's
views/account.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework import permissions as drf_permissions
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.events.models import EventPage
from config.api.filters import API_FILTER_BACKENDS

from ... import selectors
from ...models import Ticket, TicketStatus
from ...pdf import pdf_filename, tickets_pdf
from ...permissions import holder_q
from ...services.transfers import ticket_transfer
from .. import serializers as s

NO_SUCH_TICKET = _("There is no such ticket, or it is not yours.")
NO_SUCH_ORDER = _("There is no such order, or it is not yours.")


def _language() -> str:
    return (translation.get_language() or "es")[:2]


def _held_ticket(request, code: str):
    ticket = selectors.ticket_for_holder(user=request.user, code=code)
    if ticket is None or ticket.status != TicketStatus.VALID:
        raise NotFound(NO_SUCH_TICKET)
    return ticket


class MyTicketPdfView(APIView):
    """One of the caller's valid tickets as a PDF (one page, in the request's language).
    Tickets the caller neither bought nor holds answer 404."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The PDF ticket."
            )
        },
        operation_id="tickets_mine_pdf",
    )
    def get(self, request, code):
        ticket = _held_ticket(request, code)
        response = HttpResponse(tickets_pdf([ticket], _language()), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf_filename([ticket])}"'
        return response


class MyTicketTransferView(APIView):
    """Give one of the caller's tickets to another person, for good: the ticket gets a new
    code and QR code (the earlier ones stop working), the new attendee is emailed a new PDF
    ticket, the previous one is told. From then on only the new holder may see, download
    or transfer it; the answer shows the ticket as the caller now sees it (`transferred`).
    Refused (409) for a void ticket, one already used at the door, or an event that is over
    or cancelled."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(
        request=s.TransferSerializer,
        responses={200: s.AccountTicketSerializer},
        operation_id="tickets_mine_transfer",
    )
    def post(self, request, code):
        if selectors.ticket_for_holder(user=request.user, code=code) is None:
            raise NotFound(NO_SUCH_TICKET)  # a void one of theirs: the service's 409 says why
        data = s.TransferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ticket = ticket_transfer(code=code, user=request.user, **data.validated_data)
        # as the caller now sees it: transferred, without its new code (unless theirs again)
        ticket = selectors.ticket_for_holder(user=request.user, code=ticket.code) or ticket
        return Response(s.AccountTicketSerializer(ticket, context={"request": request}).data)


class MyOrderListView(generics.ListAPIView):
    """The orders the caller placed, newest first, each with its event and tickets."""

    permission_classes = [drf_permissions.IsAuthenticated]
    serializer_class = s.AccountOrderSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        return selectors.orders_of_buyer(user=self.request.user)

    def list(self, request, *args, **kwargs):
        orders = self.filter_queryset(self.get_queryset())  # refuses undeclared parameters
        page = selectors.with_events(self.paginate_queryset(orders), _language())
        data = s.AccountOrderSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(data.data)


class MyOrderDetailView(APIView):
    """One of the caller's orders as a receipt: lines, totals, tax, status and tickets."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(
        responses={200: s.AccountOrderDetailSerializer}, operation_id="orders_mine_detail"
    )
    def get(self, request, number):
        order = selectors.order_of_buyer(user=request.user, number=number)
        if order is None:
            raise NotFound(NO_SUCH_ORDER)
        (order,) = selectors.with_events([order], _language())
        return Response(s.AccountOrderDetailSerializer(order, context={"request": request}).data)


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
            Ticket.objects.filter(holder_q(user), status=TicketStatus.VALID)
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
