"""Every moderator's decision in the forums is an audit entry (config/audit.py): who
decided, on what, from which state to which, and why; the admin's site history lists it."""

import pytest

from community.forums.models import ForumCategory
from community.forums.services import (
    ban_lift,
    post_create,
    post_moderate,
    report_create,
    report_dismiss,
    topic_create,
    topic_moderate,
    user_ban,
)
from config.errors import NotPermitted
from tests.audit import assert_audited, assert_in_site_history, audit_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(trusted, category, ana, commit):
    return commit(topic_create, author=ana, category=category, title="¿Qué es RAG?", body="Hola")


def test_hiding_restoring_and_dismissing_a_report_are_recorded(
    client, admin_user, topic, ana, beto, moderator, commit
):
    reply = commit(post_create, author=beto, topic=topic, body="Compra seguidores")
    report = commit(report_create, reporter=ana, post=reply, reason="spam")
    report_dismiss(moderator=moderator, report=report)
    report_dismiss(moderator=moderator, report=report)  # decided once
    assert_audited(
        report, "medellin.forum_report_dismiss", user=moderator, post=reply.pk, report_reason="spam"
    )

    commit(post_moderate, moderator=moderator, post=reply, action="hide", reason="Publicidad")
    hidden = assert_audited(
        reply,
        "medellin.forum_post_hide",
        user=moderator,
        old_status="visible",
        new_status="hidden",
        reason="Publicidad",
        topic=topic.pk,
    )
    assert hidden.comment == "Publicidad"
    commit(post_moderate, moderator=moderator, post=reply, action="restore")
    assert_audited(reply, "medellin.forum_post_restore", user=moderator, new_status="visible")
    with pytest.raises(NotPermitted):
        post_moderate(moderator=ana, post=reply, action="hide", reason="No me gusta")
    assert audit_entries(reply, "medellin.forum_post_hide").count() == 1
    assert_in_site_history(
        client, admin_user, hidden, es="Publicación del foro ocultada", en="Forum post hidden"
    )


def test_approving_and_rejecting_held_posts_are_recorded(category, make_user, moderator, commit):
    newcomer = make_user(first_name="Nueva")
    held = commit(topic_create, author=newcomer, category=category, title="Mi primer tema",
                  body="Hola a todos")  # fmt: skip
    opening = held.posts.get()
    commit(post_moderate, moderator=moderator, post=opening, action="approve")
    assert_audited(opening, "medellin.forum_post_approve", user=moderator, old_status="pending")
    other = commit(topic_create, author=make_user(), category=category, title="Otro tema",
                   body="Texto")  # fmt: skip
    rejected = other.posts.get()
    commit(post_moderate, moderator=moderator, post=rejected, action="reject", reason="Repetido")
    assert_audited(
        rejected, "medellin.forum_post_reject", user=moderator, new_status="rejected",
        reason="Repetido",
    )  # fmt: skip


def test_topic_decisions_are_recorded_once_each(client, admin_user, topic, category, moderator):
    topic_moderate(moderator=moderator, topic=topic, action="lock")
    topic_moderate(moderator=moderator, topic=topic, action="lock")  # already locked: nothing
    assert_audited(topic, "medellin.forum_topic_lock", user=moderator)
    topic_moderate(moderator=moderator, topic=topic, action="pin")
    assert_audited(topic, "medellin.forum_topic_pin", user=moderator)
    news = ForumCategory.objects.create(name_es="Noticias", name_en="News", slug="noticias")
    topic_moderate(moderator=moderator, topic=topic, action="move", category=news)
    moved = assert_audited(
        topic, "medellin.forum_topic_move", user=moderator,
        from_category_id=category.pk, to_category_id=news.pk,
    )  # fmt: skip
    assert_in_site_history(
        client,
        admin_user,
        moved,
        es="Tema movido de Preguntas a Noticias",
        en="Topic moved from Questions to News",
    )


def test_a_ban_and_its_lifting_are_recorded(client, admin_user, beto, moderator):
    ban = user_ban(moderator=moderator, user=beto, reason="Spam repetido", days=7)
    entry = assert_audited(
        ban, "medellin.forum_ban_create", user=moderator, member=beto.pk, days=7,
        reason="Spam repetido",
    )  # fmt: skip
    ban_lift(moderator=moderator, ban=ban)
    ban_lift(moderator=moderator, ban=ban)  # lifted once
    assert_audited(ban, "medellin.forum_ban_lift", user=moderator, member=beto.pk)
    assert_in_site_history(
        client,
        admin_user,
        entry,
        es="Miembro suspendido en los foros",
        en="Member banned from the forums",
    )
