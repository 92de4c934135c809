"""Registrations through the API, for the event's organizers and admins: the attendee
list (search, filters, pages), a message to every attendee, resending an order's
tickets. Thin: the same reads and writes as the dashboard (../registrations.py)."""

from __future__ import annotations

from django.http import Http404
from django.utils import translation
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.filters import API_FILTER_BACKENDS, params_of

from .. import registrations
from ..models import Ticket, TicketStatus
from .views import ManagesTickets, _managed_event


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
        choices=list(registrations.STATUS_FILTERS),
        required=False,
        allow_blank=True,
        default="",
    )


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="The question's id (see /questions/).")
    label = serializers.CharField()
    answer = serializers.CharField(allow_blank=True)


class AttendeeSerializer(serializers.Serializer):
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
        row = registrations.attendee_rows([ticket], questions)[0]
        return [
            {"question": key.pk, "label": label.label, "answer": answer}
            for (key, label), answer in zip(questions, row.answers, strict=True)
        ]


class AttendeeMessageRequestSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=registrations.SUBJECT_MAX)
    body = serializers.CharField(max_length=registrations.BODY_MAX)
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


class AttendeeListView(generics.ListAPIView):
    """The event's attendees (every ticket, valid or void), by order: search by name,
    email, code or order number; filter by ticket type and status."""

    permission_classes = [ManagesTickets]
    serializer_class = AttendeeSerializer
    filter_backends = API_FILTER_BACKENDS
    filter_params = params_of(AttendeeQuerySerializer)

    @extend_schema(parameters=[AttendeeQuerySerializer], operation_id="tickets_attendees_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Ticket.objects.none()
        self.event = _managed_event(self.request, self.kwargs["event_id"])
        query = AttendeeQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return registrations.attendee_list(
            self.event,
            search=data["q"],
            ticket_type=data.get("ticket_type"),
            status=data["status"],
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "event"):
            context["questions"] = registrations.attendee_questions(self.event)
        return context


class AttendeeMessageView(APIView):
    """Write to every valid ticket holder: one plain-text email each, sent in the
    background. 202 when queued; the same message again answers 200 and sends nothing."""

    permission_classes = [ManagesTickets]

    @extend_schema(
        request=AttendeeMessageRequestSerializer,
        responses={
            202: OpenApiResponse(AttendeeMessageSerializer, description="Queued."),
            200: OpenApiResponse(AttendeeMessageSerializer, description="Already sent."),
        },
        operation_id="tickets_attendees_message",
    )
    def post(self, request, event_id):
        event = _managed_event(request, event_id)
        data = AttendeeMessageRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message, created = registrations.attendees_message(
            event=event,
            user=request.user,
            subject=data.validated_data["subject"],
            body=data.validated_data["body"],
            key=data.validated_data["idempotency_key"],
        )
        code = status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK
        return Response(AttendeeMessageSerializer(message).data, status=code)


class OrderResendView(APIView):
    """Email an order's tickets again to its buyer and attendees (in the request's
    language). The order must hold tickets for the event."""

    permission_classes = [ManagesTickets]

    @extend_schema(
        request=None,
        responses={202: ResendSerializer},
        operation_id="tickets_order_resend",
    )
    def post(self, request, event_id, number):
        event = _managed_event(request, event_id)
        order = registrations.event_order(event, number)
        if order is None:
            raise Http404
        registrations.order_resend(
            event=event, user=request.user, order=order, language=translation.get_language()
        )
        return Response({"order": order.number, "status": "queued"}, status=202)
