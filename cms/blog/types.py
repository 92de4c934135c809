"""Notification types of the blog: who hears about a comment once a moderator decided."""

from django.utils.translation import gettext_lazy as _

from community.notifications.registry import NotificationType, register

_PLACEHOLDERS = frozenset({"name", "author", "post", "excerpt", "link"})

COMMENT_ON_POST = register(
    NotificationType(
        code="blog.comment_on_post",
        label=_("Comments on my blog posts"),
        subject=_("{author} commented on “{post}”"),
        body=_("Hello {name}, {author} commented on your post “{post}”: {excerpt}"),
        placeholders=_PLACEHOLDERS,
    )
)
COMMENT_REPLY = register(
    NotificationType(
        code="blog.comment_reply",
        label=_("Replies to my blog comments"),
        subject=_("{author} replied to your comment on “{post}”"),
        body=_("Hello {name}, {author} replied to your comment on “{post}”: {excerpt}"),
        placeholders=_PLACEHOLDERS,
    )
)
COMMENT_MODERATED = register(
    NotificationType(
        code="blog.comment_moderated",
        label=_("Moderation of my blog comments"),
        subject=_("A moderator reviewed your comment on “{post}”"),
        body=_("Hello {name}, a moderator reviewed your comment on “{post}”. {decision}"),
        placeholders=_PLACEHOLDERS | {"decision"},
        default_channels=frozenset({"in_app"}),
    )
)
