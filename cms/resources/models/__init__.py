"""The resource library's models (Django loads them from here): resources, their categories
and tags (library.py), the access log (access.py), the library's index page (index.py)."""

from ..choices import ResourceType, Visibility
from .access import ResourceAccess
from .index import ResourceIndexPage
from .library import ResourceCategory, ResourcePage, ResourcePageForm, ResourcePageTag

__all__ = [
    "ResourceAccess",
    "ResourceCategory",
    "ResourceIndexPage",
    "ResourcePage",
    "ResourcePageForm",
    "ResourcePageTag",
    "ResourceType",
    "Visibility",
]
