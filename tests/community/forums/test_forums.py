"""Forums: topics, replies, edits with history, mentions and followers, held first posts,
reports, moderation, bans, locks, rate limits, search, and the pages and API around them."""

import pytest
from django.urls import reverse

from community.forums import selectors
from community.forums.models import ForumCategory, Post, PostReport, Topic
from community.forums.services import (
    ban_lift,
    post_create,
    post_edit,
    post_moderate,
    report_create,
    subscribe,
    topic_create,
    topic_moderate,
    user_ban,
)
from community.forums.tasks import post_published
from config.errors import Conflict, NotPermitted, RateLimited, ValidationFailed

pytestmark = pytest.mark.django_db


def _types(user) -> list[str]:
    return list(user.platform_notifications.order_by("pk").values_list("type_code", flat=True))


def test_topic_with_opening_post_and_replies(trusted, category, ana, beto, commit):
    topic = commit(topic_create, author=ana, category=category, title="¿Qué es RAG?", body="Hola")
    assert topic.status == "active" and topic.slug == "que-es-rag"
    first = topic.posts.get()
    assert first.is_opening and first.body_html == "<p>Hola</p>\n"
    reply = commit(post_create, author=beto, topic=topic, body="Recuperación + generación")
    topic.refresh_from_db()
    assert topic.reply_count == 1 and topic.last_post_author_id == beto.pk
    assert topic.last_activity_at == reply.created_at
    assert _types(ana) == ["forums.reply"]  # the topic's author hears about the reply
    # the same title again gets its own slug
    again = topic_create(author=ana, category=category, title="¿Qué es RAG?", body="Otra vez")
    assert again.slug != topic.slug and again.slug.startswith("que-es-rag-")


def test_mentions_replies_and_followers_are_each_told_once(
    trusted, category, ana, beto, make_user, commit
):
    carla, dani = make_user(first_name="Carla", last_name="X"), make_user(first_name="Dani")
    topic = commit(
        topic_create, author=ana, category=category, title="Visión por computador", body="…"
    )
    subscribe(user=carla, topic=topic)
    subscribe(user=dani, topic=topic)
    first = commit(post_create, author=beto, topic=topic, body="Primera respuesta")
    dani.platform_notifications.all().delete()
    handle = dani.profile.handle
    commit(post_create, author=carla, topic=topic, parent=first, body=f"@{handle} mira esto")
    assert _types(beto) == ["forums.reply"]  # replied to directly
    assert _types(dani) == ["forums.mention"]  # mentioned: not also told as a follower
    assert _types(ana).count("forums.watched") == 1  # the author follows their topic
    # a retried task tells nobody twice
    last = topic.posts.latest("pk")
    assert post_published(last.pk) == 0
    assert _types(dani) == ["forums.mention"]


def test_a_blocked_member_is_not_told(trusted, category, ana, beto, commit):
    from community.connections.services import user_block

    user_block(user=ana, other=beto)
    topic = commit(topic_create, author=ana, category=category, title="Tema de Ana", body="…")
    commit(post_create, author=beto, topic=topic, body=f"@{ana.profile.handle} hola")
    assert _types(ana) == []


def test_new_members_first_post_waits_for_a_moderator(
    settings, category, ana, beto, moderator, client, api_client, commit
):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    topic = commit(topic_create, author=ana, category=category, title="Mi primer tema", body="Hola")
    assert topic.status == "pending" and topic.posts.get().status == "pending"
    assert _types(moderator) == ["forums.moderation"]
    url = reverse("forums:topic", kwargs={"slug": topic.slug})
    assert client.get(url).status_code == 404  # the public doesn't see it
    assert api_client.get(f"/api/v1/forums/topics/{topic.pk}/").status_code == 404
    client.force_login(ana)  # its author does, marked as waiting
    assert "Esperando aprobación" in client.get(url).content.decode()
    commit(post_moderate, moderator=moderator, post=topic.posts.get(), action="approve")
    topic.refresh_from_db()
    assert topic.status == "active"
    assert api_client.get(f"/api/v1/forums/topics/{topic.pk}/").status_code == 200
    assert "forums.moderated" in _types(ana)
    # one published post later, the next goes straight out
    assert commit(post_create, author=ana, topic=topic, body="Segundo").status == "visible"


def test_rejecting_needs_a_reason_and_hides_the_topic(settings, category, ana, moderator, commit):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    topic = topic_create(author=ana, category=category, title="Compra seguidores", body="spam")
    opening = topic.posts.get()
    with pytest.raises(ValidationFailed):
        post_moderate(moderator=moderator, post=opening, action="reject")
    commit(post_moderate, moderator=moderator, post=opening, action="reject", reason="Spam")
    topic.refresh_from_db()
    assert topic.status == "hidden" and selectors.topic_get(viewer=ana, pk=topic.pk) is None
    with pytest.raises(Conflict):  # acting on a stale queue
        post_moderate(moderator=moderator, post=opening, action="approve")


