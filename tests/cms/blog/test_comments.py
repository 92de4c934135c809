"""Comments: members write, moderators decide; pending comments stay out of the page and
the API; one level of replies; rate limit; notifications; the moderation view."""

import pytest
from bs4 import BeautifulSoup

from cms.blog.models import BlogComment
from cms.blog.services import comment_bulk_moderate, comment_create, comment_moderate
from community.accounts.roles import Role
from community.notifications.models import Notification
from config.errors import NotPermitted, RateLimited, ValidationFailed

pytestmark = pytest.mark.django_db


def _comment_texts(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [c.get_text(" ", strip=True) for c in soup.select("#comments .comment-body")]


def _approved(moderator, commit, comment):
    return commit(comment_moderate, moderator=moderator, comment=comment, action="approve")


def test_a_member_comment_waits_for_a_moderator(client, api_client, post, member):
    client.force_login(member)
    response = client.post(post.url, {"body": "¡Muy **útil**!"})
    assert response.status_code == 302 and response["Location"].endswith("#comments")
    comment = BlogComment.objects.get()
    assert comment.status == "pending" and comment.author == member
    assert comment.body_html == "<p>¡Muy <strong>útil</strong>!</p>\n"
    assert "útil" not in " ".join(_comment_texts(client, post.url))
    client.logout()
    assert _comment_texts(client, post.url) == []
    listing = api_client.get(f"/api/v1/blog/posts/{post.pk}/comments/").json()
    assert listing["count"] == 0


def test_anonymous_visitors_are_sent_to_log_in(client, post):
    response = client.post(post.url, {"body": "Hola"})
    assert response.status_code == 302 and "/auth/login/" in response["Location"]
    assert not BlogComment.objects.exists()
    soup = BeautifulSoup(client.get(post.url).content, "html.parser")
    assert soup.find("form", id="comment-form") is None
    assert soup.select_one("#comments a[href^='/es/auth/login/']")


def test_approved_comments_and_replies_appear_on_the_page_and_api(
    client, api_client, post, member, make_user, moderator, commit
):
    comment = comment_create(author=member, post=post, body="Primera")
    _approved(moderator, commit, comment)
    reply = comment_create(author=make_user(), post=post, body="Respuesta", parent_id=comment.pk)
    _approved(moderator, commit, reply)
    comment_create(author=member, post=post, body="Pendiente")
    assert _comment_texts(client, post.url) == ["Primera", "Respuesta"]
    soup = BeautifulSoup(client.get(post.url).content, "html.parser")
    assert soup.select_one(f"#comment-{comment.pk} .comment-replies #comment-{reply.pk}")
    data = api_client.get(f"/api/v1/blog/posts/{post.pk}/comments/").json()
    assert [(c["body_html"], c["parent"]) for c in data["results"]] == [
        ("<p>Primera</p>\n", None),
        ("<p>Respuesta</p>\n", comment.pk),
    ]
    assert "email" not in str(data)


def test_replies_go_one_level_deep_to_published_comments_of_the_same_post(
    post, member, moderator, commit, blog
):
    from cms.blog.factories import blog_post

    comment = comment_create(author=member, post=post, body="Arriba")
    with pytest.raises(ValidationFailed):  # not approved yet
        comment_create(author=member, post=post, body="x", parent_id=comment.pk)
    _approved(moderator, commit, comment)
    reply = comment_create(author=member, post=post, body="Nivel uno", parent_id=comment.pk)
    _approved(moderator, commit, reply)
    with pytest.raises(ValidationFailed):  # a reply to a reply
        comment_create(author=member, post=post, body="x", parent_id=reply.pk)
    other = blog_post(blog["es"])
    with pytest.raises(ValidationFailed):  # another post's comment
        comment_create(author=member, post=other, body="x", parent_id=comment.pk)


def test_rejecting_hides_the_comment_and_tells_the_commenter(
    client, post, member, moderator, commit
):
    comment = comment_create(author=member, post=post, body="Spam spam")
    commit(comment_moderate, moderator=moderator, comment=comment, action="reject",
           reason="Publicidad")  # fmt: skip
    comment.refresh_from_db()
    assert comment.status == "rejected" and comment.moderated_by == moderator
    assert _comment_texts(client, post.url) == []
    told = Notification.objects.get(recipient=member)
    assert told.type_code == "blog.comment_moderated" and "Publicidad" in told.body
    assert not Notification.objects.filter(recipient=post.author).exists()


def test_approval_tells_commenter_post_author_and_the_author_replied_to(
    post, member, make_user, moderator, commit
):
    comment = comment_create(author=member, post=post, body="Buen artículo")
    _approved(moderator, commit, comment)
    assert set(Notification.objects.values_list("recipient", "type_code")) == {
        (member.pk, "blog.comment_moderated"),
        (post.author.pk, "blog.comment_on_post"),
    }
    Notification.objects.all().delete()
    replier = make_user(Role.MEMBER)
    reply = comment_create(author=replier, post=post, body="Coincido", parent_id=comment.pk)
    _approved(moderator, commit, reply)
    assert set(Notification.objects.values_list("recipient", "type_code")) == {
        (replier.pk, "blog.comment_moderated"),
        (member.pk, "blog.comment_reply"),
        (post.author.pk, "blog.comment_on_post"),
    }
    reply_notice = Notification.objects.get(type_code="blog.comment_reply")
    assert reply_notice.url.endswith(f"#comment-{reply.pk}")


def test_the_post_author_is_not_told_about_their_own_comment(post, moderator, commit):
    comment = comment_create(author=post.author, post=post, body="Gracias a todos")
    _approved(moderator, commit, comment)
    assert list(Notification.objects.values_list("type_code", flat=True)) == [
        "blog.comment_moderated"
    ]


def test_members_cannot_moderate(client, post, member):
    comment = comment_create(author=member, post=post, body="Hola")
    with pytest.raises(NotPermitted):
        comment_moderate(moderator=member, comment=comment, action="approve")
    client.force_login(member)
    assert client.get("/admin/blog/comments/").status_code in (302, 403)
    client.post(f"/admin/blog/comments/comment/{comment.pk}/", {"action": "approve"})
    client.post("/admin/blog/comments/bulk/", {"action": "approve", "comment": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_organizers_with_admin_access_cannot_moderate_either(client, post, member, make_user):
    comment = comment_create(author=member, post=post, body="Hola")
    client.force_login(make_user(Role.ORGANIZER))
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard
    refused = client.get("/admin/blog/comments/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.post(f"/admin/blog/comments/comment/{comment.pk}/", {"action": "approve"})
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert "/admin/blog/comments/" not in client.get("/admin/").content.decode()


def test_moderation_view_lists_filters_and_decides(client, post, blog, member, moderator):
    from cms.blog.factories import blog_post

    english = blog_post(blog["en"], title="English post")
    first = comment_create(author=member, post=post, body="Comentario uno")
    second = comment_create(author=member, post=post, body="Comentario dos")
    third = comment_create(author=member, post=english, body="Comment three")
    client.force_login(moderator)
    page = client.get("/admin/blog/comments/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Comentario uno" in text and "Comment three" in text
    only_en = client.get("/admin/blog/comments/?language=en").content.decode()
    assert "Comment three" in only_en and "Comentario uno" not in only_en
    searched = client.get("/admin/blog/comments/?q=dos").content.decode()
    assert "Comentario dos" in searched and "Comentario uno" not in searched
    response = client.post(f"/admin/blog/comments/comment/{first.pk}/", {"action": "approve"})
    assert response.status_code == 302
    response = client.post(
        "/admin/blog/comments/bulk/", {"action": "reject", "comment": [second.pk, third.pk]}
    )
    assert response.status_code == 302
    statuses = dict(BlogComment.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "rejected", third.pk: "rejected"}
    approved = client.get("/admin/blog/comments/?status=approved").content.decode()
    assert "Comentario uno" in approved and "Comentario dos" not in approved
    # deciding twice is a clear message, not an error page
    again = client.post(f"/admin/blog/comments/comment/{first.pk}/", {"action": "reject"},
                        follow=True)  # fmt: skip
    assert again.status_code == 200


def test_bulk_approve_skips_what_is_no_longer_pending(post, member, moderator, commit):
    comments = [comment_create(author=member, post=post, body=f"n{n}") for n in range(3)]
    _approved(moderator, commit, comments[0])
    changed = commit(comment_bulk_moderate, moderator=moderator,
                     comment_ids=[c.pk for c in comments], action="approve")  # fmt: skip
    assert changed == 2
    assert set(BlogComment.objects.values_list("status", flat=True)) == {"approved"}


def test_moderators_see_the_menu_item_members_do_not(client, moderator):
    client.force_login(moderator)
    assert "/admin/blog/comments/" in client.get("/admin/").content.decode()


def test_comments_are_rate_limited(client, api_client, post, member, settings):
    settings.BLOG_COMMENTS_PER_MINUTE = 2
    for n in range(2):
        comment_create(author=member, post=post, body=f"Comentario {n}")
    with pytest.raises(RateLimited):
        comment_create(author=member, post=post, body="Uno más")
    api_client.force_authenticate(member)
    response = api_client.post(f"/api/v1/blog/posts/{post.pk}/comments/", {"body": "Otro"})
    assert response.status_code == 429 and response.json()["error"]["message"]
    client.force_login(member)
    page = client.post(post.url, {"body": "Y otro"})
    assert page.status_code == 429
    assert "minute" in page.content.decode() or "minuto" in page.content.decode()
    assert BlogComment.objects.count() == 2


def test_empty_and_oversized_comments_are_refused_clearly(client, api_client, post, member):
    api_client.force_authenticate(member)
    url = f"/api/v1/blog/posts/{post.pk}/comments/"
    assert api_client.post(url, {"body": "   "}).status_code == 400
    assert api_client.post(url, {"body": "x" * 5001}).status_code == 400
    assert api_client.post(url, {"body": "Hola", "parent": 999999}).status_code == 400
    client.force_login(member)
    assert client.post(post.url, {"body": ""}).status_code == 400
    assert not BlogComment.objects.exists()


def test_comments_api_answers_404_for_drafts_and_other_pages(api_client, blog, member):
    from cms.blog.factories import blog_post

    draft = blog_post(blog["es"], publish=False)
    api_client.force_authenticate(member)
    for pk in (draft.pk, blog["es"].pk, 999999):
        assert api_client.get(f"/api/v1/blog/posts/{pk}/comments/").status_code == 404
        assert (
            api_client.post(f"/api/v1/blog/posts/{pk}/comments/", {"body": "x"}).status_code == 404
        )


def test_api_comment_is_created_pending(api_client, post, member):
    assert (
        api_client.post(f"/api/v1/blog/posts/{post.pk}/comments/", {"body": "x"}).status_code == 401
    )
    api_client.force_authenticate(member)
    response = api_client.post(f"/api/v1/blog/posts/{post.pk}/comments/", {"body": "Desde la API"})
    assert response.status_code == 201
    assert response.json()["status"] == "pending"


def test_pages_with_the_comment_form_skip_the_page_cache(client, post, member, settings):
    settings.PAGE_CACHE_SECONDS = 60
    anonymous = client.get(post.url)
    assert anonymous["X-Page-Cache"] == "miss" and b'id="comment-form"' not in anonymous.content
    assert client.get(post.url)["X-Page-Cache"] == "hit"
    client.force_login(member)
    signed_in = client.get(post.url)
    assert "X-Page-Cache" not in signed_in and b'id="comment-form"' in signed_in.content


def test_approving_a_comment_refreshes_the_cached_page(client, post, member, moderator, commit,
                                                       settings):  # fmt: skip
    settings.PAGE_CACHE_SECONDS = 60
    comment = comment_create(author=member, post=post, body="Ahora visible")
    assert _comment_texts(client, post.url) == []
    _approved(moderator, commit, comment)
    assert _comment_texts(client, post.url) == ["Ahora visible"]
