"""A moderator's decision on a blog comment is an audit entry (config/audit.py), from the
admin's moderation view or the service; the admin's site history lists it."""

import pytest

from cms.blog.services import comment_bulk_moderate, comment_create
from tests.audit import assert_audited, assert_in_site_history

pytestmark = pytest.mark.django_db


def test_approving_and_rejecting_comments_are_recorded(
    client, admin_user, post, member, moderator, commit
):
    first = comment_create(author=member, post=post, body="Comentario uno")
    second = comment_create(author=member, post=post, body="Comentario dos")
    client.force_login(moderator)
    response = client.post(f"/admin/blog/comments/comment/{first.pk}/", {"action": "approve"})
    assert response.status_code == 302
    approved = assert_audited(first, "medellin.blog_comment_approve", user=moderator, post=post.pk)
    commit(comment_bulk_moderate, moderator=moderator, comment_ids=[second.pk], action="reject")
    assert_audited(second, "medellin.blog_comment_reject", user=moderator, post=post.pk)
    assert_in_site_history(
        client, admin_user, approved, es="Comentario del blog aprobado", en="Blog comment approved"
    )
