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


def _localized_home(request) -> Page | None:
    """Kept on the request: the header links home twice (brand and menu), some pages once
    more, and each look-up is two queries."""
    language = translation.get_language()
    homes = request.__dict__.setdefault("_localized_homes", {})
    if language not in homes:
        homes[language] = _find_localized_home(request)
    return homes[language]


def _find_localized_home(request) -> Page | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        return site.root_page.get_translation(Locale.get_active())
    except (Page.DoesNotExist, Locale.DoesNotExist):
        return site.root_page


@register.simple_tag(takes_context=True)
def localized_home_url(context) -> str:
    request = context["request"]
    home = _localized_home(request)
    return (home.get_url(request) if home else None) or "/"


@register.simple_tag(takes_context=True)
def main_menu_pages(context) -> list[Page]:
    """The home page's live children marked "show in menus", in the visitor's language.

    Editors choose the menu in the page tree; Events, Resources and Blog appear here as
    soon as their index pages exist."""
    home = _localized_home(context["request"])
    if home is None:
        return []
    return list(home.get_children().live().in_menu().public())


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Meta description, canonical URL, hreflang alternates, OpenGraph, Twitter card and
    JSON-LD for a Wagtail page (see cms.seo.SeoMixin); a canonical URL for other views."""
    import json

    from django.utils.safestring import mark_safe

    request = context["request"]
    page = context.get("page")
    language = translation.get_language()
    data = {"canonical": request.build_absolute_uri(request.path), "alternates": []}
    if not isinstance(page, Page) or not hasattr(page, "seo_description"):
        return data
    canonical = page.get_full_url(request) or data["canonical"]
    alternates = [
        {"lang": t.locale.language_code, "url": t.get_full_url(request)}
        for t in page.get_translations(inclusive=True).live().public().select_related("locale")
    ]
    if len(alternates) > 1:
        default = next(
            (a for a in alternates if a["lang"] == settings.LANGUAGE_CODE), alternates[0]
        )
        alternates.append({"lang": "x-default", "url": default["url"]})
    else:
        alternates = []
    image_url = ""
    if page.og_image is not None:
        rendition = page.og_image.get_rendition("fill-1200x630|format-jpeg")
        image_url = request.build_absolute_uri(rendition.url)
    structured = page.structured_data(request)
    json_ld = ""
    if structured:
        json_ld = mark_safe(  # noqa: S308  # nosec B308 B703 - <, > and & escaped below
            json.dumps(structured, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
        )
    return {
        "canonical": canonical,
        "alternates": alternates,
        "description": page.seo_description(),
        "title": page.seo_title or page.title,
        "og_type": page.og_type,
        "og_locale": {"es": "es_CO", "en": "en_US"}.get(language, language),
        "image_url": image_url,
        "json_ld": json_ld,
    }


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """The editable menu and footer (Settings → Navigation), resolved for this language."""
    from cms.home.navigation import resolved_navigation

    return resolved_navigation(context["request"])


@register.filter
def initials(name) -> str:
    """Up to two capital letters for an avatar without a picture: "Ana Restrepo" → "AR",
    "ana@medellin.ai" → "A" (an email's domain is not part of the name)."""
    text = str(name or "").split("@", 1)[0].replace(".", " ").replace("_", " ").replace("-", " ")
    letters = [word[0] for word in text.split() if word[:1].isalpha()]
    return "".join(letters[:2]).upper() or "?"


@register.simple_tag
def page_numbers(page, on_each_side: int = 1, on_ends: int = 1) -> list:
    """The page numbers a pagination shows around `page` (a Django Page), with
    `Paginator.ELLIPSIS` ("…") where numbers are left out (templates/includes/pagination.html)."""
    return list(
        page.paginator.get_elided_page_range(
            page.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.filter
def field_widget(field, placeholder=""):
    """A bound field's widget tied to its help text and its errors (includes/field.html):
    `aria-describedby` names both, `aria-invalid` marks a field with errors, so a screen
    reader reads what is wrong where the focus is. The ids are the include's: `<id>_helptext`,
    `<id>_error`. The optional argument is a placeholder (for a visually hidden label)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    if placeholder:
        attrs["placeholder"] = placeholder
    return field.as_widget(attrs=attrs)


@register.filter
def member_headline(member: dict) -> list:
    """The short line under a member's name (a `public_profile` dict): their organization (unless
    it is their name), experience level and place, each only when the member shows it."""
    organization = member.get("organization_name")
    if organization == member.get("display_name"):
        organization = ""
    parts = (organization, member.get("experience_level_label"), member.get("location"))
    return [part for part in parts if part]


@register.filter
def has_active_filters(form) -> bool:
    """True when a listing's filter form has a value in one of its own fields: the query
    string's other parameters (`page`, a tracking tag) are no filter, and neither is a field
    sent empty. For "Clear filters" links, which would otherwise show on page 2."""
    data = getattr(form, "data", None) or {}
    for name in form.fields:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        if any(str(value).strip() for value in values if value is not None):
            return True
    return False
