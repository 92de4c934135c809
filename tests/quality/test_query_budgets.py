"""Gate 7: every listing answers in a constant number of queries, whatever its length."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from rest_framework.generics import ListAPIView
from wagtail.models import Locale

from cms.home.models import StandardPage
from community.accounts.roles import Role
from tests.query_budget import assert_constant_queries, count_queries

from .routes import api_routes

pytestmark = pytest.mark.django_db


def test_role_change_listing(api_client, admin_user, make_user):
    api_client.force_authenticate(admin_user)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/role-changes/").json(),
        lambda: make_user(Role.MEMBER),
        budget=6,
    )


def test_content_api_page_listing(api_client, demo_site):
    home = demo_site["homes"]["es"]
    es = Locale.objects.get(language_code="es")
    counter = iter(range(1000))

    def add_page():
        page = StandardPage(title=f"Página {next(counter)}", locale=es, introduction="…")
        home.add_child(instance=page)
        page.save_revision().publish()

    assert_constant_queries(
        lambda: api_client.get(
            "/api/v2/pages/", {"type": "home.StandardPage", "fields": "introduction", "limit": 50}
        ).json(),
        add_page,
        budget=6,  # view restrictions, site, its translations, count, pages, their translations
    )
    # The whole tree, default fields, in one language: the same six and the locale.
    assert_constant_queries(
        lambda: api_client.get("/api/v2/pages/", {"locale": "es", "limit": 50}).json(),
        add_page,
        budget=7,
    )


def test_admin_profile_listing(client, admin_user, make_user):
    client.force_login(admin_user)
    assert_constant_queries(
        lambda: client.get("/admin/profiles/"), lambda: make_user(Role.MEMBER), budget=40
    )


def test_ledger_listings_in_the_wagtail_admin(client, admin_user, member):
    """Orders, products, and one order's lines (10, 11 and 10 queries on PostgreSQL)."""
    from tests.commerce.ledger import add_line, make_order, make_product

    client.force_login(admin_user)
    assert_constant_queries(
        lambda: client.get("/admin/ledger/orders/"), lambda: make_order(member), budget=15
    )
    assert_constant_queries(lambda: client.get("/admin/ledger/products/"), make_product, budget=15)
    order = make_order(member, code="MITAD")
    product = order.lines.get().product
    assert_constant_queries(
        lambda: client.get(f"/admin/ledger/orders/inspect/{order.pk}/"),
        lambda: add_line(order, product),
        budget=15,
    )


def test_notification_listing(api_client, member, client):
    from community.notifications.services import notify

    def add():
        notify(recipient=member, type_code="account.role_changed", context={"role": "x"})

    api_client.force_authenticate(member)
    assert_constant_queries(lambda: api_client.get("/api/v1/notifications/").json(), add, budget=4)
    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/dashboard/notifications/"), add, budget=25)


def test_connection_listing(api_client, member, make_user):
    from community.connections.services import connection_accept, connection_request

    def add():
        other = make_user(Role.MEMBER)
        connection_accept(
            user=other, connection_id=connection_request(sender=member, recipient=other).pk
        )

    api_client.force_authenticate(member)
    assert_constant_queries(lambda: api_client.get("/api/v1/connections/").json(), add, budget=5)


def test_member_directory(api_client, client, member, make_user):
    api_client.force_authenticate(member)
    add = lambda: make_user(Role.MEMBER)  # noqa: E731
    assert_constant_queries(lambda: api_client.get("/api/v1/members/").json(), add, budget=6)
    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/members/"), add, budget=20)


@pytest.fixture
def forum(make_user, settings):
    """A category, a topic, and a way to add one more of anything (topic, post, report…)."""
    from community.forums.models import ForumCategory
    from community.forums.services import topic_create

    settings.FORUM_HOLD_FIRST_POSTS = 0
    settings.FORUM_POSTS_PER_MINUTE = 1000
    settings.FORUM_TOPICS_PER_DAY = 1000
    category = ForumCategory.objects.create(name_es="Preguntas", name_en="Q", slug="preguntas")
    author = make_user(Role.MEMBER)
    topic = topic_create(author=author, category=category, title="El tema", body="Hola")
    return {"category": category, "topic": topic, "author": author}


