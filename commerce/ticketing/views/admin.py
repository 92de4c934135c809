"""An event's tickets in the Wagtail admin (the Tickets button on the event's page), for the
event's organizers and admins: its ticket types, its orders (audit log, payment, refunds,
a refund form), its promo codes and group discounts, and its attendees (the same list,
search, filters and CSV export as the organizer's dashboard, views/organizer.py). The same
services as the API; `ticket_type_save` keeps the Oscar product and price in step."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.events.models import EventPage
from config.errors import DomainError

from .. import selectors
from ..models import TicketStatus, TicketType
from ..permissions import may_manage_tickets
from ..services import promotions, refunds
from ..services.availability import available, taken
from ..services.ticket_types import TICKET_FIELDS, ticket_type_save
from .organizer import PAGE_SIZE, csv_response, filtered_attendees


class TicketTypeForm(forms.ModelForm):
    bundle = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Bundle: also admits to"),
        queryset=EventPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Other events of yours: each ticket also issues a ticket for them."),
    )

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = EventPage.objects.filter(locale_id=event.locale_id).exclude(
            translation_key=event.translation_key
        )
        if not user.is_superuser:
            mine = mine.filter(Q(organizer=user) | Q(co_organizers=user)).distinct()
        self.fields["bundle"].queryset = mine.order_by("-start")
        if self.instance.pk:
            keys = self.instance.includes.values_list("event_key", flat=True)
            self.initial["bundle"] = list(mine.filter(translation_key__in=keys))

    class Meta:
        model = TicketType
        fields = list(TICKET_FIELDS)
        widgets = {
            "sale_starts": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "sale_ends": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


def _event(request, page_id: int) -> EventPage:
    event = get_object_or_404(EventPage, pk=page_id)
    if not may_manage_tickets(request.user, event):
        raise PermissionDenied
    return event


def ticket_type_list(request, page_id: int):
    event = _event(request, page_id)
    types = list(
        TicketType.objects.filter(inventory__event_key=event.translation_key).order_by(
            "sort_order", "price", "pk"
        )
    )
    counts = taken(types[0].inventory) if types else {"event": 0, "types": {}}
    rows = [
        {"type": t, "taken": counts["types"].get(t.pk, 0), "left": available(t, counts)}
        for t in types
    ]
    return TemplateResponse(
        request,
        "ticketing/admin/ticket_types.html",
        {
            "event": event,
            "rows": rows,
            "taken": counts["event"],
            "registrants": selectors.registrants(event).count(),
        },  # fmt: skip
    )


def ticket_type_edit(request, page_id: int, pk: int | None = None):
    event = _event(request, page_id)
    instance = None
    if pk is not None:
        instance = get_object_or_404(TicketType, pk=pk, inventory__event_key=event.translation_key)
    form = TicketTypeForm(request.POST or None, instance=instance, event=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in TICKET_FIELDS}
        data["includes"] = list(form.cleaned_data["bundle"])
        try:
            ticket_type_save(
                event=event, user=request.user, data=data,
                ticket_type=TicketType.objects.get(pk=pk) if pk else None,
            )  # fmt: skip
        except DomainError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Ticket type saved."))
            return redirect("ticketing_admin:ticket_type_list", page_id=event.pk)
    return TemplateResponse(
        request,
        "ticketing/admin/ticket_type_form.html",
        {"event": event, "form": form, "ticket_type": instance},
    )


# ---- orders, refunds and promotions ---------------------------------------------------------


def order_list(request, page_id: int):
    event = _event(request, page_id)
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.event_orders(event)
    if query:
        found = found.filter(
            Q(number__iexact=query) | Q(guest_email__icontains=query)
            | Q(user__email__icontains=query) | Q(tickets__attendee_email__icontains=query)
        )  # fmt: skip
    page = Paginator(found, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "ticketing/admin/orders.html",
        {"event": event, "page": page, "q": query},
    )


class RefundForm(forms.Form):
    tickets = forms.MultipleChoiceField(
        label=gettext_lazy("Tickets to refund"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=255, required=False)

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        valid = order.tickets.filter(status=TicketStatus.VALID).order_by("pk")
        self.fields["tickets"].choices = [(t.code, f"{t.attendee_name} · {t.code}") for t in valid]


def order_detail(request, page_id: int, number: str):
    event = _event(request, page_id)
    order = selectors.event_orders(event).filter(number=number).first()
    if order is None:
        raise Http404
    form = RefundForm(request.POST or None, order=order)
    if request.method == "POST" and form.is_valid():
        try:
            refund = refunds.refund_create(
                order=order,
                user=request.user,
                ticket_codes=form.cleaned_data["tickets"],
                reason=form.cleaned_data["reason"],
                source="admin",
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Refunded %(amount)s %(currency)s.")
                % {"amount": refund.amount, "currency": refund.currency},
            )
            return redirect("ticketing_admin:order", event.pk, order.number)
    return TemplateResponse(
        request,
        "ticketing/admin/order.html",
        {
            "event": event,
            "order": order,
            "form": form,
            "tickets": order.tickets.select_related("ticket_type").order_by("pk"),
            "transitions": order.transitions.select_related("actor"),
            "refunds": order.refunds.prefetch_related("tickets").order_by("created_at"),
            "payment": getattr(order, "payment", None),
            "discounts": order.discounts.all(),
        },
    )


LOCAL_TIME = forms.DateTimeInput(attrs={"type": "datetime-local"})


class PromoCodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=40)
    percent = forms.DecimalField(label=gettext_lazy("Percent off"), required=False,
                                 min_value=1, max_value=100)  # fmt: skip
    amount = forms.DecimalField(label=gettext_lazy("Amount off"), required=False, min_value=1)
    ticket_types = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Ticket types"), queryset=TicketType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    max_uses = forms.IntegerField(label=gettext_lazy("Uses in total"), required=False, min_value=1)
    per_customer = forms.IntegerField(
        label=gettext_lazy("Uses per buyer"), required=False, min_value=1
    )
    starts = forms.DateTimeField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends = forms.DateTimeField(label=gettext_lazy("Until"), required=False, widget=LOCAL_TIME)


class GroupDiscountForm(forms.Form):
    min_quantity = forms.IntegerField(label=gettext_lazy("From this many tickets"), min_value=2)
    percent = forms.DecimalField(label=gettext_lazy("Percent off"), min_value=1, max_value=100)
    ticket_types = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Ticket types"), queryset=TicketType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


def promotion_list(request, page_id: int):
    event = _event(request, page_id)
    types = TicketType.objects.filter(inventory__event_key=event.translation_key).select_related(
        "inventory", "product"
    )
    kind = request.POST.get("kind")
    code_form = PromoCodeForm(request.POST if kind == "code" else None, prefix="code")
    group_form = GroupDiscountForm(request.POST if kind == "group" else None, prefix="group")
    for form in (code_form, group_form):
        form.fields["ticket_types"].queryset = types
    form = {"code": code_form, "group": group_form}.get(kind)
    if form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        data["ticket_types"] = list(data["ticket_types"])
        try:
            if kind == "code":
                promotions.promo_code_create(event=event, user=request.user, **data)
            else:
                promotions.group_discount_create(event=event, user=request.user, **data)
        except DomainError as exc:
            messages.error(request, exc.message)
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("ticketing_admin:promotions", event.pk)
    return TemplateResponse(
        request,
        "ticketing/admin/promotions.html",
        {
            "event": event,
            "codes": selectors.promo_codes(event).prefetch_related("offers__benefit"),
            "groups": selectors.group_offers(event),
            "code_form": code_form,
            "group_form": group_form,
        },
    )


# ---- attendees ------------------------------------------------------------------------------


def attendee_list(request, page_id: int):
    event = _event(request, page_id)
    form, tickets = filtered_attendees(request, event)
    questions = selectors.attendee_questions(event)
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
            "rows": selectors.attendee_rows(page, questions),
            "questions": [label for _key, label in questions],
            "query": query.urlencode(),
            "counts": selectors.check_in_counts(event),
        },
    )


def attendee_export(request, page_id: int):
    event = _event(request, page_id)
    _form, tickets = filtered_attendees(request, event)
    return csv_response(event, tickets, selectors.attendee_questions(event))
