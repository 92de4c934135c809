"""Reports → Event submission funnel: how far organizers get in the wizard (PRD's
form_analytics), as a horizontal bar chart and a table, for moderators and admins."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import permissions, selectors


def may_see_report(user) -> bool:
    return permissions.sees_all_submissions(user)


def funnel(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    steps = selectors.submission_funnel()
    started = steps[0]["count"] or 1
    rows = []
    for position, row in enumerate(steps):
        following = steps[position + 1]["count"] if position + 1 < len(steps) else None
        rows.append(
            {
                **row,
                "share": round(100 * row["count"] / started),
                "dropped": row["count"] - following if following is not None else None,
                "y": position * 24,
                "width": round(300 * row["count"] / started),
            }
        )
    return TemplateResponse(
        request,
        "events/admin/funnel.html",
        {"rows": rows, "height": len(rows) * 24, "started": steps[0]["count"]},
    )
