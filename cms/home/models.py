from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms.fields import StreamField
from cms.preview import HeadlessPreviewable
from cms.seo import SeoMixin
from cms.validators import validate_link

from .blocks import PageBodyBlock


class HomePage(SeoMixin, HeadlessPreviewable, Page):
    """The root of each language's tree (/es/, /en/)."""

    sitemap_priority = 1.0
    sitemap_changefreq = "daily"

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_cta_label = models.CharField(_("hero button label"), max_length=40, blank=True)
    hero_cta_url = models.CharField(
        _("hero button link"),
        max_length=255,
        blank=True,
        validators=[validate_link],
        help_text=_("A path on this site (/es/auth/register/) or a full https:// address."),
    )
    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("body"))

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_cta_label"),
        FieldPanel("hero_cta_url"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("body")]
    api_fields = [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_cta_label"),
        APIField("hero_cta_url"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import community_figures, events_index

        context = super().get_context(request, *args, **kwargs)
        context["community_figures"] = community_figures()
        context["events_index"] = events_index(self.locale_id)
        return context

    def structured_data(self, request):
        from django.conf import settings
        from django.templatetags.static import static

        site_url = settings.SITE_URL
        return {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": "Medellín AI",
            "url": self.get_full_url(request) or site_url,
            "logo": request.build_absolute_uri(static("favicon.svg")),
            "description": self.seo_description(),
            "areaServed": "Medellín, Colombia",
        }


class StandardPage(SeoMixin, HeadlessPreviewable, Page):
    """A plain content page (about, code of conduct, sponsors…)."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")


from .navigation import NavigationSettings  # noqa: E402, F401  (a model of this app)
