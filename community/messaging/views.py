"""Direct messages on the site (/dashboard/messages/): the conversation list, one
conversation (read, reply, report), writing to a member for the first time, and the
"who can message me" choice posted from the settings page. Everything works without
JavaScript; static/js/messages.js only adds new messages while the page is open."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community.connections.selectors import member_reachable
from config.errors import DomainError

from . import selectors, services
from .forms import MessageForm, MessagingPreferenceForm, ReportForm


@login_required
def conversation_list_page(request):
    page = Paginator(selectors.conversation_list(request.user), 30).get_page(
        request.GET.get("page")
    )
    for conversation in page:
        conversation.other_member = conversation.other(request.user)
    return TemplateResponse(request, "messaging/list.html", {"page_obj": page})


def _before(request) -> int | None:
    value = request.GET.get("before", "")
    return int(value) if value.isdecimal() and len(value) <= 18 else None


@login_required
@require_http_methods(["GET", "POST"])
def conversation_page(request, pk: int):
    user = request.user
    conversation = selectors.conversation_for(user, pk)
    if conversation is None:
        raise Http404
    other = conversation.other(user)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.message_send(
                sender=user, recipient=other, body=form.cleaned_data["body"]
            )
        except DomainError as exc:
            form.add_error("body", exc.message)
        else:
            return redirect(reverse("messaging:conversation", args=[pk]) + f"#message-{sent.pk}")
    services.conversation_mark_read(user=user, conversation=conversation)
    window = list(
        selectors.conversation_messages(user, conversation, before_id=_before(request))[
            : selectors.PAGE + 1
        ]
    )
    earlier = window[selectors.PAGE - 1].pk if len(window) > selectors.PAGE else None
    thread = list(reversed(window[: selectors.PAGE]))
    seen_id = next((m.pk for m in reversed(thread) if m.sender_id == user.pk and m.read_at), None)
    return TemplateResponse(
        request,
        "messaging/conversation.html",
        {
            "conversation": conversation,
            "other": other,
            "thread": thread,
            "earlier": earlier,
            "seen_id": seen_id,
            "form": form,
            "report_form": ReportForm(),
            "refusal": selectors.messaging_refusal(user, other),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_new(request, user_id: int):
    """Write to a member: their existing conversation if there is one, else a new one."""
    other = member_reachable(request.user, user_id)
    if other is None or other.pk == request.user.pk:
        raise Http404
    existing = selectors.conversation_between(request.user, other)
    if existing is not None:
        return redirect("messaging:conversation", pk=existing.pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.message_send(
                sender=request.user, recipient=other, body=form.cleaned_data["body"]
            )
        except DomainError as exc:
            form.add_error("body", exc.message)
        else:
            return redirect("messaging:conversation", pk=sent.conversation_id)
    return TemplateResponse(
        request,
        "messaging/new.html",
        {
            "other": other,
            "form": form,
            "refusal": selectors.messaging_refusal(request.user, other),
        },
    )


@login_required
@require_POST
def message_report_view(request, message_id: int):
    message = selectors.message_for(request.user, message_id)
    if message is None:
        raise Http404
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason for the report."))
    else:
        try:
            services.message_report(
                reporter=request.user,
                message=message,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Thank you. The moderators will review the message you reported.")
            )
    url = reverse("messaging:conversation", args=[message.conversation_id])
    return redirect(f"{url}#message-{message.pk}")


@login_required
@require_POST
def messaging_preference_view(request):
    form = MessagingPreferenceForm(request.POST)
    if form.is_valid():
        services.messaging_preference_set(
            user=request.user, messages_from=form.cleaned_data["messages_from"]
        )
        messages.success(request, _("Your messaging choice was saved."))
    else:
        messages.error(request, _("Choose who can message you: your connections or any member."))
    return redirect("dashboard_settings")
