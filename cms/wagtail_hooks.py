"""Image and document privacy in Wagtail's own views (cms/media_privacy.py holds the rule)."""

from django.http import Http404
from wagtail import hooks

from . import media_privacy


@hooks.register("before_serve_document")
def hide_documents_of_content_the_caller_cannot_see(document, request):
    """Wagtail's document URL (/documents/<id>/<file>) after Wagtail's collection check and
    the members-only one (cms/resources/wagtail_hooks.py): a file that only drafts or
    private pages link is not found by anyone who cannot see those pages."""
    if not media_privacy.may_see_document(request, document):
        raise Http404


@hooks.register("construct_image_chooser_queryset")
def choosable_images(images, request):
    """Every admin user may "choose" in the root collection (organizers too): the chooser
    offers only the images they may see, not other organizers' unpublished uploads."""
    return media_privacy.visible_images(request, images)


@hooks.register("construct_document_chooser_queryset")
def choosable_documents(documents, request):
    return media_privacy.visible_documents(request, documents)