def test_forum_category_listing(api_client, forum):
    from community.forums.models import ForumCategory

    counter = iter(range(1000))

    def add():
        n = next(counter)
        parent = ForumCategory.objects.create(name_es=f"C{n}", name_en=f"C{n}", slug=f"c{n}")
        ForumCategory.objects.create(name_es=f"H{n}", name_en=f"H{n}", slug=f"h{n}", parent=parent)

    assert_constant_queries(
        lambda: api_client.get("/api/v1/forums/categories/").json(), add, budget=2
    )


def test_forum_topic_listing(api_client, client, make_user, forum):
    from community.forums.services import post_create, topic_create

    def add():
        author = make_user(Role.MEMBER)
        topic = topic_create(author=author, category=forum["category"], title="Otro tema", body="…")
        post_create(author=make_user(Role.MEMBER), topic=topic, body="respuesta")

    fetch = lambda: api_client.get("/api/v1/forums/topics/").json()  # noqa: E731
    assert_constant_queries(fetch, add, budget=4)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/forums/topics/", {"q": "tema"}).json(), add, budget=8
    )
    assert_constant_queries(lambda: client.get("/es/forums/c/preguntas/"), add, budget=14)
    assert_constant_queries(lambda: client.get("/es/forums/"), add, budget=14)


def test_forum_post_listing(api_client, client, make_user, forum):
    from community.forums.services import post_create, post_edit

    topic = forum["topic"]

    def add():
        author = make_user(Role.MEMBER)
        post = post_create(author=author, topic=topic, body="hola", parent=topic.posts.first())
        post_edit(post=post, editor=author, body="hola editado")

    assert_constant_queries(
        lambda: api_client.get(f"/api/v1/forums/topics/{topic.pk}/posts/").json(), add, budget=6
    )
    member = make_user(Role.MEMBER)
    client.force_login(member)
    assert_constant_queries(lambda: client.get(topic.get_absolute_url()), add, budget=25)


def test_forum_revision_listing(api_client, forum):
    from community.forums.services import post_edit

    post = forum["topic"].posts.get()
    counter = iter(range(1000))

    def add():
        post_edit(post=post, editor=forum["author"], body=f"versión {next(counter)}")

    assert_constant_queries(
        lambda: api_client.get(f"/api/v1/forums/posts/{post.pk}/revisions/").json(),
        add,
        budget=6,
    )


def test_forum_moderation_listings(api_client, client, make_user, forum):
    from community.forums.models import ForumBan
    from community.forums.services import post_create, report_create

    moderator = make_user("moderator")

    def add():
        post = post_create(author=make_user(Role.MEMBER), topic=forum["topic"], body="spam")
        report_create(reporter=make_user(Role.MEMBER), post=post, reason="spam")
        ForumBan.objects.create(user=post.author, reason="Spam", created_by=moderator)

    api_client.force_authenticate(moderator)
    assert_constant_queries(lambda: api_client.get("/api/v1/forums/reports/").json(), add, budget=8)
    assert_constant_queries(lambda: api_client.get("/api/v1/forums/bans/").json(), add, budget=8)
    client.force_login(moderator)
    assert_constant_queries(lambda: client.get("/admin/forums/moderation/"), add, budget=40)


