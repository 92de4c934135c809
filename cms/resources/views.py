"""The public side of the library: the listing with its filters, the visibility guard of a
resource page, and the download route."""

from __future__ import annotations

import mimetypes

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import ResourceType
from .services import AccessType, resource_record_access


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the library"), max_length=200, required=False)
    type = forms.ChoiceField(
        label=_("Type of resource"),
        choices=[("", _("All types")), *ResourceType.choices],
        required=False,
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    tag = forms.SlugField(label=_("Tag"), max_length=100, required=False, allow_unicode=True)
    featured_first = forms.BooleanField(label=_("Featured first"), required=False, initial=True)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {str(c.pk): c for c, _depth in categories}
        self.fields["category"].choices = [
            ("", _("All categories")),
            *[(str(c.pk), f"{'— ' * depth}{c.name}") for c, depth in categories],
        ]

    def filters(self) -> selectors.ListingFilters:
        data = self.cleaned_data
        return selectors.ListingFilters(
            resource_type=data.get("type") or "",
            category=self.categories.get(data.get("category") or ""),
            tag=data.get("tag") or "",
            q=(data.get("q") or "").strip(),
            featured_first=bool(data.get("featured_first")) or not self.is_bound_with_filters,
        )

    @property
    def is_bound_with_filters(self) -> bool:
        return any(key in self.data for key in ("q", "type", "category", "tag"))


def resource_index_serve(index, request, *args, **kwargs):
    """Render the library. Filters come from the query string (so anonymous listings with
    filters skip the page cache); invalid filters answer 400 with the form's messages."""
    categories = selectors.category_choices(index.locale_id)
    form = ResourceFilterForm(request.GET or None, categories=categories)
    status = 200
    if form.is_bound and not form.is_valid():
        filters, status = selectors.ListingFilters(), 400
    elif form.is_bound:
        filters = form.filters()
    else:
        filters = selectors.ListingFilters()
    resources = selectors.resource_listing(
        index=index,
        filters=filters,
        page_number=request.GET.get("page"),
        per_page=max(1, min(index.per_page or 12, 100)),
        user=request.user,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = index.get_context(request, *args, **kwargs)
    context.update(
        form=form,
        resources=resources,
        filters=filters,
        tags=selectors.tags_in_library(index),
        can_view_members_only=selectors.can_view_members_only(request.user),
        query_string=query.urlencode(),
    )
    return TemplateResponse(request, index.get_template(request), context, status=status)


def _refusal(resource, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(
        request, "resources/members_only.html", {"page": resource, "resource": resource}, status=403
    )


def resource_page_guard(resource, request):
    """None when the visitor may open the resource, else the answer to give instead."""
    if selectors.can_open(request.user, resource):
        return None
    return _refusal(resource, request)


def resource_download(resource, request):
    """Count, log, then hand over: a redirect to the external address, or the file."""
    refused = resource_page_guard(resource, request)
    if refused is not None:
        return refused
    resource_record_access(resource=resource, request=request, access_type=AccessType.DOWNLOAD)
    if resource.document_id:
        document = resource.document
        content_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.filename,
            content_type=content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response
    response = HttpResponseRedirect(resource.external_url)
    response["Cache-Control"] = "private, no-store"
    return response
