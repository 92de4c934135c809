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
    assert es == ["Inicio", "Acerca de Medellín AI"]  # the code of conduct is not in menus
    assert en == ["Home", "About Medellín AI"]
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

    from community.accounts.models import PortfolioItem, Profile
    from community.connections.models import Connection
    from community.notifications.models import Notification

    demo = Profile.objects.filter(user__email__endswith="@demo.medellin.ai")
    return {
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
    assert "[7/7] Notifications" in text
    assert "[5/7] Community members (32)" in text and "[6/7] Connections among members" in text
    assert "admin@medellin.ai" in text and "demo-pass-123" in text
    assert "laura.mejia@demo.medellin.ai" in text
    assert get_user_model().objects.filter(email__endswith="@medellin.ai").count() == 4
    assert Notification.objects.filter(type_code="community.announcement").count() == 4
    from cms.home.models import HomePage, StandardPage

    assert HomePage.objects.count() == 2 and StandardPage.objects.count() == 4
    assert snapshots[0] == snapshots[1]  # the second run changed nothing


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