def test_edit_keeps_history_and_tells_only_newly_mentioned(
    trusted, category, ana, beto, make_user, commit
):
    carla = make_user(first_name="Carla")
    topic = commit(
        topic_create,
        author=ana,
        category=category,
        title="Editar",
        body=f"hola @{beto.profile.handle}",
    )
    post = topic.posts.get()
    assert _types(beto) == ["forums.mention"]
    commit(
        post_edit,
        post=post,
        editor=ana,
        body=f"hola @{beto.profile.handle} y @{carla.profile.handle}",
        title="Editado",
    )
    post.refresh_from_db()
    topic.refresh_from_db()
    assert topic.title == "Editado" and post.edited_at is not None
    assert list(post.revisions.values_list("body", flat=True)) == [f"hola @{beto.profile.handle}"]
    assert _types(beto) == ["forums.mention"] and _types(carla) == ["forums.mention"]
    post_edit(post=post, editor=ana, body=post.body)  # no change: no revision
    assert post.revisions.count() == 1
    with pytest.raises(NotPermitted):
        post_edit(post=post, editor=beto, body="mío")


def test_locked_topics_take_no_replies_except_from_moderators(
    trusted, category, ana, beto, moderator
):
    topic = topic_create(author=ana, category=category, title="Cerrado pronto", body="…")
    topic_moderate(moderator=moderator, topic=topic, action="lock")
    with pytest.raises(NotPermitted) as excinfo:
        post_create(author=beto, topic=topic, body="¿Puedo?")
    assert excinfo.value.code == "topic_locked"
    assert post_create(author=moderator, topic=topic, body="Cerramos aquí.").status == "visible"
    with pytest.raises(NotPermitted):
        topic_moderate(moderator=beto, topic=topic, action="unlock")


def test_move_pin_and_subcategories(trusted, category, ana, moderator):
    other = ForumCategory.objects.create(name_es="Otra", name_en="Other", slug="otra")
    child = ForumCategory.objects.create(name_es="Hija", name_en="Child", slug="hija", parent=other)
    topic = topic_create(author=ana, category=category, title="Muévelo", body="…")
    topic_moderate(moderator=moderator, topic=topic, action="move", category=child)
    topic_moderate(moderator=moderator, topic=topic, action="pin")
    topic.refresh_from_db()
    assert topic.category == child and topic.is_pinned
    # a parent category lists its children's topics
    assert list(selectors.topic_list(viewer=None, category=other)) == [topic]
    other.is_active = False
    other.save()
    assert selectors.category_get("hija") is None
    assert [c.slug for c in selectors.category_list()] == ["preguntas"]


def test_reports_reach_moderators_and_hiding_removes_content_everywhere(
    trusted, category, ana, beto, moderator, client, api_client, commit
):
    topic = commit(topic_create, author=ana, category=category, title="Tema normal", body="…")
    post = commit(post_create, author=beto, topic=topic, body="texto ofensivo XYZ")
    with pytest.raises(ValidationFailed):
        report_create(reporter=beto, post=post, reason="abuse")
    report = commit(report_create, reporter=ana, post=post, reason="abuse", note="insulta")
    assert "forums.moderation" in _types(moderator)
    with pytest.raises(Conflict):
        report_create(reporter=ana, post=post, reason="spam")
    queue = selectors.moderation_queue()
    assert [p.open_reports[0].note for p in queue["reported"]] == ["insulta"]

    commit(post_moderate, moderator=moderator, post=post, action="hide", reason="Insultos")
    report.refresh_from_db()
    assert report.status == PostReport.Status.ACTIONED
    url = reverse("forums:topic", kwargs={"slug": topic.slug})
    assert "XYZ" not in client.get(url).content.decode()
    listed = api_client.get(f"/api/v1/forums/topics/{topic.pk}/posts/").json()["results"]
    assert [p["id"] for p in listed] == [topic.posts.get(is_opening=True).pk]
    assert api_client.get(f"/api/v1/forums/posts/{post.pk}/").status_code == 404
    topic.refresh_from_db()
    assert topic.reply_count == 0
    client.force_login(moderator)  # moderators still see it, marked
    assert "XYZ" in client.get(url).content.decode()
    commit(post_moderate, moderator=moderator, post=post, action="restore")
    assert api_client.get(f"/api/v1/forums/posts/{post.pk}/").status_code == 200


