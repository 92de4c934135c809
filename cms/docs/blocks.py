"""The documentation body: the marketing blocks every page has, plus code samples."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.home.blocks import BaseContentBlock

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
    code = CodeBlock()
