from django.utils.translation import gettext_lazy as _

from community.notifications.registry import NotificationType, register

_PLACEHOLDERS = frozenset({"name", "author", "topic", "excerpt", "link"})

REPLY = register(
    NotificationType(
        code="forums.reply",
        label=_("Replies to my posts"),
        subject=_("{author} replied in “{topic}”"),
        body=_("Hello {name}, {author} replied to you in “{topic}”: {excerpt}"),
        placeholders=_PLACEHOLDERS,
    )
)
MENTION = register(
    NotificationType(
        code="forums.mention",
        label=_("Mentions in the forums"),
        subject=_("{author} mentioned you in “{topic}”"),
        body=_("Hello {name}, {author} mentioned you in “{topic}”: {excerpt}"),
        placeholders=_PLACEHOLDERS,
    )
)
WATCHED = register(
    NotificationType(
        code="forums.watched",
        label=_("New posts in topics and categories I follow"),
        subject=_("New in “{topic}”"),
        body=_("Hello {name}, {author} posted in “{topic}”: {excerpt}"),
        placeholders=_PLACEHOLDERS,
        default_channels=frozenset({"in_app", "email"}),
        default_frequency="daily",
    )
)
MODERATION = register(
    NotificationType(
        code="forums.moderation",
        label=_("Forum moderation queue (moderators)"),
        subject=_("Forum post needs a moderator: “{topic}”"),
        body=_("Hello {name}, a post by {author} in “{topic}” waits for a moderator: {excerpt}"),
        placeholders=_PLACEHOLDERS,
        default_channels=frozenset({"in_app"}),
    )
)
DECIDED = register(
    NotificationType(
        code="forums.moderated",
        label=_("Moderation of my posts"),
        subject=_("A moderator reviewed your post in “{topic}”"),
        body=_("Hello {name}, a moderator reviewed your post in “{topic}”. {decision}"),
        placeholders=_PLACEHOLDERS | {"decision"},
        default_channels=frozenset({"in_app", "email"}),
    )
)