def test_portfolio_listing(api_client, client, make_user):
    """The member's own list (API), and the portfolio on their pages (API, site, dashboard);
    each check fills a fresh member's portfolio up to the limit of 20."""
    from community.accounts.services import portfolio_item_create

    def adder(owner):
        counter = iter(range(1000))
        return lambda: portfolio_item_create(
            profile=owner.profile,
            actor=owner,
            data={"title": f"Obra {next(counter)}", "url": "https://example.com/obra"},
        )

    viewer = make_user(Role.MEMBER)
    owner = make_user(Role.MEMBER)
    api_client.force_authenticate(owner)
    fetch = lambda: api_client.get("/api/v1/me/portfolio/").json()  # noqa: E731
    assert_constant_queries(fetch, adder(owner), budget=4)
    owner = make_user(Role.MEMBER)
    api_client.force_authenticate(viewer)
    fetch = lambda: api_client.get(f"/api/v1/members/{owner.pk}/").json()  # noqa: E731
    assert_constant_queries(fetch, adder(owner), budget=8)
    owner = make_user(Role.MEMBER)
    client.force_login(viewer)
    # the member page also shows their history (connections, forum posts) and who may message
    assert_constant_queries(lambda: client.get(f"/es/members/{owner.pk}/"), adder(owner), budget=30)
    owner = make_user(Role.MEMBER)
    client.force_login(owner)
    assert_constant_queries(lambda: client.get("/es/dashboard/profile/"), adder(owner), budget=20)


def test_member_history_listing(client, member, make_user):
    from community.connections.services import connection_accept, connection_request

    def add():
        other = make_user(Role.MEMBER)
        connection_accept(
            user=other, connection_id=connection_request(sender=member, recipient=other).pk
        )

    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/dashboard/profile/"), add, budget=20)


def _connected_pair(make_user, member):
    from community.connections.services import connection_accept, connection_request

    other = make_user(Role.MEMBER)
    connection_accept(
        user=other, connection_id=connection_request(sender=member, recipient=other).pk
    )
    return other


@override_settings(MESSAGES_PER_MINUTE=100, MESSAGES_NEW_CONVERSATIONS_PER_DAY=100)
def test_conversation_listing(api_client, client, member, make_user):
    from community.messaging.services import message_send

    def add():  # a new conversation with a new member, unread messages both ways
        other = _connected_pair(make_user, member)
        message_send(sender=other, recipient=member, body="Hola")
        message_send(sender=member, recipient=other, body="¡Hola!")
        message_send(sender=other, recipient=member, body="¿Vienes al meetup?")

    api_client.force_authenticate(member)
    assert_constant_queries(lambda: api_client.get("/api/v1/conversations/").json(), add, budget=3)
    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/dashboard/messages/"), add, budget=20)


@override_settings(MESSAGES_PER_MINUTE=100)
def test_message_listing(api_client, client, member, make_user):
    from community.messaging.services import message_send

    other = _connected_pair(make_user, member)
    conversation_id = message_send(sender=other, recipient=member, body="Hola").conversation_id

    def add():
        message_send(sender=other, recipient=member, body="Otro mensaje")
        message_send(sender=member, recipient=other, body="Respuesta")

    api_client.force_authenticate(member)
    url = f"/api/v1/conversations/{conversation_id}/messages/"
    assert_constant_queries(lambda: api_client.get(url).json(), add, budget=4)
    assert_constant_queries(lambda: api_client.get(url, {"after": 1}).json(), add, budget=4)
    client.force_login(member)
    page = f"/es/dashboard/messages/{conversation_id}/"
    assert_constant_queries(lambda: client.get(page), add, budget=25)


@override_settings(MESSAGES_NEW_CONVERSATIONS_PER_DAY=100)
def test_message_report_listing(api_client, client, member, make_user):
    from community.messaging.services import message_report, message_send

    def add():
        other = _connected_pair(make_user, member)
        message = message_send(sender=other, recipient=member, body="Spam")
        message_report(reporter=member, message=message, reason="spam")

    moderator = make_user("moderator")
    api_client.force_authenticate(moderator)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/message-reports/").json(), add, budget=3
    )
    client.force_login(moderator)
    assert_constant_queries(lambda: client.get("/admin/message_reports/"), add, budget=25)


