"""Serializer fields for BlogPostPage's content API (Wagtail API v2). They take what the
post's manager already fetched (author and profile, categories), so a listing of 20 posts
costs the same number of queries as one."""

from __future__ import annotations

from rest_framework import serializers


class AuthorField(serializers.Field):
    """The author as readers see them: name, @handle, avatar and member page; never the
    email address."""

    def to_representation(self, user):
        from ..selectors import author_card

        card = author_card(user)
        if card is None:
            return None
        request = self.context.get("request")
        for key in ("url", "avatar"):
            if card[key] and request is not None:
                card[key] = request.build_absolute_uri(card[key])
        return card


class CategoriesField(serializers.Field):
    def to_representation(self, categories):
        return [{"id": c.pk, "name": c.name, "slug": c.slug} for c in categories.all()]


class RelatedPostsField(serializers.Field):
    """Posts sharing tags or categories with this one (ids and titles). Only on the detail
    endpoint: in a listing each item would cost its own query."""

    def to_representation(self, page):
        view = self.context.get("view")
        if getattr(view, "action", "") != "detail_view":
            return None
        return [
            {"id": post.pk, "title": post.title, "url": post.url} for post in page.related_posts()
        ]
