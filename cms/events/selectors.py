"""Reads the organizer's dashboard, the admin and the API share. The public listing and feeds
are in listing.py; what an event page shows, in presentation.py."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import EventPage, EventSubmission, SubmissionStep
from .permissions import own_events_filter
from .wizard import STEPS


def my_events(user) -> QuerySet:
    """Events the user organizes or co-organizes, in every language and state."""
    ids = EventPage.objects.filter(own_events_filter(user)).values("pk")
    return (
        EventPage.objects.filter(pk__in=ids)
        .select_related("locale", "venue", "submission")
        .order_by("-start", "pk")
    )


def my_submissions(user, *, status: str | None = None) -> QuerySet:
    queryset = EventSubmission.objects.filter(organizer=user).select_related("page", "locale")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def submission_funnel() -> list[dict]:
    """Form analytics: how many submissions reached each wizard step, and then were sent."""
    counts = dict(
        SubmissionStep.objects.values_list("step").annotate(n=Count("id")).values_list("step", "n")
    )
    codes = [step.code for step in STEPS[:-1]] + ["submitted"]
    labels = {step.code: step.label for step in STEPS}
    labels["submitted"] = _("Sent for review")
    return [{"step": code, "label": labels[code], "count": counts.get(code, 0)} for code in codes]
