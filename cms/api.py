"""Wagtail's content API (/api/v2/): pages, images and documents.

Wagtail validates most listing parameters; these subclasses add the bound it lacks (a huge
offset reaches the database as an out-of-range integer) so that every malformed request is
a 400 with a message, never a 500."""

from django.db import DatabaseError, transaction
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.resources import selectors as resource_selectors

MAX_OFFSET = 1_000_000


class BoundedListingMixin:
    def listing_view(self, request):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        if request.GET.get("search_operator", "or") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "search" in request.GET:
            # Wagtail hands the text to the database's full-text parser as it is; query
            # syntax there (a lone quote on SQLite) is the client's mistake, not ours.
            try:
                with transaction.atomic():
                    return super().listing_view(request)
            except DatabaseError as exc:
                raise BadRequestError(
                    "search could not be understood; use plain words without quotes or operators"
                ) from exc
        return super().listing_view(request)


class PagesAPI(BoundedListingMixin, PagesAPIViewSet):
    def get_queryset(self):
        # Every item's meta names its locale: fetch them with the pages, not one by one.
        queryset = super().get_queryset().select_related("locale")
        return resource_selectors.api_pages(queryset, self.request)  # members-only resources


class ImagesAPI(BoundedListingMixin, ImagesAPIViewSet):
    pass


class DocumentsAPI(BoundedListingMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return resource_selectors.api_documents(super().get_queryset(), self.request)


content_api = WagtailAPIRouter("wagtailapi")
content_api.register_endpoint("pages", PagesAPI)
content_api.register_endpoint("images", ImagesAPI)
content_api.register_endpoint("documents", DocumentsAPI)