def test_bans_stop_writing_for_a_while(trusted, category, ana, beto, moderator, make_user):
    topic = topic_create(author=ana, category=category, title="Tema de Ana", body="…")
    ban = user_ban(moderator=moderator, user=beto, reason="Spam repetido", days=7)
    with pytest.raises(NotPermitted) as excinfo:
        post_create(author=beto, topic=topic, body="hola")
    assert "Spam repetido" in excinfo.value.message and excinfo.value.code == "banned"
    with pytest.raises(NotPermitted):
        user_ban(moderator=moderator, user=make_user("moderator"), reason="x", days=1)
    with pytest.raises(ValidationFailed):
        user_ban(moderator=moderator, user=beto, reason="x", days=3)
    ban_lift(moderator=moderator, ban=ban)
    assert post_create(author=beto, topic=topic, body="hola de nuevo").status == "visible"


def test_rate_limits_on_site_and_api(settings, trusted, category, ana, beto, client, api_client):
    settings.FORUM_POSTS_PER_MINUTE = 2
    topic = topic_create(author=ana, category=category, title="Rápido", body="…")
    post_create(author=beto, topic=topic, body="uno")
    post_create(author=beto, topic=topic, body="dos")
    with pytest.raises(RateLimited):
        post_create(author=beto, topic=topic, body="tres")
    api_client.force_authenticate(beto)
    response = api_client.post(f"/api/v1/forums/topics/{topic.pk}/posts/", {"body": "tres"})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "posting_too_fast"
    client.force_login(beto)
    url = reverse("forums:topic", kwargs={"slug": topic.slug})
    page = client.post(url, {"body": "tres"}, follow=True).content.decode()
    assert "muy rápido" in page
    assert topic.posts.count() == 3


def test_topics_per_day_limit(settings, trusted, category, ana):
    settings.FORUM_TOPICS_PER_DAY = 1
    topic_create(author=ana, category=category, title="Uno al día", body="…")
    with pytest.raises(RateLimited):
        topic_create(author=ana, category=category, title="Otro más", body="…")


def test_search_finds_published_text_only(trusted, category, ana, beto, moderator, commit):
    topic = commit(
        topic_create,
        author=ana,
        category=category,
        title="Embeddings en español",
        body="Probé varios modelos",
    )
    hidden = commit(post_create, author=beto, topic=topic, body="palabrasecreta aquí")
    commit(post_create, author=beto, topic=topic, body="Usa multilingual")
    assert selectors.topic_search(viewer=None, query="embeddings") == [topic]
    assert selectors.topic_search(viewer=None, query="multilingual") == [topic]
    commit(post_moderate, moderator=moderator, post=hidden, action="hide", reason="x")
    assert selectors.topic_search(viewer=None, query="palabrasecreta") == []
    assert selectors.topic_search(viewer=None, query='"') == []  # syntax is not a query


def test_views_count_once_per_session(trusted, category, ana, client):
    topic = topic_create(author=ana, category=category, title="Mírame", body="…")
    url = reverse("forums:topic", kwargs={"slug": topic.slug})
    client.get(url)
    client.get(url)
    topic.refresh_from_db()
    assert topic.view_count == 1


def test_site_journey_new_topic_reply_edit_report(trusted, category, ana, beto, client):
    client.force_login(ana)
    response = client.post(
        reverse("forums:topic_new"),
        {"category": category.pk, "title": "Mi tema desde el sitio", "body": "**hola**"},
    )
    topic = Topic.objects.get(title="Mi tema desde el sitio")
    assert response.status_code == 302 and response.url == topic.get_absolute_url()
    client.force_login(beto)
    client.post(topic.get_absolute_url(), {"body": "respuesta"})
    reply = topic.posts.get(is_opening=False)
    assert (
        client.get(
            reverse("forums:post_edit", args=[topic.posts.get(is_opening=True).pk])
        ).status_code
        == 404
    )
    client.post(reverse("forums:post_edit", args=[reply.pk]), {"body": "respuesta editada"})
    reply.refresh_from_db()
    assert reply.body == "respuesta editada"
    history = client.get(reverse("forums:post_history", args=[reply.pk])).content.decode()
    assert "respuesta" in history
    client.force_login(ana)
    client.post(reverse("forums:post_report", args=[reply.pk]), {"reason": "spam"})
    assert reply.reports.get().reporter == ana
    # follow and unfollow
    client.post(reverse("forums:category_follow", args=[category.slug]), {"follow": "1"})
    assert selectors.subscribed(user=ana, category=category)
    client.post(reverse("forums:category_follow", args=[category.slug]), {"follow": "0"})
    assert not selectors.subscribed(user=ana, category=category)


