"""The generic StreamField blocks every content page is built from: headings, text, images,
embeds, calls to action and the marketing sections (hero, features, figures, sponsors,
testimonials, questions). Every image block asks for alt text (Wagtail's ImageBlock); links
take a page or an address.

This module imports no app. A block that queries an app lives in that app and page bodies
add it: `cms.events.blocks.FeaturedEventsBlock` and `cms.blog.blocks.LatestBlogPostsBlock`
join the generic ones in the bodies of home, standard, event, doc and resource pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from cms.validators import validate_link

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


def block_locale(parent_context, context=None):
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


class BaseContentBlock(blocks.StreamBlock):
    """The generic blocks, in the order editors see them. Page bodies subclass it to add
    the blocks that query an app (declared blocks follow the inherited ones)."""

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
