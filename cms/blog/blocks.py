"""What a blog post's body is made of: the marketing blocks that suit an article (headings,
paragraphs, images, embeds, a call to action), reused from cms.home."""

from wagtail import blocks

from cms.home.blocks import BaseContentBlock

ARTICLE_BLOCKS = ("heading", "paragraph", "image", "image_with_caption", "embed", "call_to_action")


class BlogBodyBlock(blocks.StreamBlock):
    """A subset of BaseContentBlock: heroes, grids and sponsor walls belong on landing pages."""

    def __init__(self, local_blocks=None, **kwargs):
        base = BaseContentBlock()
        chosen = [(name, base.child_blocks[name]) for name in ARTICLE_BLOCKS]
        super().__init__(local_blocks=[*chosen, *(local_blocks or [])], **kwargs)
