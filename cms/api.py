"""Wagtail's content API (/api/v2/): pages, images and documents.

Wagtail validates most listing parameters; these subclasses add the bound it lacks (a huge
offset reaches the database as an out-of-range integer) so that every malformed request is
a 400 with a message, never a 500."""

from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, transaction
from django.db.models import Case, ForeignKey, IntegerField, ManyToManyField, When
from django.utils import translation
from rest_framework.fields import Field
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, TagsField
from wagtail.api.v2.serializers import StreamField as WagtailStreamFieldSerializer
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField as WagtailStreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, get_page_models

from cms import media_privacy
from cms.preview import page_from_preview_token
from cms.resources import selectors as resource_selectors

MAX_OFFSET = 1_000_000


class BoundedListingMixin:
    def listing_view(self, request):
        offset = request.GET.get("offset", "")
        if offset.isdecimal() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        if request.GET.get("search_operator", "or") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "search" in request.GET and not request.GET["search"].strip():
            # blank text searches for nothing: list as if no search was given (the SQLite
            # backend failed to compile an empty query)
            params = request.GET.copy()
            del params["search"]
            request._request.GET = params
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


class TranslationsField(Field):
    """meta.translations: the page in the other languages, as far as the caller may see them
    (live, public, on this site). One query for the whole listing, not one per page."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        found = self.context.setdefault("_translations", {})
        if page.translation_key not in found:
            self._load(found, page)
        return [entry for entry in found[page.translation_key] if entry["id"] != page.pk]

    def _load(self, found: dict, page) -> None:
        instance = self.root.instance
        pages = [instance] if isinstance(instance, Page) else list(instance)
        keys = {p.translation_key for p in pages} | {page.translation_key}
        request, router = self.context["request"], self.context["router"]
        for key in keys:
            found.setdefault(key, [])
        translations = (
            self.context["base_queryset"]
            .filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        for other in translations:
            found[other.translation_key].append(
                {
                    "id": other.pk,
                    "locale": other.locale.language_code,
                    "title": other.title,
                    "detail_url": get_object_detail_url(router, request, Page, other.pk),
                    "html_url": other.get_full_url(request),
                }
            )


class PageAwareStreamField(WagtailStreamFieldSerializer):
    """A StreamField whose blocks know the page they belong to (context["page"]), so that
    live blocks (featured events, latest posts) answer in that page's language."""

    def get_attribute(self, instance):
        self._page = instance  # DRF reads then renders each field of one item in turn
        return super().get_attribute(instance)

    def to_representation(self, value):
        context = {**self.context, "page": getattr(self, "_page", None)}
        return value.stream_block.get_api_representation(value, context)


