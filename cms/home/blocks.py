"""Marketing blocks editors compose home and standard pages from. Every image block asks
for alt text (Wagtail's ImageBlock); links take a page or an address."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .validators import validate_link

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class LinkBlock(blocks.StructBlock):
    """A button: a page of this site (followed to the visitor's language) or an address."""

    label = blocks.CharBlock(label=_("Label"), max_length=40)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or an address"),
        required=False,
        max_length=255,
        validators=[validate_link],
        help_text=_("A path on this site (/es/forums/) or a full https:// address."),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            from django.core.exceptions import ValidationError
            from wagtail.blocks import StructBlockValidationError

            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=40)
    button_url = blocks.CharBlock(
        label=_("Button link"),
        max_length=255,
        validators=[validate_link],
        help_text=_("A path on this site (/es/forums/) or a full https:// address."),
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    image = ImageBlock(label=_("Background image"), required=False)
    buttons = blocks.ListBlock(LinkBlock(), label=_("Buttons"), max_num=2, default=[])

    class Meta:
        icon = "image"
        label = _("Hero")
        template = "home/blocks/hero.html"


class FeatureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    link = LinkBlock(required=False)


class FeatureGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    features = blocks.ListBlock(FeatureBlock(), label=_("Features"), min_num=1, max_num=12)

    class Meta:
        icon = "table"
        label = _("Feature grid")
        template = "home/blocks/feature_grid.html"


class StatisticsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("value", blocks.CharBlock(label=_("Figure"), max_length=20)),
                ("label", blocks.CharBlock(label=_("What it counts"), max_length=60)),
            ]
        ),
        label=_("Figures"),
        min_num=1,
        max_num=6,
    )

    class Meta:
        icon = "order"
        label = _("Statistics")
        template = "home/blocks/statistics.html"


class SponsorsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    sponsors = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("name", blocks.CharBlock(label=_("Name"), max_length=80)),
                ("logo", ImageBlock(label=_("Logo"))),
                ("url", blocks.URLBlock(label=_("Website"), required=False)),
            ]
        ),
        label=_("Sponsors and partners"),
        min_num=1,
    )

    class Meta:
        icon = "group"
        label = _("Sponsors and partners")
        template = "home/blocks/sponsors.html"


class TestimonialsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    testimonials = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("quote", blocks.TextBlock(label=_("Quote"), max_length=500)),
                ("name", blocks.CharBlock(label=_("Name"), max_length=80)),
                (
                    "role",
                    blocks.CharBlock(label=_("Role or company"), max_length=80, required=False),
                ),
                ("photo", ImageBlock(label=_("Photo"), required=False)),
            ]
        ),
        label=_("Testimonials"),
        min_num=1,
    )

    class Meta:
        icon = "openquote"
        label = _("Testimonials")
        template = "home/blocks/testimonials.html"


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    questions = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("Question"), max_length=200)),
                ("answer", blocks.RichTextBlock(label=_("Answer"), features=RICH_FEATURES)),
            ]
        ),
        label=_("Questions"),
        min_num=1,
    )

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "home/blocks/faq.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))  # alt text required by Wagtail's ImageBlock
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)
    attribution = blocks.CharBlock(label=_("Credit"), max_length=120, required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "home/blocks/image_with_caption.html"


class FeaturedEventsBlock(blocks.StructBlock):
    """Upcoming events, featured first: a live query each time the page renders, never a
    hand-picked copy that goes stale."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    count = blocks.IntegerBlock(label=_("Number of events"), min_value=1, max_value=12, default=3)
    featured_only = blocks.BooleanBlock(label=_("Featured events only"), required=False)

    class Meta:
        icon = "date"
        label = _("Featured events")
        template = "home/blocks/featured_events.html"

    def _events(self, value, page):
        from wagtail.models import Locale

        from cms.events.selectors import upcoming_events

        locale = page.locale if page is not None else Locale.get_active()
        return locale, upcoming_events(
            locale=locale, limit=value["count"], featured_only=value["featured_only"]
        )

    def get_context(self, value, parent_context=None):
        from cms.events.models import EventIndexPage

        context = super().get_context(value, parent_context=parent_context)
        locale, context["events"] = self._events(value, (parent_context or {}).get("page"))
        context["index"] = EventIndexPage.objects.live().filter(locale=locale).first()
        return context

    def get_api_representation(self, value, context=None):
        request = (context or {}).get("request")
        _locale, events = self._events(value, (context or {}).get("page"))
        return {
            "heading": value["heading"],
            "events": [
                {
                    "id": event.pk,
                    "title": event.title,
                    "summary": event.summary,
                    "start": event.local_start.isoformat(),
                    "end": event.local_end.isoformat(),
                    "event_format": event.event_format,
                    "featured": event.featured,
                    "area": event.venue.area if event.venue else None,
                    "status": event.status,
                    "url": event.get_full_url(request),
                }
                for event in events
            ],
        }


def _block_locale(parent_context, context=None):
    """The language a live-query block shows: its page's (in templates and, through cms.api's
    StreamField serializer, in the API), else the active language's."""
    from wagtail.models import Locale

    page = (parent_context or {}).get("page") or (context or {}).get("page")
    if page is not None and getattr(page, "locale_id", None):
        return Locale.objects.filter(pk=page.locale_id).first()
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


class LatestBlogPostsBlock(blocks.StructBlock):
    """The newest published posts of the page's language, queried when the page is shown
    (never hand-picked copies), optionally of one category."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    count = blocks.IntegerBlock(label=_("Number of posts"), min_value=1, max_value=12, default=3)
    category = SnippetChooserBlock(
        "blog.BlogCategory", label=_("Only this category"), required=False
    )

    class Meta:
        icon = "doc-full"
        label = _("Latest blog posts")
        template = "blog/blocks/latest_posts.html"

    def posts(self, value, locale):
        from cms.blog.selectors import latest_posts

        return latest_posts(locale=locale, count=value.get("count"), category=value.get("category"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["posts"] = self.posts(value, _block_locale(parent_context))
        return context

    def get_api_representation(self, value, context=None):
        category = value.get("category")
        posts = self.posts(value, _block_locale(None, context))
        request = (context or {}).get("request")
        return {
            "heading": value.get("heading") or "",
            "count": value.get("count"),
            "category": {"id": category.pk, "name": category.name, "slug": category.slug}
            if category
            else None,
            "posts": [
                {
                    "id": post.pk,
                    "title": post.title,
                    "url": post.get_full_url(request),
                    "excerpt": post.excerpt,
                    "publication_date": post.publication_date.isoformat()
                    if post.publication_date
                    else None,
                    "reading_time": post.reading_time,
                }
                for post in posts
            ],
        }


class BaseContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        max_length=120,
        template="home/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_FEATURES)
    image = ImageBlock(label=_("Image"))  # alt text required by Wagtail's ImageBlock
    image_with_caption = ImageWithCaptionBlock()
    embed = EmbedBlock(label=_("Embed"), max_width=960)
    call_to_action = CallToActionBlock()
    hero = HeroBlock()
    feature_grid = FeatureGridBlock()
    statistics = StatisticsBlock()
    sponsors = SponsorsBlock()
    testimonials = TestimonialsBlock()
    faq = FAQBlock()
    featured_events = FeaturedEventsBlock()
    latest_blog_posts = LatestBlogPostsBlock()
