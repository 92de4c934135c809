"""Registration on the site, for anyone: choose tickets (a seat hold), give each attendee's
details, pay, get the tickets; join a sold-out type's waitlist. The same services as the
API (api/views/public.py); these views only carry forms."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.events.models import EventPage
from config.errors import DomainError

from .. import selectors
from ..forms import AttendeeFormSet, BuyerForm, HoldForm, WaitlistForm
from ..models import HoldStatus, OrderStatus, SeatHold, WaitlistEntry
from ..permissions import buyer_holds, may_use_hold, may_use_waitlist_entry
from ..services import holds, orders, payments, waitlist
from ..services.checkin import qr_svg


def _event(pk: int) -> EventPage:
    event = EventPage.objects.live().public().filter(pk=pk).select_related("venue").first()
    if event is None:
        raise Http404
    return event


def event_tickets(request, event_id: int):
    event = _event(event_id)
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hold = holds.hold_create(
                ticket_type_id=form.cleaned_data["ticket_type"],
                quantity=form.cleaned_data["quantity"],
                user=request.user,
                code=form.cleaned_data["code"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("ticketing:hold", token=hold.token)
    elif request.method == "POST":
        messages.error(request, _("Choose how many tickets you want."))
    code = request.GET.get("code", "")[:40]
    offers = selectors.ticket_offers(event, code=code)
    posted = form.data.get("ticket_type") if request.method == "POST" else None
    on_sale = [offer for offer in offers if offer["on_sale"]]
    # the type chosen: the one just tried, else the first on sale
    chosen = next((o for o in on_sale if str(o["type"].pk) == posted), None) or (
        on_sale[0] if on_sale else None
    )
    return TemplateResponse(
        request,
        "ticketing/event_tickets.html",
        {"event": event, "offers": offers, "code": code, "chosen": chosen},
    )


def _hold(request, token) -> SeatHold:
    """The token is the secret; a hold made signed in is only its account's (as in the API)."""
    hold = (
        SeatHold.objects.select_related("ticket_type__inventory__event", "order")
        .filter(token=token)
        .first()
    )
    if hold is None or not may_use_hold(request.user, hold):
        raise Http404
    return hold


def hold_detail(request, token):
    hold = _hold(request, token)
    if hold.status == HoldStatus.CONVERTED:
        return redirect("ticketing:hold_done", token=hold.token)
    if hold.order_id is not None:  # placed, waiting for the card
        return redirect("ticketing:hold_pay", token=hold.token)
    event = _translated(hold.ticket_type.inventory.event)
    if hold.status == HoldStatus.RELEASED:
        messages.info(request, _("This reservation was released."))
        return redirect("ticketing:event", event_id=event.pk)
    questions = selectors.question_pairs(hold.ticket_type.inventory.event, event)
    signed_in = request.user.is_authenticated
    initial = [{} for _ in range(hold.quantity)]
    if signed_in:
        initial[0] = {"name": request.user.get_full_name(), "email": request.user.email}
    formset = AttendeeFormSet(
        request.POST or None,
        initial=initial,
        form_kwargs={"questions": questions},
        prefix="attendees",
    )
    buyer = BuyerForm(request.POST or None) if not signed_in else None
    if request.method == "POST":
        valid = formset.is_valid() and (buyer is None or buyer.is_valid())
        if valid:
            try:
                orders.order_place(
                    hold_token=hold.token,
                    user=request.user,
                    email=buyer.cleaned_data["email"] if buyer else "",
                    attendees=[form.to_attendee() for form in formset],
                )
            except DomainError as exc:
                _show(formset, buyer, exc)
                messages.error(request, exc.message)
            else:
                hold.refresh_from_db()
                if hold.status != HoldStatus.CONVERTED:
                    return redirect("ticketing:hold_pay", token=hold.token)
                return redirect("ticketing:hold_done", token=hold.token)
    seconds = max(0, int((hold.expires_at - timezone.now()).total_seconds()))
    return TemplateResponse(
        request,
        "ticketing/hold.html",
        {
            "hold": hold,
            "event": event,
            "formset": formset,
            "buyer": buyer,
            "seconds": seconds,
            "total": hold.total,
        },  # fmt: skip
    )


def _show(formset, buyer, exc: DomainError) -> None:
    for position, problems in exc.fields.items():
        if position == "email" and buyer is not None:
            for message in problems:
                buyer.add_error("email", message)
            continue
        if not str(position).isdecimal() or int(position) >= len(formset.forms):
            continue
        form = formset.forms[int(position)]
        for field, errors in problems.items():
            name = f"q{field.split('.', 1)[1]}" if field.startswith("answers.") else field
            for message in errors:
                form.add_error(name if name in form.fields else None, message)


