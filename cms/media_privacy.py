"""Who may see which image or document: one rule for the content API (/api/v2/images/ and
/api/v2/documents/), Wagtail's document URL (/documents/…) and the uploaded files (/media/).

An image or document is hidden from a caller when
- its collection has a view restriction (Wagtail's collection privacy, set in the admin)
  that the caller does not pass. Event submissions upload into such a collection
  (cms/events/services.py), open to the moderators only; or
- pages use it (Wagtail's reference index: foreign keys, StreamField choosers, rich text)
  and every one of them is a page the caller cannot see: not live, under a page view
  restriction the caller does not pass, or a members-only resource for a non-member; or
- (documents) a members-only resource links it and the caller is not a member
  (cms/resources/selectors.py: the stricter rule wins).

Images differ in one way: an image that a page the caller can see uses is visible even in
a restricted collection. That page shows it anyway, and it is how a submission's image
becomes public when the event is published, and private again if it is unpublished.
A document in a restricted collection stays behind it, wherever it is used.

Staff who may change a collection's images or documents in the admin (Wagtail's collection
permissions, superusers) and the person who uploaded an item always see it; an unused item
in an open collection is the public library. The admin's image and document choosers apply
the same rule (cms/wagtail_hooks.py), so an organizer editing an event cannot pick another
organizer's unpublished upload.

Known limit: the reference index records a page as it is stored, which is its live
version once published. An image that only a later, unpublished revision of a live page
uses counts as unused; files that must stay private before publication belong in a
restricted collection.

Every check is one SQL query after a fixed few that read the restrictions once per request
(`viewer`), whatever the number of items."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.permissions import policy_registry

from cms.resources import selectors as resource_selectors
from cms.resources.permissions import can_view_members_only

# Wagtail's folders in the default storage: originals, renditions, documents.
IMAGE_FOLDER = "original_images/"
RENDITION_FOLDER = "images/"
DOCUMENT_FOLDER = "documents/"


@dataclass(frozen=True)
class Viewer:
    """What the rule needs to know about one request, read once."""

    user: object
    closed_collections: Q  # collections whose restriction the caller does not pass
    visible_pages: QuerySet  # pages the caller may see (a subquery, never evaluated)
    is_superuser: bool


def _passes(restriction: BaseViewRestriction, request, group_ids: set[int]) -> bool:
    """Wagtail's accept_request, with the caller's groups read once, not per restriction."""
    if restriction.restriction_type == BaseViewRestriction.GROUPS:
        if request.user.is_superuser:
            return True
        return any(group.pk in group_ids for group in restriction.groups.all())
    return restriction.accept_request(request)


def viewer(request) -> Viewer:
    cached = getattr(request, "_media_viewer", None)
    if cached is not None:
        return cached
    user = request.user
    group_ids: set[int] = set()
    if user.is_authenticated and not user.is_superuser:
        group_ids = set(user.groups.values_list("pk", flat=True))

    closed = Q(pk__in=[])
    for restriction in CollectionViewRestriction.objects.select_related(
        "collection"
    ).prefetch_related("groups"):
        if not _passes(restriction, request, group_ids):
            closed |= Q(collection__path__startswith=restriction.collection.path)

    pages = Page.objects.live()
    hidden = Q(pk__in=[])
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
        "groups"
    ):
        if not _passes(restriction, request, group_ids):
            hidden |= Page.objects.descendant_of_q(restriction.page, inclusive=True)
    pages = pages.exclude(hidden)
    if not can_view_members_only(user):
        pages = pages.exclude(pk__in=resource_selectors.members_only_page_ids())

    found = Viewer(
        user=user,
        closed_collections=closed,
        visible_pages=pages,
        is_superuser=bool(user.is_authenticated and user.is_active and user.is_superuser),
    )
    request._media_viewer = found
    return found


def _uses(model, pages: QuerySet) -> tuple[Exists, Exists]:
    """(used by one of `pages`, used by a page not among them), for the outer item."""
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    keys = pages.annotate(key=Cast("pk", output_field=CharField())).values("key")
    return Exists(references.filter(object_id__in=keys)), Exists(
        references.exclude(object_id__in=keys)
    )


def _managed_or_own(who: Viewer, model) -> Q:
    if not (who.user.is_authenticated and who.user.is_active):
        return Q(pk__in=[])
    policy = policy_registry.get_by_type(model)
    # "change", not "choose": Wagtail gives every admin user (organizers too) "choose" on
    # the root collection
    collections = policy.collections_user_has_any_permission_for(who.user, ["change"])
    return Q(collection__in=collections) | Q(uploaded_by_user=who.user)


def visible_images(request, queryset: QuerySet | None = None) -> QuerySet:
    model = get_image_model()
    queryset = model.objects.all() if queryset is None else queryset
    who = viewer(request)
    if who.is_superuser:
        return queryset
    used_visibly, used_hiddenly = _uses(model, who.visible_pages)
    return queryset.filter(
        Q(used_visibly)
        | (~who.closed_collections & ~Q(used_hiddenly))
        | _managed_or_own(who, model)
    )


def visible_documents(request, queryset: QuerySet | None = None) -> QuerySet:
    model = get_document_model()
    queryset = model.objects.all() if queryset is None else queryset
    who = viewer(request)
    if who.is_superuser:
        return queryset
    used_visibly, used_hiddenly = _uses(model, who.visible_pages)
    shown = ~who.closed_collections & (Q(used_visibly) | ~Q(used_hiddenly))
    if not can_view_members_only(who.user):
        shown &= ~Q(pk__in=resource_selectors.restricted_document_ids())
    return queryset.filter(shown | _managed_or_own(who, model))


def may_see_document(request, document) -> bool:
    return visible_documents(request, type(document).objects.filter(pk=document.pk)).exists()


def may_open_file(request, name: str) -> bool:
    """Whether /media/<name> may be served to this caller. A file in Wagtail's folders is
    served only when the image or document that owns it is visible (one that nothing owns:
    never); other uploads (avatars) are public."""
    if name.startswith(IMAGE_FOLDER):
        owner = visible_images(request, get_image_model().objects.filter(file=name))
    elif name.startswith(RENDITION_FOLDER):
        owner = visible_images(request, get_image_model().objects.filter(renditions__file=name))
    elif name.startswith(DOCUMENT_FOLDER):
        owner = visible_documents(request, get_document_model().objects.filter(file=name))
    else:
        return True
    return owner.exists()
