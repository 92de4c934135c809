from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: the page's translation where it exists, else
    that language's home page; for non-page views, the same URL in the other language."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    urls: dict[str, str] = {}
    if isinstance(page, Page):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            urls[translated.locale.language_code] = translated.get_url(request)
        site = Site.find_for_request(request)
        if site is not None:
            missing = [code for code, _ in settings.LANGUAGES if code not in urls]
            if missing:
                for root in (
                    site.root_page.get_translations(inclusive=True)
                    .filter(locale__language_code__in=missing)
                    .select_related("locale")
                ):
                    urls[root.locale.language_code] = root.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        with translation.override(code):
            label = translation.gettext(name)
        links.append({"code": code, "name": label, "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag(takes_context=True)
def localized_home_url(context) -> str:
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return "/"
    try:
        locale = Locale.get_active()
        home = site.root_page.get_translation(locale)
    except (Page.DoesNotExist, Locale.DoesNotExist):
        home = site.root_page
    return home.get_url(request) or "/"
