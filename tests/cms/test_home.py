from io import StringIO

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_root_redirects_to_spanish(client, demo_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/es/", "es", "La comunidad de inteligencia artificial de Medellín"),
        ("/en/", "en", "Medellín's artificial intelligence community"),
    ],
)
def test_home_page_renders_in_each_language(client, demo_site, path, lang, heading):
    response = client.get(path)
    assert response.status_code == 200
    soup = _soup(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == heading
    # landmarks and skip link for keyboard users
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("main", id="main") is not None


def test_main_menu_lists_pages_marked_for_menus_in_the_current_language(client, demo_site):
    es = [
        a.get_text(strip=True) for a in _soup(client.get("/es/")).select("#primary-nav ul.menu a")
    ]
    en = [
        a.get_text(strip=True) for a in _soup(client.get("/en/")).select("#primary-nav ul.menu a")
    ]
    # the code of conduct is not in menus; the forums are always there
    assert es == ["Inicio", "Acerca de Medellín AI", "Foros"]
    assert en == ["Home", "About Medellín AI", "Forums"]
    about = _soup(client.get("/en/about/")).select_one('#primary-nav a[aria-current="page"]')
    assert about.get_text(strip=True) == "About Medellín AI"


def test_interface_strings_are_translated(client, demo_site):
    es = _soup(client.get("/es/"))
    en = _soup(client.get("/en/"))
    assert es.find("a", string="Iniciar sesión") is not None
    assert en.find("a", string="Log in") is not None
    assert es.find("a", class_="skip-link").get_text(strip=True) == "Saltar al contenido"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/es/", {"es": "/es/", "en": "/en/"}),
        ("/en/", {"es": "/es/", "en": "/en/"}),
        ("/es/acerca/", {"es": "/es/acerca/", "en": "/en/about/"}),
        ("/en/code-of-conduct/", {"es": "/es/codigo-de-conducta/", "en": "/en/code-of-conduct/"}),
    ],
)
def test_language_switcher_links_the_translation(client, demo_site, path, expected):
    soup = _soup(client.get(path))
    switcher = soup.find("ul", class_="language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == expected
    current = switcher.find("a", attrs={"aria-current": "true"})
    assert current["href"] == path


def test_language_switcher_on_non_page_views_keeps_the_path(client, demo_site):
    soup = _soup(client.get("/es/auth/login/"))
    links = {a["hreflang"]: a["href"] for a in soup.select("ul.language-switcher a")}
    assert links == {"es": "/es/auth/login/", "en": "/en/auth/login/"}


def test_untranslated_page_switches_to_the_other_home(client, demo_site):
    from wagtail.models import Locale

    from cms.home.models import StandardPage

    home_es = demo_site["homes"]["es"]
    only_es = StandardPage(
        title="Solo español", slug="solo-es", locale=Locale.objects.get(language_code="es")
    )
    home_es.add_child(instance=only_es)
    only_es.save_revision().publish()
    soup = _soup(client.get("/es/solo-es/"))
    links = {a["hreflang"]: a["href"] for a in soup.select("ul.language-switcher a")}
    assert links == {"es": "/es/solo-es/", "en": "/en/"}


def test_site_search_finds_pages_in_the_current_language(client, demo_site):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for page in demo_site["pages"]:
        backend.add(page)
    soup = _soup(client.get("/es/search/", {"q": "conducta"}))
    titles = [a.get_text(strip=True) for a in soup.select(".search-results a")]
    assert titles == ["Código de conducta"]
    soup = _soup(client.get("/en/search/", {"q": "conduct"}))
    assert [a.get_text(strip=True) for a in soup.select(".search-results a")] == ["Code of conduct"]


@pytest.mark.parametrize("query", ['"', '"IA', "(*", "a AND", "NEAR(x y)"])
def test_site_search_treats_query_syntax_as_plain_words(client, demo_site, query):
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200


def _demo_snapshot() -> dict:
    """Everything seed_demo makes for the community, as comparable values."""
    from django.contrib.auth import get_user_model

    from cms.blog.models import BlogComment, BlogPostPage
    from cms.events.models import EventPage, EventSession
    from community.accounts.models import PortfolioItem, Profile
    from community.connections.models import Connection
    from community.notifications.models import Notification

    demo = Profile.objects.filter(user__email__endswith="@demo.medellin.ai")
    return {
        "events": set(
            EventPage.objects.values_list("slug", "locale_id", "start", "venue_id", "featured")
        ),
        "sessions": EventSession.objects.count(),
        "users": set(get_user_model().objects.values_list("email", "password", "first_name")),
        "profiles": set(
            demo.values_list(
                "user__email", "profile_type", "organization_name", "bio", "location",
                "experience_level", "preferred_language", "directory_visible",
                "signup_completed", "signup_completed_at", "updated_at",
            )
        ),
        "profile_lists": sorted(
            (email, interests, skills, private)
            for email, interests, skills, private in demo.values_list(
                "user__email", "ai_interests", "skills", "private_fields"
            )
        ),
        "portfolio": set(
            PortfolioItem.objects.values_list("profile__user__email", "title", "url", "sort_order")
        ),
        "connections": set(
            Connection.objects.values_list("user_low__email", "user_high__email", "status")
        ),
        "notifications": Notification.objects.count(),
        "blog_posts": set(
            BlogPostPage.objects.values_list("title", "slug", "locale__language_code", "live")
        ),
        "blog_comments": BlogComment.objects.count(),
    }  # fmt: skip


def test_seed_demo_is_idempotent_and_prints_the_logins(db):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from community.notifications.models import Notification

    snapshots = []
    for _ in range(2):
        out = StringIO()
        call_command("seed_demo", "--force", "--password", "demo-pass-123", stdout=out)
        snapshots.append(_demo_snapshot())
    text = out.getvalue()
    assert "] Notifications… done" in text and "] Connections and conversations… done" in text
    assert "] Community members (32)… done" in text and "] Navigation and footer… done" in text
    assert "] Blog (posts, comments)… done" in text
    steps = [line.split("] ")[1] for line in text.splitlines() if line.startswith("[")]
    # the menu links the index pages the steps before it made
    assert steps[-7:] == [
        "Events (venues, categories, speakers, agendas)… done",
        "Event submissions (one waiting for review, one draft)… done",
        "Tickets (free RSVPs, paid and hidden ticket types)… done",
        "Blog (posts, comments)… done",
        "Docs… done",
        "Resources… done",
        "Navigation and footer… done",
    ]
    assert "admin@medellin.ai" in text and "demo-pass-123" in text
    assert "laura.mejia@demo.medellin.ai" in text
    assert get_user_model().objects.filter(email__endswith="@medellin.ai").count() == 4
    assert Notification.objects.filter(type_code="community.announcement").count() == 4
    from community.messaging.models import Conversation

    assert Conversation.objects.count() == 3
    from cms.home.models import HomePage, StandardPage

    assert HomePage.objects.count() == 2 and StandardPage.objects.count() == 4
    assert "] Events (venues, categories, speakers, agendas)… done" in text
    from cms.events.models import EventCategory, EventPage, Venue

    assert EventPage.objects.live().filter(locale__language_code="es").count() == 16
    assert EventPage.objects.live().filter(locale__language_code="en").count() == 16
    assert Venue.objects.filter(is_approved=True).count() == 6
    assert EventCategory.objects.count() == 12
    from cms.events.models import EventSubmission

    pending = EventSubmission.objects.get(status="pending")
    assert pending.page.current_workflow_state is not None and not pending.page.live
    assert EventSubmission.objects.filter(status="draft").count() == 1
    from commerce.ticketing.models import Ticket, TicketType

    assert TicketType.objects.filter(price=0).exists()
    assert TicketType.objects.filter(price__gt=0, visibility="hidden").exists()
    assert Ticket.objects.filter(user__email="attendee@medellin.ai").count() == 2
    from cms.blog.models import BlogComment, BlogIndexPage, BlogPostPage

    assert BlogIndexPage.objects.live().count() == 2
    posts = BlogPostPage.objects.live()
    assert posts.filter(locale__language_code="es").count() >= 10
    assert posts.filter(locale__language_code="en").count() >= 10
    assert not posts.filter(author=None).exists() and not posts.filter(tagged_items=None).exists()
    assert BlogComment.objects.filter(status="approved", parent__isnull=False).exists()
    assert BlogComment.objects.filter(status="pending").count() == 1
    assert "] Docs… done" in text and "] Resources… done" in text
    from cms.docs.models import DocPage
    from cms.resources.models import ResourceCategory, ResourcePage

    assert DocPage.objects.count() == 18 and ResourcePage.objects.count() == 40
    assert ResourceCategory.objects.count() == 14
    from wagtail.documents.models import Document

    assert Document.objects.count() == 2  # the second run reused the uploaded files
    assert snapshots[0] == snapshots[1]  # the second run changed nothing


def test_pages_carry_seo_head_and_json_ld(client, demo_site):
    import json

    soup = _soup(client.get("/es/"))
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/es/"
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", hreflang=True)}
    assert alternates == {
        "es": "http://testserver/es/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/es/",
    }
    assert soup.find("meta", property="og:title")["content"] == "Inicio"
    assert soup.find("meta", attrs={"name": "description"})["content"]
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Organization" and data["name"] == "Medellín AI"
    assert {"@context", "url", "logo"} <= set(data)
    assert soup.title.string == "Inicio | Medellín AI"


def test_sitemap_lists_both_languages_with_priorities_and_hreflang(client, demo_site):
    import xml.etree.ElementTree as ET

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    urls = {
        u.find("s:loc", ns).text: (
            u.find("s:priority", ns).text,
            {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)},
        )
        for u in root.findall("s:url", ns)
    }
    assert urls["http://testserver/es/"][0] == "1.0"
    assert urls["http://testserver/en/"][0] == "1.0"
    assert urls["http://testserver/en/about/"][1]["es"] == "http://testserver/es/acerca/"
    assert "x-default" in urls["http://testserver/en/about/"][1]


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def test_home_page_renders_every_marketing_block_in_both_languages(client, demo_site):
    for path, expected in [
        ("/es/", ["La comunidad en cifras", "Preguntas frecuentes", "Aliados", "Lo que dicen"]),
        ("/en/", ["The community in numbers", "Frequently asked questions", "Partners"]),
    ]:
        soup = _soup(client.get(path))
        headings = [h.get_text(strip=True) for h in soup.select("main h2")]
        for heading in expected:
            assert heading in headings, (path, headings)
        # sponsor logos are WebP renditions with a srcset, lazy, with alt text
        logo = soup.select_one(".logo-grid img")
        assert logo["loading"] == "lazy" and logo["alt"] and ".webp" in logo["srcset"]
        assert soup.select(".faq details summary")
    # a link block refuses javascript: and accepts site paths
    from django.core.exceptions import ValidationError

    from cms.blocks import LinkBlock

    block = LinkBlock()
    assert (
        block.clean({"label": "Foros", "page": None, "url": "/es/forums/"})["url"] == "/es/forums/"
    )
    with pytest.raises(ValidationError):
        block.clean({"label": "x", "page": None, "url": "javascript:alert(1)"})
    with pytest.raises(ValidationError):
        block.clean({"label": "x", "page": None, "url": ""})


