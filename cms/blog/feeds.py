"""RSS 2.0 and Atom 1.0 feeds of one language's blog (Django's syndication framework),
served by the index page's routes /blog/feed/ and /blog/feed/atom/."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_ITEMS = 20


class BlogRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.language = index.locale.language_code  # an attribute for Django, not a method

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index.title} | Medellín AI"

    def link(self):
        return self.index.get_full_url(self.request)

    def feed_url(self):
        return self.request.build_absolute_uri()

    def description(self):
        return self.index.introduction or self.index.title

    def subtitle(self):
        return self.description()

    def items(self):
        return list(self.index.posts()[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.excerpt

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_author_name(self, item):
        card = item.author_card()
        return card["name"] if card else None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()] + [t.name for t in item.tags.all()]


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed
