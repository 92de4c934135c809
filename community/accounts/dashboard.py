"""Sections other apps add to the member's dashboard (/dashboard/), without accounts
importing them. An app registers a section once, in its AppConfig.ready():

    from community.accounts.dashboard import register_dashboard_section

    def upcoming(request) -> dict:
        return {"upcoming_tickets": upcoming_tickets(user=request.user, ...)}

    register_dashboard_section(
        "ticketing.upcoming", template="ticketing/_dashboard_tickets.html", context=upcoming
    )

A section's context is merged into the dashboard's, and its template is included among the
dashboard's cards, in the order sections were registered. Registering again under the same
code replaces the earlier section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardSection:
    code: str
    template: str
    context: Callable[..., dict]  # (request) -> what the template needs


_SECTIONS: dict[str, DashboardSection] = {}


def register_dashboard_section(
    code: str, *, template: str, context: Callable[..., dict]
) -> DashboardSection:
    section = DashboardSection(code=code, template=template, context=context)
    _SECTIONS[code] = section
    return section


def dashboard_sections(request) -> dict:
    """What the registered sections add to the dashboard's context, with
    `dashboard_sections`: the templates to include."""
    context: dict = {}
    for section in _SECTIONS.values():
        context.update(section.context(request))
    context["dashboard_sections"] = [section.template for section in _SECTIONS.values()]
    return context
