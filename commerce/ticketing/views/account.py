"""A buyer's tickets and orders on the site: download a PDF ticket, transfer a ticket, the
billing page of the member's dashboard and an order's receipt. The same selectors and
services as the API (api/views/account.py); these views only carry forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.errors import DomainError

from .. import selectors
from ..forms import TransferForm
from ..models import TicketStatus
from ..pdf import pdf_filename, tickets_pdf
from ..services.transfers import ticket_transfer


def _language() -> str:
    return (translation.get_language() or "es")[:2]


def _held_ticket(request, code: str):
    ticket = selectors.ticket_for_holder(user=request.user, code=code)
    if ticket is None or ticket.status != TicketStatus.VALID:
        raise Http404
    return ticket


@login_required
def ticket_pdf(request, code: str):
    ticket = _held_ticket(request, code)
    response = HttpResponse(tickets_pdf([ticket], _language()), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename([ticket])}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def ticket_transfer_page(request, code: str):
    ticket = _held_ticket(request, code)
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket_transfer(code=ticket.code, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            for field, problems in exc.fields.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The ticket now belongs to %(name)s; we emailed them their ticket.")
                % {"name": form.cleaned_data["name"]},
            )
            return redirect("billing:order_list")
    (event,) = selectors.events_in_language([ticket.inventory.event], _language()).values()
    return TemplateResponse(
        request, "ticketing/transfer.html", {"ticket": ticket, "event": event, "form": form}
    )


@login_required
def billing(request):
    orders = selectors.with_events(selectors.orders_of_buyer(user=request.user), _language())
    return TemplateResponse(request, "dashboard/billing.html", {"orders": orders})


@login_required
def billing_order(request, number: str):
    order = selectors.order_of_buyer(user=request.user, number=number)
    if order is None:
        raise Http404
    (order,) = selectors.with_events([order], _language())
    return TemplateResponse(
        request,
        "dashboard/billing_order.html",
        {"order": order, "status_label": selectors.order_status_label(order.status)},
    )
