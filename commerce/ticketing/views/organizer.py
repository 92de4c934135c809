"""Organizers on the site: registrations in the member dashboard
(/dashboard/events/registrations/: the organizer's events with their counts, and each
event's attendees with search, filters, CSV export, "resend tickets" and "message
attendees"), and the door (/tickets/check-in/<event>/). Thin: reads in selectors.py, writes
in services/registrations.py and services/checkin.py. The Wagtail admin shows the same
attendee list (views/admin.py)."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Iterator

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.events.models import EventPage
from config.errors import DomainError

from .. import selectors
from ..models import Ticket
from ..permissions import may_check_in, may_manage_tickets, may_see_registrations
from ..services import registrations
from ..services.checkin import ticket_check_in

PAGE_SIZE = 50


class AttendeeFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=120)
    type = forms.TypedChoiceField(
        label=gettext_lazy("Ticket type"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, *args, ticket_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All")), *((t.pk, t.name) for t in ticket_types)]
        self.fields["status"].choices = [("", _("All")), *selectors.STATUS_FILTERS.items()]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q") or "",
            "ticket_type": data.get("type"),
            "status": data.get("status") or "",
        }


class AttendeeMessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=registrations.SUBJECT_MAX)
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=registrations.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


def managed_event(user, event_id: int) -> EventPage:
    """The event, if the user manages its tickets; anyone else gets a 404."""
    event = EventPage.objects.filter(pk=event_id).select_related("locale").first()
    if event is None or not may_manage_tickets(user, event):
        raise Http404
    return event


def filtered_attendees(request, event: EventPage):
    form = AttendeeFilterForm(request.GET or None, ticket_types=selectors.event_ticket_types(event))
    return form, selectors.attendee_list(event, **form.filters())


def csv_safe(value) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ (or a tab or carriage
    return) would be read as a formula, so it gets a leading quote (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def attendees_csv(tickets: Iterable[Ticket], questions: list[tuple]) -> Iterator[str]:
    """The attendee list as CSV lines (header first; each answer a column)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([csv_safe(cell) for cell in cells])
        return buffer.getvalue()

    yield line([_("Name"), _("Email"), _("Ticket type"), _("Code"), _("Order"), _("Status"),
                _("Checked in"), *(label.label for _key, label in questions)])  # fmt: skip
    for row in selectors.attendee_rows(tickets, questions):
        ticket = row.ticket
        checked_in = ticket.checked_in_at.isoformat() if ticket.checked_in_at else ""
        yield line([ticket.attendee_name, ticket.attendee_email, ticket.ticket_type.name,
                    ticket.code, ticket.order.number, ticket.get_status_display(), checked_in,
                    *row.answers])  # fmt: skip


def csv_response(event: EventPage, tickets, questions) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        attendees_csv(tickets.iterator(chunk_size=500), questions),
        content_type="text/csv; charset=utf-8",
    )
    name = slugify(event.title)[:60] or "event"
    response["Content-Disposition"] = f'attachment; filename="attendees-{name}.csv"'
    return response


@login_required
def registration_events(request):
    if not may_see_registrations(request.user):
        raise PermissionDenied(str(registrations.NOT_YOURS))
    page = Paginator(selectors.managed_inventories(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shown = selectors.translated_events(page, translation.get_language()[:2])
    rows = [{"inventory": i, "event": shown.get(i.event_key, i.event)} for i in page]
    return TemplateResponse(
        request, "ticketing/registrations/events.html", {"rows": rows, "page_obj": page}
    )


@login_required
def registration_event(request, event_id: int):
    event = managed_event(request.user, event_id)
    form, tickets = filtered_attendees(request, event)
    questions = selectors.attendee_questions(event)
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    message_form = AttendeeMessageForm(initial={"token": uuid.uuid4().hex})
    return TemplateResponse(
        request,
        "ticketing/registrations/event.html",
        {
            "event": event,
            "form": form,
            "page_obj": page,
            "rows": selectors.attendee_rows(page, questions),
            "questions": [label for _key, label in questions],
            "query": query.urlencode(),
            "counts": selectors.check_in_counts(event),
            "inventory": selectors.event_inventory(event),
            "message_form": message_form,
            "sent": selectors.sent_messages(event)[:5],
        },
    )


@login_required
def attendee_export(request, event_id: int):
    event = managed_event(request.user, event_id)
    _form, tickets = filtered_attendees(request, event)
    return csv_response(event, tickets, selectors.attendee_questions(event))


@login_required
@require_POST
def order_resend(request, event_id: int, number: str):
    event = managed_event(request.user, event_id)
    order = selectors.event_order(event, number)
    if order is None:
        raise Http404
    try:
        registrations.order_resend(
            event=event, user=request.user, order=order, language=translation.get_language()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The tickets of order %(number)s are on their way.") % {"number": number}
        )
    return redirect("ticketing_registrations:event", event_id=event.pk)


@login_required
@require_POST
def attendee_message(request, event_id: int):
    event = managed_event(request.user, event_id)
    form = AttendeeMessageForm(request.POST)
    if form.is_valid():
        try:
            sent, created = registrations.attendees_message(
                event=event,
                user=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                key=form.cleaned_data["token"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if created:
                messages.success(
                    request,
                    _("Your message is being sent to %(n)s attendees.") % {"n": sent.recipients},
                )
            else:
                messages.info(request, _("This message was already sent; it was not sent again."))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect("ticketing_registrations:event", event_id=event.pk)


def event_check_in(request, event_id: int):
    """The door: scan a QR code with the device's camera or type a ticket's code."""
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_check_in(request.user, event):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        result = ticket_check_in(event=event, value=request.POST.get("code", ""), by=request.user)
    return TemplateResponse(
        request,
        "ticketing/check_in.html",
        {"event": event, "result": result, "counts": selectors.check_in_counts(event)},
        status=200,
    )
