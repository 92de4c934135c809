"""The member's connections page (/dashboard/connections/): connections, requests waiting
for an answer, requests sent, and people they may know."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError

from . import selectors, services
from .models import Connection


@login_required
def connections_page(request):
    user = request.user
    return TemplateResponse(
        request,
        "connections/list.html",
        {
            "connections": selectors.connection_list(user),
            "incoming": selectors.requests_incoming(user),
            "outgoing": selectors.requests_outgoing(user),
            "suggestions": selectors.people_you_may_know(user),
        },
    )


ACTIONS = {
    "accept": (services.connection_accept, _("You are now connected.")),
    "decline": (services.connection_decline, _("Request declined.")),
    "remove": (services.connection_delete, _("Done.")),
}


@login_required
@require_POST
def connection_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    service, done = ACTIONS[action]
    try:
        service(user=request.user, connection_id=pk)
    except Connection.DoesNotExist as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, str(done))
    return redirect("connections:list")


@login_required
@require_POST
def connection_request_view(request, user_id: int):
    other = selectors.member_reachable(request.user, user_id)
    if other is None:
        raise Http404
    try:
        services.connection_request(sender=request.user, recipient=other)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Request sent."))
    return redirect("connections:list")
