"""Who hears about a moderated comment, each in their own language."""

from __future__ import annotations

from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from community.notifications.rendering import recipient_language
from community.notifications.services import notify

from .models import BlogComment


def _context(comment: BlogComment) -> dict:
    author = comment.author.profile.display_name if hasattr(comment.author, "profile") else ""
    return {
        "author": author,
        "post": comment.post.title,
        "excerpt": Truncator(" ".join(comment.body.split())).chars(140),
    }


def comment_decided(comment_id: int, action: str) -> int:
    """Tell the commenter the decision; once approved, tell the post's author and the author
    of the comment replied to (never the commenter twice, never about their own words).
    Returns how many people were told."""
    comment = (
        BlogComment.objects.select_related(
            "author__profile", "post__author__profile", "parent__author__profile"
        )
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    url = comment.post.url + f"#comment-{comment.pk}"
    context = _context(comment)
    with translation.override(recipient_language(comment.author)):
        decision = (
            _("Your comment is published now.")
            if action == "approve"
            else _("Your comment was not published: %(reason)s")
            % {"reason": comment.moderation_note or _("it does not follow our guidelines.")}
        )
    notify(
        recipient=comment.author,
        type_code="blog.comment_moderated",
        context={**context, "decision": decision},
        url=url,
    )
    told = 1
    if action != "approve":
        return told
    skip = {comment.author_id}
    if comment.parent is not None and comment.parent.author_id not in skip:
        notify(
            recipient=comment.parent.author,
            type_code="blog.comment_reply",
            context=context,
            url=url,
        )
        skip.add(comment.parent.author_id)
        told += 1
    post_author = comment.post.author
    if post_author is not None and post_author.is_active and post_author.pk not in skip:
        notify(recipient=post_author, type_code="blog.comment_on_post", context=context, url=url)
        told += 1
    return told
