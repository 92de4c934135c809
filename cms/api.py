"""Wagtail's content API (/api/v2/): pages, images and documents.

Wagtail validates most listing parameters; these subclasses add the bound it lacks (a huge
offset reaches the database as an out-of-range integer) so that every malformed request is
a 400 with a message, never a 500."""

from django.db import DatabaseError, transaction
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.preview import page_from_preview_token

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
    _base_queryset = None

    def get_base_queryset(self):
        # Wagtail builds this up to three times per request (the listing, the filters, the
        # serializer context), each time reading every view restriction and the site's
        # translations. One view instance serves one request, so build it once.
        if self._base_queryset is None:
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset.all()

    def get_queryset(self):
        # Every item's meta names its locale: fetch them with the pages, not one by one.
        return super().get_queryset().select_related("locale")


class PagePreviewAPI(PagesAPI):
    """/api/v2/page_preview/?content_type=home.homepage&token=…: the draft a headless frontend
    was sent to preview (cms/preview.py). The token is the credential: it is signed, expires
    and names one stored preview."""

    known_query_parameters = PagesAPI.known_query_parameters.union(["content_type", "token"])

    def listing_view(self, request):
        missing = [name for name in ("content_type", "token") if not request.GET.get(name)]
        if missing:
            raise BadRequestError(f"{' and '.join(missing)} required (from the preview link)")
        page = page_from_preview_token(request.GET["content_type"], request.GET["token"])
        if page is None:
            return Response(
                {"message": "This preview does not exist or has expired; preview again."},
                status=404,
            )
        serializer_class = self._get_serializer_class(
            request.wagtailapi_router, type(page), [], show_details=True
        )
        return Response(serializer_class(page, context=self.get_serializer_context()).data)

    def detail_view(self, request, pk):
        return Response(
            {"message": "Read previews from /api/v2/page_preview/?content_type=…&token=…"},
            status=404,
        )


class ImagesAPI(BoundedListingMixin, ImagesAPIViewSet):
    pass


class DocumentsAPI(BoundedListingMixin, DocumentsAPIViewSet):
    pass


content_api = WagtailAPIRouter("wagtailapi")
content_api.register_endpoint("pages", PagesAPI)
content_api.register_endpoint("page_preview", PagePreviewAPI)
content_api.register_endpoint("images", ImagesAPI)
content_api.register_endpoint("documents", DocumentsAPI)
