"""Ticket types of an event in the Wagtail admin (Tickets button on the event's page):
organizers manage their own events' tickets, admins every event's, through the same
service as the API, which keeps the Oscar product and price in step."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cms.events.models import EventPage
from config.errors import DomainError

from . import selectors, services
from .models import TicketType


class TicketTypeForm(forms.ModelForm):
    bundle = forms.ModelMultipleChoiceField(
        label=_lazy("Bundle: also admits to"),
        queryset=EventPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_lazy("Other events of yours: each ticket also issues a ticket for them."),
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
        fields = list(services.TICKET_FIELDS)
        widgets = {
            "sale_starts": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "sale_ends": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


def _event(request, page_id: int) -> EventPage:
    event = get_object_or_404(EventPage, pk=page_id)
    if not services.may_manage_tickets(request.user, event):
        raise PermissionDenied
    return event


def ticket_types(request, page_id: int):
    event = _event(request, page_id)
    types = list(
        TicketType.objects.filter(inventory__event_key=event.translation_key).order_by(
            "sort_order", "price", "pk"
        )
    )
    counts = services.taken(types[0].inventory) if types else {"event": 0, "types": {}}
    rows = [
        {"type": t, "taken": counts["types"].get(t.pk, 0), "left": services.available(t, counts)}
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
        data = {name: form.cleaned_data[name] for name in services.TICKET_FIELDS}
        data["includes"] = list(form.cleaned_data["bundle"])
        try:
            services.ticket_type_save(
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
            return redirect("ticketing_admin:list", page_id=event.pk)
    return TemplateResponse(
        request,
        "ticketing/admin/ticket_type_form.html",
        {"event": event, "form": form, "ticket_type": instance},
    )
