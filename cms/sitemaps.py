"""sitemap.xml over both language trees, with priorities per page type and hreflang
alternates linking each page to its translations."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    def items(self):
        """Live public pages of every language's tree (the site's root page has one
        translation per locale; each is the root of that language's tree)."""
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        paths = [root.path for root in roots]
        query = Page.objects.none()
        for path in paths:
            query = query | Page.objects.filter(path__startswith=path)
        return (
            query.live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        by_key: dict = defaultdict(list)
        entries = []
        for item in items:
            for info in item.get_sitemap_urls(self.request):
                entries.append((item, info))
                by_key[item.translation_key].append(
                    {"lang_code": item.locale.language_code, "location": info["location"]}
                )
        urls, last_mods = [], set()
        for item, info in entries:
            alternates = by_key[item.translation_key]
            if len(alternates) > 1:
                default = next(
                    (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE),
                    alternates[0],
                )
                info["alternates"] = [
                    *alternates,
                    {"lang_code": "x-default", "location": default["location"]},
                ]
            urls.append(info)
            last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@cache_page(60 * 15)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": BilingualSitemap(request)})


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /api/",
        "Disallow: /_allauth/",
        "Disallow: /es/dashboard/",
        "Disallow: /en/dashboard/",
        "Disallow: /es/shop/checkout/",
        "Disallow: /en/shop/checkout/",
        "Disallow: /es/shop/basket/",
        "Disallow: /en/shop/basket/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
