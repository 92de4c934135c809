"""The library listing's filters (the index page reads them from the query string)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
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
        self.top_categories = [c for c, depth in categories if depth == 0]
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

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, query string without that filter) for each filter in use: the listing's
        removable chips. Empty for an unbound or invalid form."""
        if not self.is_bound or not self.is_valid():
            return []
        data = self.cleaned_data
        labels = {
            "q": lambda value: f"“{value.strip()}”",
            "type": lambda value: str(dict(ResourceType.choices).get(value, value)),
            "category": lambda value: self.categories[value].name,
            "tag": lambda value: f"#{value}",
        }
        chips = []
        for name, label in labels.items():
            value = data.get(name)
            if not value or not str(value).strip():
                continue
            query = QueryDict(mutable=True)
            for key in self.data:
                if key not in (name, "page"):
                    values = self.data.getlist(key) if hasattr(self.data, "getlist") else None
                    query.setlist(key, values or [self.data[key]])
            chips.append((label(value), query.urlencode()))
        return chips
