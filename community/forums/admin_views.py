"""The forum moderation queue in the Wagtail admin: held posts, reported posts with every
reason given, hidden posts, and bans. Every action goes through the forum services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from config.http import parse_id

from . import selectors, services
from .models import ForumBan, ForumCategory, Post, PostReport, Topic


def _moderator_only(view):
    def wrapped(request, *args, **kwargs):
        if not selectors.can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _back():
    return redirect("forums_moderation:queue")


@_moderator_only
def queue(request):
    waiting = selectors.moderation_queue()
    hidden = (
        Post.objects.filter(status=Post.Status.HIDDEN)
        .select_related("topic__category", "author__profile", "moderated_by")
        .order_by("-pk")[:50]
    )
    bans = (
        ForumBan.objects.filter(lifted_at=None)
        .select_related("user__profile", "created_by")
        .order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "forums/admin/queue.html",
        {
            "held": waiting["held"],
            "reported": waiting["reported"],
            "hidden": hidden,
            "bans": [ban for ban in bans if ban.is_active],
            "categories": ForumCategory.objects.filter(is_active=True).order_by("sort_order"),
            "ban_days": services.BAN_DAYS,
        },
    )


def _run(request, action, success: str):
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return _back()


@require_POST
@_moderator_only
def post_action(request, pk: int):
    post = get_object_or_404(Post, pk=pk)
    action = request.POST.get("action", "")
    return _run(
        request,
        lambda: services.post_moderate(
            moderator=request.user, post=post, action=action, reason=request.POST.get("reason", "")
        ),
        _("Done: the post is updated."),
    )


@require_POST
@_moderator_only
def topic_action(request, pk: int):
    topic = get_object_or_404(Topic, pk=pk)
    category_id = parse_id(request.POST.get("category"))
    category = ForumCategory.objects.filter(pk=category_id).first() if category_id else None
    return _run(
        request,
        lambda: services.topic_moderate(
            moderator=request.user,
            topic=topic,
            action=request.POST.get("action", ""),
            category=category,
        ),
        _("Done: the topic is updated."),
    )


@require_POST
@_moderator_only
def report_dismiss(request, pk: int):
    report = get_object_or_404(PostReport, pk=pk)
    return _run(
        request,
        lambda: services.report_dismiss(moderator=request.user, report=report),
        _("Report dismissed."),
    )


@require_POST
@_moderator_only
def ban_create(request):
    user = get_object_or_404(get_user_model(), pk=parse_id(request.POST.get("user")) or 0)
    raw = request.POST.get("days", "")
    days = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 5 else None
    return _run(
        request,
        lambda: services.user_ban(
            moderator=request.user, user=user, reason=request.POST.get("reason", ""), days=days
        ),
        _("The member cannot write in the forums for now."),
    )


@require_POST
@_moderator_only
def ban_lift(request, pk: int):
    ban = get_object_or_404(ForumBan, pk=pk)
    return _run(
        request, lambda: services.ban_lift(moderator=request.user, ban=ban), _("Ban lifted.")
    )
