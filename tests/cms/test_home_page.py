"""The home page's hero (title, lead, two actions), the community figures (cached, a few
cheap counts) and its live blocks as cards."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_hero_offers_joining_and_the_events(client, demo_site):
    from cms.events.factories import event_indexes

    event_indexes(demo_site["homes"])
    hero = _soup(client.get("/es/")).select_one(".page-hero")
    actions = [(a.get_text(strip=True), a["href"]) for a in hero.select(".page-hero-actions a")]
    assert actions == [
        ("Únete a la comunidad", "/es/auth/register/"),
        ("Ver próximos eventos", "/es/eventos/"),
    ]
    assert hero.select_one(".page-hero-actions a.button-secondary")["href"] == "/es/eventos/"
    english = _soup(client.get("/en/")).select_one(".page-hero")
    assert english.select(".page-hero-actions a")[1]["href"] == "/en/events/"


def test_community_figures_count_members_events_held_and_topics(
    client, demo_site, make_user, django_assert_max_num_queries
):
    from django.core.cache import cache

    from cms.events.factories import event_indexes, make_event
    from cms.home.selectors import FIGURES_KEY, community_figures

    index = event_indexes(demo_site["homes"])["es"]
    held = make_event(index, days=-10)
    english = held.copy_for_translation(event_indexes(demo_site["homes"])["en"].locale)
    english.save_revision().publish()  # one event in two languages counts once
    make_event(index, days=5)  # not held yet
    make_user("member")
    cache.delete(FIGURES_KEY)
    with django_assert_max_num_queries(4):  # the events count asks for view restrictions
        members, events, topics = (figure["value"] for figure in community_figures())
    assert events == 1 and members >= 1 and topics == 0
    with django_assert_max_num_queries(0):  # cached
        community_figures()
    soup = _soup(client.get("/es/"))
    labels = [dt.get_text(strip=True) for dt in soup.select(".hero-figures dt")]
    assert labels == ["miembros", "eventos realizados", "temas en los foros"]


def test_upcoming_events_and_latest_posts_are_cards(client, demo_site):
    from cms.events.factories import event_indexes, make_event

    index = event_indexes(demo_site["homes"])["es"]
    make_event(index, days=2, title="Pronto")
    home = demo_site["homes"]["es"]
    home.body = [("featured_events", {"heading": "Próximos eventos", "count": 3}),
                 ("latest_blog_posts", {"heading": "Del blog", "count": 3, "category": None})]  # fmt: skip
    home.save_revision().publish()
    soup = _soup(client.get("/es/"))
    section = soup.select_one(".featured-events")
    assert section.select_one(".section-title a")["href"] == "/es/eventos/"
    card = section.select_one("ul.card-grid > li > article.card.event-card")
    assert card.select_one(".card-media .date-badge") and card.select_one(".card-link")