def test_pages_render_for_visitors(trusted, category, ana, client):
    topic = topic_create(author=ana, category=category, title="Visible para todos", body="…")
    for url in [
        reverse("forums:index"),
        reverse("forums:category", args=[category.slug]),
        topic.get_absolute_url(),
        reverse("forums:search") + "?q=visible",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Visible para todos" in response.content.decode(), url
    assert client.get(reverse("forums:topic_new")).status_code == 302  # sign in first


def test_api_create_topic_reply_and_validation(trusted, category, ana, beto, api_client):
    api_client.force_authenticate(ana)
    response = api_client.post(
        "/api/v1/forums/topics/",
        {"category": category.pk, "title": "Desde la API", "body": "hola", "language": "en"},
        format="json",
    )
    assert response.status_code == 201, response.content
    topic = response.json()
    assert topic["language"] == "en" and topic["author"]["id"] == ana.pk
    bad = api_client.post(
        "/api/v1/forums/topics/",
        {"category": category.pk, "title": "x", "body": " "},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["error"]["fields"]
    api_client.force_authenticate(beto)
    first = Post.objects.get(topic_id=topic["id"], is_opening=True)
    reply = api_client.post(
        f"/api/v1/forums/topics/{topic['id']}/posts/",
        {"body": "re", "parent": first.pk},
        format="json",
    )
    assert reply.status_code == 201 and reply.json()["parent"] == first.pk
    wrong_parent = api_client.post(
        f"/api/v1/forums/topics/{topic['id']}/posts/",
        {"body": "re", "parent": 10**12},
        format="json",
    )
    assert wrong_parent.status_code == 400


def test_moderation_queue_in_wagtail_admin(settings, category, ana, moderator, client, commit):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    topic = commit(topic_create, author=ana, category=category, title="Espera revisión", body="…")
    client.force_login(ana)
    assert client.get(reverse("forums_moderation:queue")).status_code in (302, 403)
    client.force_login(moderator)
    page = client.get(reverse("forums_moderation:queue"))
    assert page.status_code == 200 and "Espera revisión" in page.content.decode()
    post = topic.posts.get()
    response = client.post(reverse("forums_moderation:post", args=[post.pk]), {"action": "approve"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == "visible"
    client.post(reverse("forums_moderation:topic", args=[topic.pk]), {"action": "lock"})
    client.post(reverse("forums_moderation:ban"), {"user": ana.pk, "days": "7", "reason": "Spam"})
    topic.refresh_from_db()
    assert topic.is_locked and selectors.active_ban(ana) is not None
    ban = selectors.active_ban(ana)
    client.post(reverse("forums_moderation:ban_lift", args=[ban.pk]))
    assert selectors.active_ban(ana) is None


def test_posts_appear_in_the_members_history(trusted, category, ana, beto, client):
    from community.accounts.history import member_history

    topic = topic_create(author=ana, category=category, title="Historia de Ana", body="…")
    post_create(author=ana, topic=topic, body="Y una respuesta")
    hidden = topic_create(author=ana, category=category, title="Tema oculto", body="…")
    Topic.objects.filter(pk=hidden.pk).update(status="hidden")
    items = member_history(user=ana, viewer=beto)["items"]
    texts = [item.text for item in items if item.source == "forums.posts"]
    assert texts == ["Respondió en «Historia de Ana»", "Abrió «Historia de Ana»"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reply_that_cannot_lock_its_topic_in_time_is_busy_not_broken(
    trusted, category, ana, beto, client
):
    import threading

    from django.db import connection, transaction

    topic = topic_create(author=ana, category=category, title="Tema ocupado", body="…")
    locked, done = threading.Event(), threading.Event()

    def hold_the_topic():  # another writer, in its own connection, keeps the row locked
        try:
            with transaction.atomic():
                Topic.objects.select_for_update().get(pk=topic.pk)
                locked.set()
                done.wait(10)
        finally:
            connection.close()

    writer = threading.Thread(target=hold_the_topic)
    writer.start()
    try:
        assert locked.wait(10)
        with connection.cursor() as cursor:  # DB_LOCK_TIMEOUT_MS, shortened for the test
            cursor.execute("SET lock_timeout = '200ms'")
        client.force_login(beto)
        response = client.post(topic.get_absolute_url(), {"body": "respuesta"})
    finally:
        done.set()
        writer.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert "Inténtalo de nuevo" in response.content.decode()
    assert not topic.posts.filter(is_opening=False).exists()  # nothing half-written


def test_category_list_counts_visible_posts_and_last_activity(trusted, ana, beto, commit):
    category = ForumCategory.objects.create(name_es="Charlas", name_en="Talks", slug="charlas")
    topic = commit(topic_create, author=ana, category=category, title="Un tema", body="Hola")
    commit(post_create, author=beto, topic=topic, body="Respuesta")
    [listed] = [c for c in selectors.category_list() if c.slug == "charlas"]
    topic.refresh_from_db()
    assert (listed.topic_count, listed.post_count) == (1, 2)
    assert listed.last_activity_at == topic.last_activity_at
