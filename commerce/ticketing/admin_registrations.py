"""The event's attendees in the Wagtail admin (from its Tickets page): the same list,
search, filters and CSV export as the organizer's dashboard, for organizers of the event
and admins."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from cms.events.models import EventPage

from . import registrations
from .checkin import check_in_counts
from .registration_views import PAGE_SIZE, csv_response, filtered_attendees
from .services import may_manage_tickets


def _event(request, page_id: int) -> EventPage:
    event = get_object_or_404(EventPage, pk=page_id)
    if not may_manage_tickets(request.user, event):
        raise PermissionDenied
    return event


def attendees(request, page_id: int):
    event = _event(request, page_id)
    form, tickets = filtered_attendees(request, event)
    questions = registrations.attendee_questions(event)
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "ticketing/admin/attendees.html",
        {
            "event": event,
            "form": form,
            "page_obj": page,
            "rows": registrations.attendee_rows(page, questions),
            "questions": [label for _key, label in questions],
            "query": query.urlencode(),
            "counts": check_in_counts(event),
        },
    )


def attendees_export(request, page_id: int):
    event = _event(request, page_id)
    _form, tickets = filtered_attendees(request, event)
    return csv_response(event, tickets, registrations.attendee_questions(event))
