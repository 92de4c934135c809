"""The documentation body: the generic blocks, the live lists and code samples."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import BaseContentBlock
from cms.blog.blocks import LatestBlogPostsBlock
from cms.events.blocks import FeaturedEventsBlock

LANGUAGES = [
    ("text", _("Plain text")),
    ("python", "Python"),
    ("bash", "Shell"),
    ("javascript", "JavaScript"),
    ("json", "JSON"),
    ("sql", "SQL"),
    ("html", "HTML"),
]


class CodeBlock(blocks.StructBlock):
    """A code sample, shown as typed (escaped, never interpreted)."""

    language = blocks.ChoiceBlock(
        label=_("Programming language"), choices=LANGUAGES, default="text"
    )
    code = blocks.TextBlock(label=_("Code"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=200, required=False)

    class Meta:
        icon = "code"
        label = _("Code sample")
        template = "docs/blocks/code.html"


class DocsBodyBlock(BaseContentBlock):
    featured_events = FeaturedEventsBlock()
    latest_blog_posts = LatestBlogPostsBlock()
    code = CodeBlock()
