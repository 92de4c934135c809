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


def test_seed_demo_is_idempotent_and_prints_the_logins(db):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from community.notifications.models import Notification

    for _ in range(2):
        out = StringIO()
        call_command("seed_demo", "--force", "--password", "demo-pass-123", stdout=out)
    text = out.getvalue()
    assert "] Notifications… done" in text and "] Connections and conversations… done" in text
    assert "admin@medellin.ai" in text and "demo-pass-123" in text
    assert get_user_model().objects.filter(email__endswith="@medellin.ai").count() == 4
    assert Notification.objects.filter(type_code="community.announcement").count() == 4
    from community.messaging.models import Conversation

    assert Conversation.objects.count() == 3
    from cms.home.models import HomePage, StandardPage

    assert HomePage.objects.count() == 2 and StandardPage.objects.count() == 4