def test_blog_comment_listing(api_client, demo_site, make_user, settings):
    from cms.blog.factories import blog_indexes, blog_post
    from cms.blog.services import comment_create, comment_moderate

    settings.BLOG_COMMENTS_PER_MINUTE = 1000
    post = blog_post(blog_indexes(demo_site["homes"])["es"], author=make_user(Role.MEMBER))
    moderator = make_user("moderator")

    def add():  # an approved comment, an approved reply and a pending comment
        comment = comment_create(author=make_user(Role.MEMBER), post=post, body="Hola")
        comment_moderate(moderator=moderator, comment=comment, action="approve")
        reply = comment_create(
            author=make_user(Role.MEMBER), post=post, body="Re", parent_id=comment.pk
        )
        comment_moderate(moderator=moderator, comment=reply, action="approve")
        comment_create(author=make_user(Role.MEMBER), post=post, body="Pendiente")

    url = f"/api/v1/blog/posts/{post.pk}/comments/"
    assert_constant_queries(lambda: api_client.get(url).json(), add, budget=6)
    admin = Client()
    admin.force_login(moderator)
    assert_constant_queries(lambda: admin.get("/admin/blog/comments/"), add, budget=40)


def test_blog_content_api_listing(api_client, demo_site, make_user):
    from cms.blog.factories import blog_category, blog_indexes, blog_post

    index = blog_indexes(demo_site["homes"])["es"]
    category = blog_category(index.locale, "Tutoriales")

    def add():
        blog_post(index, author=make_user(Role.MEMBER), tags=["rag", "llms"],
                  categories=[category])  # fmt: skip

    assert_constant_queries(
        lambda: api_client.get(
            "/api/v2/pages/", {"type": "blog.BlogPostPage", "fields": "*", "limit": 50}
        ).json(),
        add,
        budget=12,
    )


def test_content_api_resource_listing(client, library, member):
    from cms.resources.models import ResourceIndexPage, ResourcePage

    fields = "resource_type,external_url,document,categories,tags,featured,visibility,download_url"
    index = ResourceIndexPage.objects.get(locale__language_code="en")
    category = index.get_children().specific().first().categories.first()
    counter = iter(range(1000))

    def add():
        n = next(counter)
        page = ResourcePage(title=f"API {n}", summary="s", locale=index.locale,
                            external_url="https://e.org/")  # fmt: skip
        index.add_child(instance=page)
        page.categories = [category]
        page.tags.add("api", f"t{n}")
        page.save_revision().publish()

    def fetch():
        return client.get(
            "/api/v2/pages/",
            {"type": "resources.ResourcePage", "fields": fields, "limit": 100, "tags": "api"},
        ).json()

    assert_constant_queries(fetch, add, budget=12)
    client.force_login(member)
    assert_constant_queries(fetch, add, budget=16)
    assert_constant_queries(lambda: client.get("/api/v2/documents/").json(), add, budget=12)


def test_resource_library_page_listing(client, library, member):
    from cms.resources.models import ResourceCategory, ResourceIndexPage, ResourcePage

    index = ResourceIndexPage.objects.get(locale__language_code="en")
    index.per_page = 100
    index.save_revision().publish()
    category = ResourceCategory.objects.filter(locale=index.locale).first()
    counter = iter(range(1000))

    def add():
        n = next(counter)
        page = ResourcePage(
            title=f"Extra {n}", summary="s", locale=index.locale, external_url="https://e.org/",
            visibility="members" if n % 2 else "public",
        )  # fmt: skip
        index.add_child(instance=page)
        page.categories = [category]
        page.tags.add("extra", f"t{n}")
        page.save()  # live already; publishing would also reset the cached menu

    assert_constant_queries(lambda: client.get("/en/resources/"), add, budget=25)
    assert_constant_queries(lambda: client.get("/en/resources/", {"tag": "extra"}), add, budget=25)
    client.force_login(member)
    assert_constant_queries(
        lambda: client.get("/en/resources/", {"category": category.pk}), add, budget=36
    )


def test_event_submission_listing(api_client, make_user):
    import itertools

    from cms.events.models import EventSubmission

    organizer = make_user(Role.ORGANIZER)
    locales = itertools.cycle(Locale.objects.all())

    def add():  # the organizer's own and another organizer's
        for owner in (organizer, make_user(Role.ORGANIZER)):
            EventSubmission.objects.create(
                organizer=owner, locale=next(locales), data={"details": {"title": "Taller"}}
            )

    api_client.force_authenticate(organizer)
    fetch = lambda: api_client.get("/api/v1/events/submissions/").json()  # noqa: E731
    assert_constant_queries(fetch, add, budget=4)
    api_client.force_authenticate(make_user("moderator"))
    assert_constant_queries(fetch, add, budget=4)


