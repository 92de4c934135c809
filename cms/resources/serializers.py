"""Read-only fields of ResourcePage in Wagtail's content API. They read only what the
listing prefetched (selectors.api_pages), so the query count does not grow with items."""

from __future__ import annotations

from rest_framework import serializers


class CategoriesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return [
            {"id": c.pk, "name": c.name, "slug": c.slug, "parent": c.parent_id}
            for c in page.categories.all()
        ]


class TagNamesField(CategoriesField):
    def to_representation(self, page):
        return sorted(item.tag.name for item in page.tagged_items.all())


class DocumentField(CategoriesField):
    def to_representation(self, page):
        document = page.document
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "filename": document.filename,
            "download_url": page.download_url,
        }
