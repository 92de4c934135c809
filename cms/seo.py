"""What every page type tells search engines and social networks.

Page types inherit `SeoMixin` and override what they know better: `sitemap_priority`,
`seo_description()`, `og_image` and `structured_data()` (schema.org JSON-LD). The base
template renders them through `{% seo_head %}`, so no page template repeats meta tags."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.text import Truncator


class SeoMixin:
    sitemap_priority: float = 0.5
    sitemap_changefreq: str = "weekly"
    og_type: str = "website"

    def seo_description(self) -> str:
        """The meta description: the editor's search description, else a summary field."""
        text = getattr(self, "search_description", "") or ""
        for field in ("excerpt", "summary", "introduction", "hero_text"):
            if text:
                break
            text = getattr(self, field, "") or ""
        return Truncator(" ".join(strip_tags(str(text)).split())).chars(160)

    @property
    def og_image(self):
        """A Wagtail image to show when the page is shared (None: the site's default)."""
        return None

    def structured_data(self, request) -> dict | list | None:
        """schema.org JSON-LD for this page, or None."""
        return None

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        for entry in entries:
            entry["priority"] = f"{self.sitemap_priority:.1f}"  # never a localised "0,8"
            entry["changefreq"] = self.sitemap_changefreq
        return entries