def test_event_venue_listing(api_client, make_user):
    from cms.events.factories import make_venue

    organizer = make_user(Role.ORGANIZER)

    def add():  # an approved venue, the organizer's proposal and someone else's
        make_venue()
        make_venue(is_approved=False, created_by=organizer)
        make_venue(is_approved=False, created_by=make_user(Role.ORGANIZER))

    api_client.force_authenticate(organizer)
    assert_constant_queries(lambda: api_client.get("/api/v1/events/venues/").json(), add, budget=4)


def test_my_event_listing(api_client, demo_site, make_user):
    from cms.events.factories import event_indexes, make_event
    from cms.events.models import EventSubmission

    indexes = event_indexes(demo_site["homes"])
    organizer = make_user(Role.ORGANIZER)
    counter = iter(range(1000))

    def add():  # organized (with its submission) in each language, co-organized, draft
        n = next(counter)
        event = make_event(indexes["es"], organizer=organizer)
        EventSubmission.objects.create(organizer=organizer, locale=event.locale, page=event)
        make_event(indexes["en"], organizer=organizer, publish=False, status="draft")
        co = make_event(indexes["es"], slug=f"co-{n}")
        co.co_organizers = [organizer]
        co.save()

    api_client.force_authenticate(organizer)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/events/mine/", {"page_size": 100}).json(),
        add,
        budget=8,
    )


def test_my_ticket_listing(api_client, demo_site, make_user):
    from cms.events.factories import event_indexes, make_event
    from commerce.ticketing.services.holds import hold_create
    from commerce.ticketing.services.orders import order_place
    from commerce.ticketing.services.ticket_types import ticket_type_save

    indexes = event_indexes(demo_site["homes"])
    member = make_user(Role.MEMBER, email="socia@example.org")
    organizer = make_user(Role.ORGANIZER)
    counter = iter(range(1000))

    def add():  # an event in each language: a ticket issued to the member, one they ordered
        n = next(counter)
        for index in indexes.values():
            event = make_event(index, organizer=organizer, slug=f"con-entradas-{n}")
            ticket_type = ticket_type_save(event=event, user=organizer, data={"name_es": "Gen"})
            hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2, user=member)
            people = [{"name": "Socia", "email": "socia@example.org"},
                      {"name": "Amiga", "email": f"amiga{n}@example.org"}]  # fmt: skip
            order_place(hold_token=hold.token, user=member, attendees=people)

    api_client.force_authenticate(member)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/me/tickets/", {"page_size": 100}).json(), add, budget=6
    )


def test_event_attendee_listing(api_client, demo_site, make_user):
    from cms.events.factories import event_indexes, make_event
    from cms.events.models import EventRequirement
    from commerce.ticketing.services.holds import hold_create
    from commerce.ticketing.services.orders import order_place
    from commerce.ticketing.services.ticket_types import ticket_type_save

    organizer = make_user(Role.ORGANIZER)
    event = make_event(event_indexes(demo_site["homes"])["es"], organizer=organizer)
    question = EventRequirement.objects.create(event=event, label="Dieta", mandatory=False)
    general = ticket_type_save(event=event, user=organizer, data={"name_es": "General"})
    vip = ticket_type_save(event=event, user=organizer, data={"name_es": "VIP"})
    counter = iter(range(1000))

    def add():  # an order of two attendees, alternating ticket types, with an answer
        n = next(counter)
        hold = hold_create(ticket_type_id=(general, vip)[n % 2].pk, quantity=2)
        people = [{"name": f"Ana {n}", "email": f"ana{n}@example.org",
                   "answers": {str(question.pk): "Vegana"}},
                  {"name": f"Beto {n}", "email": f"beto{n}@example.org"}]  # fmt: skip
        order_place(hold_token=hold.token, email=f"c{n}@example.org", attendees=people)

    api_client.force_authenticate(organizer)
    assert_constant_queries(
        lambda: api_client.get(f"/api/v1/events/{event.pk}/attendees/", {"page_size": 100}).json(),
        add,
        budget=12,
    )


