"""Blog comment moderation in the Wagtail admin: the queue with filters, approve or reject
one comment, or many at once. Every action goes through the blog services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from config.http import parse_id, safe_next

from . import selectors, services
from .models import BlogComment

PER_PAGE = 50


def _moderator_only(view):
    def wrapped(request, *args, **kwargs):
        if not selectors.can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _back(request):
    return redirect(safe_next(request, "blog_moderation:queue"))


@_moderator_only
def queue(request):
    status = request.GET.get("status", BlogComment.Status.PENDING)
    if status not in (*BlogComment.Status.values, "all"):
        status = BlogComment.Status.PENDING
    language = request.GET.get("language", "")
    language = language if language in dict(settings.LANGUAGES) else ""
    query = request.GET.get("q", "")[:100].strip()
    comments = selectors.moderation_queue(status=status, language=language, query=query)
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "blog/admin/queue.html",
        {
            "comments": page,
            "page_obj": page,
            "status": status,
            "language": language,
            "query": query,
            "statuses": BlogComment.Status.choices,
            "languages": settings.LANGUAGES,
            "pending_count": BlogComment.objects.filter(status=BlogComment.Status.PENDING).count(),
        },
    )


@require_POST
@_moderator_only
def comment_action(request, pk: int):
    comment = get_object_or_404(BlogComment, pk=pk)
    try:
        services.comment_moderate(
            moderator=request.user,
            comment=comment,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done: the comment is updated."))
    return _back(request)


@require_POST
@_moderator_only
def bulk_action(request):
    ids = [pk for pk in map(parse_id, request.POST.getlist("comment")) if pk is not None]
    try:
        changed = services.comment_bulk_moderate(
            moderator=request.user, comment_ids=ids, action=request.POST.get("action", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)d comments updated.") % {"n": changed})
    return _back(request)
