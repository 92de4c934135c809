"""The body of home and standard pages: the generic blocks (cms/blocks.py) and the live
lists of upcoming events and latest posts."""

from cms.blocks import BaseContentBlock
from cms.blog.blocks import LatestBlogPostsBlock
from cms.events.blocks import FeaturedEventsBlock


class PageBodyBlock(BaseContentBlock):
    featured_events = FeaturedEventsBlock()
    latest_blog_posts = LatestBlogPostsBlock()
