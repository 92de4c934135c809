"""Search never matches text the caller may not read (issue #19).

A members-only resource's body is for members: anonymous visitors and signed-in accounts
without the member role find such a resource only by its teaser (title and summary, which
the library shows everyone); members find it by its body too. Checked on the site search
and the library's own search box."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from cms.resources.models import ResourcePage, Visibility
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db

SECRET = "zumbidoxq"  # a word only in the members-only body
PUBLIC_WORD = "tamarindoxq"  # a word only in a public resource's body


def _resource(slug: str) -> ResourcePage:
    es = Locale.objects.get(language_code="es")
    return ResourcePage.objects.get(slug=slug, locale=es)


@pytest.fixture
def pages(library):
    """kit-ponentes (members only) with SECRET in its body; guia-rapida (public) with
    PUBLIC_WORD in its body."""
    secret = _resource("kit-ponentes")
    assert secret.visibility == Visibility.MEMBERS
    secret.body = [("paragraph", f"<p>Plantillas y el {SECRET} de la charla.</p>")]
    secret.save_revision().publish()
    public = _resource("guia-rapida")
    assert public.visibility == Visibility.PUBLIC
    public.body = [("paragraph", f"<p>Todo sobre el {PUBLIC_WORD}.</p>")]
    public.save_revision().publish()
    return {"secret": _resource("kit-ponentes"), "public": _resource("guia-rapida")}


def _site_search(client, query: str) -> list[str]:
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".search-results a")]


def _library_search(client, query: str) -> list[str]:
    response = client.get("/es/recursos/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".resource-title a")]


CALLERS = [None, Role.ATTENDEE]  # anonymous; signed in without the member role


@pytest.mark.parametrize("role", CALLERS)
@pytest.mark.parametrize("search", [_site_search, _library_search])
def test_members_only_body_is_not_searchable_without_the_role(
    client, make_user, pages, role, search
):
    if role is not None:
        client.force_login(make_user(role))
    assert search(client, SECRET) == []
    assert search(client, f"plantillas {SECRET}") == []
    assert search(client, PUBLIC_WORD) == [pages["public"].title]


@pytest.mark.parametrize("role", CALLERS)
@pytest.mark.parametrize("search", [_site_search, _library_search])
def test_members_only_resources_are_found_by_their_teaser(client, make_user, pages, role, search):
    if role is not None:
        client.force_login(make_user(role))
    secret = pages["secret"]
    title_word = secret.title.split()[0]
    assert secret.title in search(client, title_word)
    summary_word = max(secret.summary.split(), key=len).strip(".,")
    assert secret.title in search(client, summary_word)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ORGANIZER, Role.ADMIN])
@pytest.mark.parametrize("search", [_site_search, _library_search])
def test_members_search_members_only_bodies(client, make_user, pages, role, search):
    client.force_login(make_user(role))
    assert search(client, SECRET) == [pages["secret"].title]
    assert search(client, PUBLIC_WORD) == [pages["public"].title]


def test_the_selector_takes_the_callers_rights(pages, make_user):
    from search.selectors import page_search

    es = Locale.objects.get(language_code="es")
    assert page_search(query=SECRET, locale=es) == []  # no caller: a visitor
    assert page_search(query=SECRET, locale=es, user=make_user(Role.ATTENDEE)) == []
    found = page_search(query=SECRET, locale=es, user=make_user(Role.MEMBER))
    assert [page.pk for page in found] == [pages["secret"].pk]


@pytest.mark.postgres
def test_postgres_full_text_search_keeps_the_body_to_members(client, make_user, pages):
    """PostgreSQL's full-text search (stemming, its own index tables) gives the same
    answers as SQLite's FTS5."""
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert _site_search(client, SECRET) == [] and _library_search(client, SECRET) == []
    assert _site_search(client, f"{SECRET}s") == []  # a stemmed form of the word
    client.force_login(make_user(Role.MEMBER))
    assert _site_search(client, SECRET) == [pages["secret"].title]
    assert _library_search(client, SECRET) == [pages["secret"].title]
