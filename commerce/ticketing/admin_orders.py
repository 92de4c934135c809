"""Orders, refunds and promotions of an event in the Wagtail admin (next to its ticket
types): the order's audit log, payment and refunds, a refund form, and the event's promo
codes and group discounts. The same services as the API."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.errors import DomainError

from . import payments, pricing, selectors
from .admin_views import _event
from .models import TicketStatus, TicketType


def orders(request, page_id: int):
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
            refund = payments.refund_create(
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


def promotions(request, page_id: int):
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
                pricing.promo_code_create(event=event, user=request.user, **data)
            else:
                pricing.group_discount_create(event=event, user=request.user, **data)
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
