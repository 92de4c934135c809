"""The blog's models (Django loads them from here): the pages and their categories and tags
(pages.py), readers' comments (comments.py)."""

from .comments import BlogComment
from .pages import (
    POSTS_PER_PAGE,
    WORDS_PER_MINUTE,
    BlogCategory,
    BlogIndexPage,
    BlogPostPage,
    BlogPostPageQuerySet,
    BlogPostTag,
)

__all__ = [
    "POSTS_PER_PAGE",
    "WORDS_PER_MINUTE",
    "BlogCategory",
    "BlogComment",
    "BlogIndexPage",
    "BlogPostPage",
    "BlogPostPageQuerySet",
    "BlogPostTag",
]
