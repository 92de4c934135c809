"""The site's navigation and footer, edited in Wagtail (Settings → Navigation).

One setting per site serves both languages: a page item shows the page's translation in the
visitor's language; a link item has a label per language and a path that gets the language
prefix (/forums/ → /es/forums/). Resolved menus are cached per site and language and dropped
whenever a page is published or unpublished or the setting is saved."""

from __future__ import annotations

from django.core.cache import cache
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.fields import StreamField
from cms.validators import validate_link

CACHE_VERSION_KEY = "navigation:version"
# paths that live outside the language prefix (or already carry one)
UNPREFIXED = ("/es/", "/en/", "//", "/api/", "/admin/", "/health/", "/sitemap.xml", "/media/",
              "/static/", "/documents/", "/robots.txt")  # fmt: skip


class MenuPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    label_es = blocks.CharBlock(label=_("Label (Spanish)"), max_length=40, required=False)
    label_en = blocks.CharBlock(label=_("Label (English)"), max_length=40, required=False)

    class Meta:
        icon = "doc-empty"
        label = _("Page")


class MenuLinkBlock(blocks.StructBlock):
    url = blocks.CharBlock(
        label=_("Address"),
        max_length=255,
        validators=[validate_link],
        help_text=_(
            "/forums/ becomes /es/forums/ or /en/forums/ (not /api/…); or a full https:// address."
        ),
    )
    label_es = blocks.CharBlock(label=_("Label (Spanish)"), max_length=40)
    label_en = blocks.CharBlock(label=_("Label (English)"), max_length=40)

    class Meta:
        icon = "link"
        label = _("Link")


MENU_ITEMS = [("page", MenuPageBlock()), ("link", MenuLinkBlock())]


class FooterColumnBlock(blocks.StructBlock):
    heading_es = blocks.CharBlock(label=_("Heading (Spanish)"), max_length=60)
    heading_en = blocks.CharBlock(label=_("Heading (English)"), max_length=60)
    items = blocks.StreamBlock(MENU_ITEMS, label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Footer column")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    main_menu = StreamField(
        MENU_ITEMS,
        blank=True,
        verbose_name=_("main menu"),
        help_text=_("Empty: the home page's children marked “show in menus”."),
    )
    footer_columns = StreamField(
        [("column", FooterColumnBlock())], blank=True, verbose_name=_("footer columns")
    )
    footer_text_es = models.CharField(_("footer text (Spanish)"), max_length=200, blank=True)
    footer_text_en = models.CharField(_("footer text (English)"), max_length=200, blank=True)

    panels = [
        FieldPanel("main_menu"),
        FieldPanel("footer_columns"),
        FieldPanel("footer_text_es"),
        FieldPanel("footer_text_en"),
    ]

    class Meta:
        verbose_name = _("navigation")


def _language() -> str:
    code = (translation.get_language() or "es")[:2]
    return code if code in ("es", "en") else "es"


def _localized_pages(pages) -> dict:
    """translation_key → the page in the active language (one query)."""
    from wagtail.models import Locale, Page

    keys = {page.translation_key for page in pages if page is not None}
    if not keys:
        return {}
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return {}
    found = Page.objects.live().public().filter(translation_key__in=keys, locale=locale)
    return {page.translation_key: page for page in found}


def _items(stream, localized: dict, language: str, request) -> list[dict]:
    items = []
    for block in stream:
        value = block.value
        if block.block_type == "page":
            page = value["page"] and localized.get(value["page"].translation_key)
            if page is None:
                continue
            label = value.get(f"label_{language}") or page.title
            items.append({"label": label, "url": page.get_url(request)})
        else:
            url = value["url"]
            if url.startswith("/") and not url.startswith(UNPREFIXED):
                url = f"/{language}{url}"
            items.append({"label": value[f"label_{language}"], "url": url})
    return items


def resolved_navigation(request) -> dict:
    """{"menu": [...], "footer": [...], "footer_text": str} for the active language; None
    values when the editors have not set them."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return {"menu": None, "footer": [], "footer_text": ""}
    language = _language()
    version = cache.get_or_set(CACHE_VERSION_KEY, 1, None)
    key = f"navigation:{version}:{site.pk}:{language}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    settings = NavigationSettings.for_site(site)
    pages = [b.value["page"] for b in settings.main_menu if b.block_type == "page"]
    for column in settings.footer_columns:
        pages += [b.value["page"] for b in column.value["items"] if b.block_type == "page"]
    localized = _localized_pages(pages)
    result = {
        "menu": _items(settings.main_menu, localized, language, request) or None,
        "footer": [
            {
                "heading": column.value[f"heading_{language}"],
                "items": _items(column.value["items"], localized, language, request),
            }
            for column in settings.footer_columns
        ],
        "footer_text": getattr(settings, f"footer_text_{language}"),
    }
    cache.set(key, result, 60 * 60)
    return result


def invalidate(**kwargs) -> None:
    try:
        cache.incr(CACHE_VERSION_KEY)
    except ValueError:
        cache.set(CACHE_VERSION_KEY, 2, None)
