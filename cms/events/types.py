"""Notification types of events: the moderators' decision on a submission, venues."""

from django.utils.translation import gettext_lazy as _

from community.notifications.registry import NotificationType, register

SUBMISSION_APPROVED = register(
    NotificationType(
        code="events.submission_approved",
        label=_("My event submissions are approved"),
        subject=_("“{event}” is approved and published"),
        body=_("Hello {name}, the moderators approved “{event}”; it is now online. {feedback}"),
        placeholders=frozenset({"name", "event", "feedback", "link"}),
    )
)
SUBMISSION_REJECTED = register(
    NotificationType(
        code="events.submission_rejected",
        label=_("Changes requested on my event submissions"),
        subject=_("Changes requested on “{event}”"),
        body=_(
            "Hello {name}, the moderators asked for changes to “{event}” before publishing "
            "it: {feedback}"
        ),
        placeholders=frozenset({"name", "event", "feedback", "link"}),
    )
)
VENUE_APPROVED = register(
    NotificationType(
        code="events.venue_approved",
        label=_("My proposed venues are approved"),
        subject=_("Your venue “{venue}” is approved"),
        body=_("Hello {name}, an administrator approved “{venue}”; every organizer can use it."),
        placeholders=frozenset({"name", "venue", "link"}),
    )
)
EVENT_CANCELLED = register(
    NotificationType(
        code="events.event_cancelled",
        label=_("Events I registered for are cancelled"),
        subject=_("Cancelled: “{event}”"),
        body=_(
            "Hello {name}, “{event}”, planned for {when}, is cancelled. If you paid for a "
            "ticket, the organizers will be in touch about your refund."
        ),
        placeholders=frozenset({"name", "event", "when", "link"}),
        mandatory=True,
    )
)
EVENT_RESCHEDULED = register(
    NotificationType(
        code="events.event_rescheduled",
        label=_("Events I registered for change date or are postponed"),
        subject=_("New date for “{event}”"),
        body=_(
            "Hello {name}, “{event}” has changed: it now takes place {when} (it was {before}). "
            "Your ticket is still valid."
        ),
        placeholders=frozenset({"name", "event", "when", "before", "link"}),
        mandatory=True,
    )
)