class PrefetchedTagsField(TagsField):
    """Tag names, read from prefetch_related("tags") when the page type asked for it
    (Wagtail's own field queries once per page)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PageWithTranslationsSerializer(PageSerializer):
    translations = TranslationsField(read_only=True)
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        WagtailStreamField: PageAwareStreamField,
    }

    def build_property_field(self, field_name, model_class):
        field_class, kwargs = super().build_property_field(field_name, model_class)
        return (PrefetchedTagsField if field_class is TagsField else field_class), kwargs


def _check_relation_filters(model, params, known) -> None:
    """Wagtail's field filter hands `?venue=abc` or `?categories=abc` to the ORM, which raises
    (and PostgreSQL refuses ids beyond a bigint): a relation is filtered by the id of the
    related object, so anything else is a 400. One check for every page type."""
    for name, value in params.items():
        if name in known:  # ?locale=es, ?type=…: Wagtail's own parameters
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        is_id = value.isdecimal() and int(value) < 2**63  # a bigint; larger overflows PostgreSQL
        if isinstance(field, ForeignKey | ManyToManyField) and not is_id:
            raise BadRequestError(
                f"{name} must be the id of a {field.related_model._meta.verbose_name}"
            )


class AnonymousResponseCache:
    """Anonymous reads of the content API served from the cache, like the pages themselves
    (cms/cache.py): keyed by the endpoint, the object, the parameters (sorted) and the
    page-cache generation, which every publish, unpublish, move or delete renews, so no
    stale copy is served. Only answers whose URL cannot be varied at will are kept: no free
    text, no random order, no empty listing (cms/cache.py says why). Signed-in callers may
    see members-only content and are never cached."""

    def _cached(self, request, handler, *args, **kwargs):
        from django.conf import settings
        from django.core.cache import cache

        from cms.cache import admit_copy, api_cache_query, cache_host, generation

        if settings.PAGE_CACHE_SECONDS <= 0 or request.user.is_authenticated:
            return handler(request, *args, **kwargs)
        host, query = cache_host(request), api_cache_query(request)
        if host is None or query is None:
            return handler(request, *args, **kwargs)
        language = translation.get_language()  # labels (an area's name) follow the language
        target = ":".join(str(arg) for arg in args)  # a detail's id, as a number: 07 is 7
        key = f"api:v3:{generation()}:{language}:{host}:{type(self).__name__}:{target}?{query}"
        hit = cache.get(key)
        if hit is not None:
            response = Response(hit)
            response["X-Page-Cache"] = "hit"
            return response
        response = handler(request, *args, **kwargs)
        # a listing that found nothing is any filter value at all: not worth a copy
        found = response.status_code == 200 and bool(args or response.data.get("items"))
        if found and admit_copy():
            cache.set(key, response.data, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def listing_view(self, request):
        return self._cached(request, super().listing_view)

    def detail_view(self, request, pk):
        return self._cached(request, super().detail_view, pk)


# Filters a page type takes beyond its fields (`api_filter_parameters` + `api_filter`):
# {parameter: "type=app.Model"}, so the same parameter on another type is a 400 naming it.
TYPE_FILTERS = {
    name: f"type={model._meta.app_label}.{model.__name__}"
    for model in get_page_models()
    for name in getattr(model, "api_filter_parameters", ())
}


class PagesAPI(AnonymousResponseCache, BoundedListingMixin, PagesAPIViewSet):
    base_serializer_class = PageWithTranslationsSerializer
    meta_fields = [*PagesAPIViewSet.meta_fields, "translations"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "translations"]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(TYPE_FILTERS)
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
        queryset = super().get_queryset().select_related("locale")
        # A page type lists what its API fields need (`api_queryset`), so a listing of one
        # type costs the same number of queries for 1 item as for 100.
        _check_relation_filters(queryset.model, self.request.GET, self.known_query_parameters)
        own = getattr(queryset.model, "api_filter_parameters", frozenset())
        if foreign := sorted(set(self.request.GET) & (set(TYPE_FILTERS) - own)):
            types = sorted({TYPE_FILTERS[name] for name in foreign})
            raise BadRequestError(
                f"{', '.join(foreign)} filter one page type: add {' or '.join(types)}"
            )
        extra_filters = getattr(queryset.model, "api_filter", None)
        if extra_filters is not None:
            queryset = extra_filters(queryset, self.request.GET)
        optimise = getattr(queryset.model, "api_queryset", None)
        queryset = optimise(queryset) if optimise else queryset
        return resource_selectors.api_pages(queryset, self.request)  # members-only resources


class PagePreviewAPI(PagesAPI):
    """/api/v2/page_preview/?content_type=home.homepage&token=…: the draft a headless frontend
    was sent to preview (cms/preview.py). The token is the credential: it is signed, expires
    and names one stored preview."""

    known_query_parameters = PagesAPI.known_query_parameters.union(["content_type", "token"])

    def _cached(self, request, handler, *args, **kwargs):
        return handler(request, *args, **kwargs)  # a preview changes under the same token

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


class PrivateMediaMixin:
    """Only the images and documents the caller may see (cms/media_privacy.py, in place of
    Wagtail's collection check, which it includes). The search backend filters only on
    indexed fields, and visibility is a subquery over page references: a search therefore
    runs first over every item, keeps its best hits' ids, and visibility filters those, in
    rank order (Wagtail's search filter is left out)."""

    SEARCH_HITS = 500

    def visible(self, request, queryset):
        raise NotImplementedError

    def get_queryset(self):
        base = BaseAPIViewSet.get_queryset(self)
        shown = self.visible(self.request, base)
        terms = self.request.GET.get("search", "").strip()
        if not terms or getattr(self, "action", "") != "listing_view":
            return shown
        operator = self.request.GET.get("search_operator") or None
        hits = [item.pk for item in base.search(terms, operator=operator)[: self.SEARCH_HITS]]
        if not hits:
            return shown.none()
        best_first = [When(pk=pk, then=n) for n, pk in enumerate(hits)]
        rank = Case(*best_first, output_field=IntegerField())
        return shown.filter(pk__in=hits).order_by(rank)


class ImagesAPI(BoundedListingMixin, PrivateMediaMixin, ImagesAPIViewSet):
    filter_backends = [b for b in ImagesAPIViewSet.filter_backends if b is not SearchFilter]

    def visible(self, request, queryset):
        return media_privacy.visible_images(request, queryset)


class DocumentsAPI(BoundedListingMixin, PrivateMediaMixin, DocumentsAPIViewSet):
    filter_backends = [b for b in DocumentsAPIViewSet.filter_backends if b is not SearchFilter]

    def visible(self, request, queryset):
        return media_privacy.visible_documents(request, queryset)


content_api = WagtailAPIRouter("wagtailapi")
content_api.register_endpoint("pages", PagesAPI)
content_api.register_endpoint("page_preview", PagePreviewAPI)
content_api.register_endpoint("images", ImagesAPI)
content_api.register_endpoint("documents", DocumentsAPI)
