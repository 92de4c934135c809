from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from config.errors import ValidationFailed
from config.http import parse_ids, safe_next

from .forms import PreferencesForm
from .models import Notification
from .registry import CHANNELS
from .selectors import notification_list, preference_matrix, settings_for
from .services import notification_archive, notification_mark_read, preferences_update, unsubscribe
from .tokens import read_unsubscribe_token


@login_required
def notification_inbox(request):
    archived = request.GET.get("archived") == "1"
    unread_only = request.GET.get("unread") == "1"
    qs = notification_list(user=request.user, unread_only=unread_only, archived=archived)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "archived": archived, "unread_only": unread_only},
    )


@login_required
@require_POST
def notification_read(request):
    ids = parse_ids(request.POST.getlist("id"))
    if ids is None:
        messages.error(request, _("That notification does not exist."))
    else:
        notification_mark_read(user=request.user, notification_ids=ids or None)
    return redirect(safe_next(request, "inbox:list"))


@login_required
@require_POST
def notification_archive_view(request, pk: int):
    try:
        notification_archive(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    return redirect("inbox:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    matrix = preference_matrix(user=request.user)
    master = settings_for(request.user)
    form = PreferencesForm(
        request.POST or None,
        matrix=matrix,
        initial={"enabled": master.enabled, "email_enabled": master.email_enabled},
    )
    if request.method == "POST" and form.is_valid():
        preferences_update(
            user=request.user,
            changes=form.changes(),
            enabled=form.cleaned_data["enabled"],
            email_enabled=form.cleaned_data["email_enabled"],
        )
        messages.success(request, _("Your notification settings were saved."))
        return redirect("dashboard_settings")
    rows = {}
    for row in matrix:
        key = f"{row['type']}__{row['channel']}"
        rows.setdefault(row["type"], {"label": row["label"], "cells": []})["cells"].append(
            {"channel": row["channel"], "on": form[f"on__{key}"], "freq": form[f"freq__{key}"]}
        )
    return TemplateResponse(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "rows": rows.values(),
            "channels": CHANNELS,
            "whatsapp_available": "whatsapp" in form.supported,
        },
    )


@csrf_exempt  # the token is the credential; mail clients' one-click POST carries no CSRF
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST does it,
    including RFC 8058 one-click from mail clients."""
    try:
        user_id, type_code = read_unsubscribe_token(token)
    except signing.BadSignature:
        return TemplateResponse(
            request, "notifications/unsubscribe.html", {"invalid": True}, status=400
        )
    if request.method == "POST":
        try:
            what = unsubscribe(user_id=user_id, type_code=type_code)
        except (get_user_model().DoesNotExist, ValidationFailed):  # gone since the email
            return TemplateResponse(
                request, "notifications/unsubscribe.html", {"invalid": True}, status=400
            )
        return TemplateResponse(
            request, "notifications/unsubscribe.html", {"done": True, "all": what == "*"}
        )
    return TemplateResponse(request, "notifications/unsubscribe.html", {"all": type_code == "*"})