def _translated(event: EventPage) -> EventPage:
    """The event in the visitor's language when it exists."""
    from wagtail.models import Locale

    locale = Locale.get_active()
    if event.locale_id == locale.pk:
        return event
    return event.get_translation_or_none(locale) or event


@require_POST
def hold_release(request, token):
    hold = _hold(request, token)
    holds.hold_release(hold=hold, user=request.user)
    messages.info(request, _("Your reservation was released."))
    return redirect("ticketing:event", event_id=_translated(hold.ticket_type.inventory.event).pk)


def hold_pay(request, token):
    """Card payment of a placed order. With Stripe, the card goes from the browser to Stripe
    (Stripe.js, 3-D Secure included) and never through us; with localstripe (development
    and tests, `STRIPE_TEST_CARDS`), a test card number is posted here and confirmed
    server-side, which is what Stripe.js would do."""
    hold = _hold(request, token)
    order = hold.order
    if order is None:
        return redirect("ticketing:hold", token=hold.token)
    if hold.status == HoldStatus.CONVERTED:
        return redirect("ticketing:hold_done", token=hold.token)
    event = _translated(hold.ticket_type.inventory.event)
    if order.status != OrderStatus.PENDING:
        messages.error(
            request, _("This order can no longer be paid (%(s)s).") % {"s": order.status}
        )
        return redirect("ticketing:event", event_id=event.pk)
    try:
        payment = payments.payment_start(order)
    except DomainError as exc:
        messages.error(request, exc.message)
        payment = None
    test_cards = getattr(settings, "STRIPE_TEST_CARDS", False)
    if request.method == "POST" and payment is not None and test_cards:
        number = "".join(ch for ch in request.POST.get("card", "") if ch.isdecimal())[:19]
        try:
            payments.test_card_confirm(payment, number)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("ticketing:hold_done", token=hold.token)
    seconds = max(0, int((hold.expires_at - timezone.now()).total_seconds()))
    return TemplateResponse(
        request,
        "ticketing/pay.html",
        {"hold": hold, "order": order, "event": event, "payment": payment, "seconds": seconds,
         "test_cards": test_cards, "stripe_js": settings.STRIPE_JS_URL,
         "publishable_key": settings.STRIPE_PUBLISHABLE_KEY},
    )  # fmt: skip


def hold_done(request, token):
    hold = _hold(request, token)
    if hold.order is not None and hold.order.status == OrderStatus.PENDING:
        with contextlib.suppress(DomainError):  # the webhook may be late: ask Stripe
            payments.payment_sync(hold.order)
        hold.refresh_from_db()
    if hold.order is not None and hold.order.status == OrderStatus.PENDING:
        return TemplateResponse(
            request,
            "ticketing/processing.html",
            {"hold": hold, "event": _translated(hold.ticket_type.inventory.event)},
        )
    if hold.status != HoldStatus.CONVERTED or hold.order is None:
        return redirect(reverse("ticketing:hold", kwargs={"token": hold.token}))
    # a ticket transferred since belongs to its new holder: no code, no QR code here
    tickets = [
        (ticket, qr_svg(ticket) if buyer_holds(ticket) else None)
        for ticket in hold.order.tickets.all()
    ]
    return TemplateResponse(
        request,
        "ticketing/done.html",
        {
            "hold": hold,
            "order": hold.order,
            "tickets": tickets,
            "event": _translated(hold.ticket_type.inventory.event),
        },  # fmt: skip
    )


@require_POST
def waitlist_join(request, event_id: int):
    event = _event(event_id)
    form = WaitlistForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid email address."))
        return redirect("ticketing:event", event_id=event.pk)
    try:
        entry = waitlist.waitlist_join(
            ticket_type_id=form.cleaned_data["ticket_type"],
            quantity=form.cleaned_data["quantity"],
            user=request.user,
            email=form.cleaned_data["email"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("ticketing:event", event_id=event.pk)
    return redirect("ticketing:waitlist", token=entry.token)


def waitlist_entry(request, token):
    """Where someone on the waitlist sees their place (and leaves the list)."""
    entry = (
        WaitlistEntry.objects.select_related("ticket_type__inventory__event", "hold")
        .filter(token=token)
        .first()
    )
    if entry is None or not may_use_waitlist_entry(request.user, entry):
        raise Http404
    if request.method == "POST":
        waitlist.waitlist_leave(entry=entry, user=request.user)
        messages.info(request, _("You left the waitlist."))
    return TemplateResponse(
        request,
        "ticketing/waitlist.html",
        {"entry": entry, "position": selectors.waitlist_position(entry),
         "event": _translated(entry.ticket_type.inventory.event)},
    )  # fmt: skip