def test_editable_navigation_and_footer_in_both_languages(client, demo_site):
    from cms.home import demo
    from cms.home.navigation import NavigationSettings

    demo.navigation(demo_site["homes"])
    es = _soup(client.get("/es/"))
    menu = [(a.get_text(strip=True), a["href"]) for a in es.select("#primary-nav ul.menu a")]
    assert ("Foros", "/es/forums/") in menu and ("Nosotros", "/es/acerca/") in menu
    en = _soup(client.get("/en/"))
    menu = [(a.get_text(strip=True), a["href"]) for a in en.select("#primary-nav ul.menu a")]
    assert ("Forums", "/en/forums/") in menu and ("About", "/en/about/") in menu
    footer = [(a.get_text(strip=True), a["href"]) for a in en.select(".site-footer nav a")]
    assert ("Code of conduct", "/en/code-of-conduct/") in footer  # the page's own title
    assert ("API", "/api/docs/") in footer  # paths outside the language prefix stay as they are
    assert "The hub of Medellín's AI community" in en.select_one(".site-footer").get_text()
    # an edit shows at once: saving the setting drops the cached menu
    nav = NavigationSettings.objects.get()
    nav.main_menu = [("link", {"url": "/members/", "label_es": "Gente", "label_en": "People"})]
    nav.save()
    menu = [
        a.get_text(strip=True) for a in _soup(client.get("/es/")).select("#primary-nav ul.menu a")
    ]
    assert "Gente" in menu and "Foros" not in menu


