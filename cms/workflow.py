"""Editorial workflow messages go through the notification service, like every other message:
in the recipient's language, on the channels they chose, with digests. Wagtail's own workflow
emails are switched off so nobody hears twice."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

_WAGTAIL_EMAILS = {
    workflow_submitted: ("workflow_state_submitted_email_notification", WorkflowState),
    task_submitted: ("group_approval_task_submitted_email_notification", TaskState),
    workflow_approved: ("workflow_state_approved_email_notification", WorkflowState),
    workflow_rejected: ("workflow_state_rejected_email_notification", WorkflowState),
}


def _name(user) -> str:
    if user is None:
        return ""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else (user.get_full_name() or user.email)


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _notify(users, type_code: str, page, *, by, comment: str = "") -> None:
    from community.notifications.services import notify

    for user in users:
        notify(
            recipient=user,
            type_code=type_code,
            context={"page": page.title, "by": _name(by), "comment": comment},
            url=_edit_url(page),
        )


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs) -> None:
    """Reviewers of a group approval task: the task's groups' members (and admins)."""
    task = instance.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return
    User = get_user_model()
    reviewers = (
        User.objects.filter(is_active=True, groups__in=groups.all())
        | User.objects.filter(is_active=True, is_superuser=True)
    ).distinct()
    if user is not None:
        reviewers = reviewers.exclude(pk=user.pk)
    page = instance.workflow_state.content_object
    _notify(reviewers.select_related("profile"), "cms.review_requested", page, by=user)


def on_workflow_decided(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    from cms.events.services import submission_decided

    page = instance.content_object
    task_state = instance.current_task_state
    comment = task_state.specific.get_comment() if task_state is not None else ""
    approved = instance.status == WorkflowState.STATUS_APPROVED
    # an organizer's event submission: its own record, message and follow-up
    if submission_decided(page=page, approved=approved, by=user, comment=comment or ""):
        return
    requested_by = instance.requested_by
    if requested_by is None or requested_by == user:
        return
    _notify(
        [requested_by],
        "cms.page_approved" if approved else "cms.page_rejected",
        page,
        by=user,
        comment=comment or "",
    )


def connect() -> None:
    for signal, (dispatch_uid, sender) in _WAGTAIL_EMAILS.items():
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
    task_submitted.connect(on_task_submitted, sender=TaskState, dispatch_uid="cms_review_requested")
    workflow_approved.connect(
        on_workflow_decided, sender=WorkflowState, dispatch_uid="cms_workflow_approved"
    )
    workflow_rejected.connect(
        on_workflow_decided, sender=WorkflowState, dispatch_uid="cms_workflow_rejected"
    )
