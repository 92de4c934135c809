"""Downloads per resource in the Wagtail admin (Reports → Resource downloads): a table of
the most downloaded resources and a bar chart of downloads per day, last 30 days."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import selectors


def may_see_report(user) -> bool:
    return user.is_active and user.has_perm("resources.view_resourceaccess")


def downloads(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    report = selectors.downloads_report(days=30)
    per_day = report["per_day"]
    peak = max(per_day.values(), default=0) or 1
    bars = [
        {
            "day": day,
            "count": count,
            "x": position * 10 + 1,
            "height": round(100 * count / peak),
            "y": 105 - round(100 * count / peak),
        }
        for position, (day, count) in enumerate(per_day.items())
    ]
    return TemplateResponse(
        request,
        "resources/admin/downloads.html",
        {
            "resources": report["resources"],
            "bars": bars,
            "days": report["days"],
            "total": sum(per_day.values()),
            "peak": peak,
            "chart_width": len(bars) * 10,
        },
    )
