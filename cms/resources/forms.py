"""The library listing's filters (the index page reads them from the query string)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .choices import ResourceType


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