def test_my_order_listing(api_client, demo_site, make_user):
    from cms.events.factories import event_indexes, make_event
    from commerce.ticketing.services.holds import hold_create
    from commerce.ticketing.services.orders import order_place
    from commerce.ticketing.services.ticket_types import ticket_type_save

    indexes = event_indexes(demo_site["homes"])
    member = make_user(Role.MEMBER, email="socia@example.org")
    organizer = make_user(Role.ORGANIZER)
    counter = iter(range(1000))

    def add():  # an order for an event in each language, two tickets each
        n = next(counter)
        for index in indexes.values():
            event = make_event(index, organizer=organizer, slug=f"con-pedidos-{n}")
            ticket_type = ticket_type_save(event=event, user=organizer, data={"name_es": "Gen"})
            hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2, user=member)
            people = [{"name": "Socia", "email": "socia@example.org"},
                      {"name": "Amiga", "email": f"amiga{n}@example.org"}]  # fmt: skip
            order_place(hold_token=hold.token, user=member, attendees=people)

    api_client.force_authenticate(member)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/me/orders/", {"page_size": 100}).json(), add, budget=6
    )


LISTING_TESTS = {
    ("GET", "/api/v1/blog/posts/<id:pk>/comments/"): test_blog_comment_listing,
    ("GET", "/api/v1/events/submissions/"): test_event_submission_listing,
    ("GET", "/api/v1/events/venues/"): test_event_venue_listing,
    ("GET", "/api/v1/events/mine/"): test_my_event_listing,
    ("GET", "/api/v1/forums/categories/"): test_forum_category_listing,
    ("GET", "/api/v1/forums/topics/"): test_forum_topic_listing,
    ("GET", "/api/v1/forums/topics/<id:pk>/posts/"): test_forum_post_listing,
    ("GET", "/api/v1/forums/posts/<id:pk>/revisions/"): test_forum_revision_listing,
    ("GET", "/api/v1/forums/reports/"): test_forum_moderation_listings,
    ("GET", "/api/v1/forums/bans/"): test_forum_moderation_listings,
    ("GET", "/api/v1/me/portfolio/"): test_portfolio_listing,
    ("GET", "/api/v1/conversations/"): test_conversation_listing,
    ("GET", "/api/v1/conversations/<id:pk>/messages/"): test_message_listing,
    ("GET", "/api/v1/message-reports/"): test_message_report_listing,
    ("GET", "/api/v1/members/"): test_member_directory,
    ("GET", "/api/v1/connections/"): test_connection_listing,
    ("GET", "/api/v1/role-changes/"): test_role_change_listing,
    ("GET", "/api/v1/notifications/"): test_notification_listing,
    ("GET", "/api/v1/me/tickets/"): test_my_ticket_listing,
    ("GET", "/api/v1/events/<id:event_id>/attendees/"): test_event_attendee_listing,
    ("GET", "/api/v1/me/orders/"): test_my_order_listing,
}


def test_every_api_listing_has_a_query_budget_test():
    from django.urls import resolve

    listings = set()
    for method, route in api_routes():
        path = re.sub(r"<uuid:[^>]+>", "00000000-0000-0000-0000-000000000001", route)
        view = resolve(re.sub(r"<[^>]+>", "1", path)).func
        assert view.__name__ != "api_not_found", route
        if method == "GET" and issubclass(getattr(view, "cls", object), ListAPIView):
            listings.add((method, route))
    assert listings - set(LISTING_TESTS) == set()


def test_the_budget_helper_catches_a_planted_n_plus_one(make_user):
    User = get_user_model()

    def n_plus_one():
        return [user.profile.bio for user in User.objects.all()]  # one query per user

    with pytest.raises(AssertionError, match="N\\+1"):
        assert_constant_queries(n_plus_one, lambda: make_user(Role.MEMBER), budget=100)
    fixed, _ = count_queries(lambda: list(User.objects.select_related("profile")))
    assert fixed == 1