def test_navigation_costs_no_queries_once_cached(client, demo_site, django_assert_max_num_queries):
    from cms.home import demo

    demo.navigation(demo_site["homes"])
    client.get("/es/acerca/")  # warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/es/acerca/")
    assert not [q for q in queries.captured_queries if "navigationsettings" in q["sql"]]


def test_anonymous_pages_are_cached_until_something_is_published(client, demo_site, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/es/acerca/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/es/acerca/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert len(queries) <= 1  # at most the session lookup; no page rendering
    from cms.home.models import StandardPage

    about = StandardPage.objects.get(slug="acerca")
    about.introduction = "Texto nuevo tras publicar"
    about.save_revision().publish()
    third = client.get("/es/acerca/")
    assert third["X-Page-Cache"] == "miss" and "Texto nuevo tras publicar" in third.content.decode()


def test_personal_views_skip_the_page_cache(client, demo_site, member, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/es/acerca/")
    assert "X-Page-Cache" not in client.get("/es/acerca/?utm=x")  # a query string
    client.force_login(member)
    response = client.get("/es/acerca/")
    assert "X-Page-Cache" not in response and member.email in response.content.decode()


def test_seed_demo_builds_a_varied_community(db):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from community.accounts.models import PortfolioItem, Profile
    from community.connections.models import Connection

    call_command("seed_demo", "--force", "--password", "demo-pass-123", stdout=StringIO())
    members = Profile.objects.filter(user__email__endswith="@demo.medellin.ai")
    assert members.count() >= 30
    assert members.filter(profile_type="organization").count() >= 5
    assert members.filter(directory_visible=False).count() >= 2
    assert members.exclude(private_fields=[]).count() >= 5
    assert members.filter(signup_completed=False).count() >= 1  # to try onboarding
    assert {p.preferred_language for p in members} == {"es", "en"}
    assert len({p.experience_level for p in members if p.experience_level}) == 5
    assert len({tag for p in members for tag in p.ai_interests}) >= 10
    assert (
        PortfolioItem.objects.filter(profile__in=members).values("profile").distinct().count() >= 10
    )
    accepted = Connection.objects.filter(status="accepted")
    assert accepted.count() >= 30 and Connection.objects.filter(status="pending").count() >= 5
    member = get_user_model().objects.get(email="member@medellin.ai")
    from community.connections.selectors import connected_user_ids, requests_incoming

    assert len(connected_user_ids(member)) >= 3 and requests_incoming(member).exists()
    # the demo members can log in with the demo password
    demo = get_user_model().objects.get(email="laura.mejia@demo.medellin.ai")
    assert demo.check_password("demo-pass-123")
