from django.utils.translation import gettext_lazy as _

from community.notifications.registry import NotificationType, register

_PLACEHOLDERS = frozenset({"name", "page", "by", "comment", "link"})

REVIEW = register(
    NotificationType(
        code="cms.review_requested",
        label=_("Pages waiting for my review (moderators)"),
        subject=_("“{page}” waits for your review"),
        body=_("Hello {name}, {by} submitted “{page}” for moderation."),
        placeholders=_PLACEHOLDERS,
    )
)
APPROVED = register(
    NotificationType(
        code="cms.page_approved",
        label=_("My pages approved"),
        subject=_("“{page}” was approved"),
        body=_("Hello {name}, {by} approved “{page}”. {comment}"),
        placeholders=_PLACEHOLDERS,
    )
)
REJECTED = register(
    NotificationType(
        code="cms.page_rejected",
        label=_("My pages sent back with changes requested"),
        subject=_("“{page}” needs changes"),
        body=_("Hello {name}, {by} sent “{page}” back: {comment}"),
        placeholders=_PLACEHOLDERS,
    )
)
