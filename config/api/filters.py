"""Ordering and filtering are declared per endpoint.

A list endpoint accepts exactly the query parameters it declares; anything else is a 400 in
the API's error shape whose message names what the endpoint accepts:

- `ordering_fields`: what `?ordering=` may name, each also reversed with a leading "-". A
  list of model lookups, or a dict from the public name to the lookups it orders by. Never
  "__all__": without a declaration the endpoint accepts no ordering at all. Lists of people
  declare only what every viewer may see (names, joined date): ordering by a value someone
  chose to hide would let repeated requests narrow it down.
- `filterset_class` (django-filter): its filters are the filter parameters.
- `filter_params`: names of parameters the view reads and validates itself (`q`, `after`).
- always: the paginator's parameters and DRF's `format`.

DRF's OrderingFilter, without `ordering_fields`, orders by every serializer field, and both
it and django-filter drop unknown names silently; these subclasses refuse instead (as the
Wagtail API already does). Every generic list view uses API_FILTER_BACKENDS;
tests/config/test_api_declared_params.py walks the API to keep it so."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter
from rest_framework.serializers import Serializer
from rest_framework.settings import api_settings

from config.errors import ValidationFailed

MAX_ORDERING_TERMS = 5


def declared_ordering(view) -> dict[str, tuple[str, ...]]:
    """The view's orderings: public name → the model lookups it orders by."""
    declared = getattr(view, "ordering_fields", None)
    if declared is None:
        return {}
    if isinstance(declared, str):  # "__all__" would open every column, hidden ones too
        raise ImproperlyConfigured(
            f"{type(view).__name__}.ordering_fields must name its fields, not {declared!r}."
        )
    if isinstance(declared, Mapping):
        return {
            name: (lookups,) if isinstance(lookups, str) else tuple(lookups)
            for name, lookups in declared.items()
        }
    return {name: (name,) for name in declared}


def params_of(serializer_class: type[Serializer]) -> tuple[str, ...]:
    """The parameter names of a query serializer, for a view's `filter_params`."""
    return tuple(serializer_class().fields)


def _reverse(lookup: str) -> str:
    return lookup[1:] if lookup.startswith("-") else f"-{lookup}"


def _terms(request, param: str) -> list[str]:
    return [
        term.strip()
        for value in request.query_params.getlist(param)
        for term in value.split(",")
        if term.strip()
    ]


class DeclaredOrderingFilter(OrderingFilter):
    """`?ordering=` by the view's declared names only (see the module docstring)."""

    def get_valid_fields(self, queryset, view, context=None):
        return [(name, name) for name in declared_ordering(view)]

    def get_ordering(self, request, queryset, view):
        terms = _terms(request, self.ordering_param)
        if not terms:
            return self.get_default_ordering(view)
        declared = declared_ordering(view)
        for term in terms:
            if term.removeprefix("-") not in declared:
                self._refuse(term, declared)
        if len(terms) > MAX_ORDERING_TERMS:
            self._refuse(",".join(terms), declared)
        ordering: list[str] = []
        for term in terms:
            lookups = declared[term.removeprefix("-")]
            ordering += [_reverse(lookup) for lookup in lookups] if term[0] == "-" else lookups
        return ordering

    def _refuse(self, term: str, declared: dict) -> None:
        if declared:
            message = _(
                "This list cannot be ordered by “%(value)s”. Order it by one of: "
                "%(allowed)s (a leading “-” reverses the order)."
            ) % {"value": term[:100], "allowed": ", ".join(declared)}
        else:
            message = _("This list cannot be ordered: leave out “%(param)s”.") % {
                "param": self.ordering_param
            }
        raise ValidationFailed(
            message, code="invalid_ordering", fields={self.ordering_param: [message]}
        )

    def get_schema_operation_parameters(self, view):
        declared = declared_ordering(view)
        if not declared:
            return []
        values = [value for name in declared for value in (name, f"-{name}")]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Comma-separated; a leading “-” reverses the order.",
                "schema": {"type": "array", "items": {"type": "string", "enum": values}},
                "style": "form",
                "explode": False,
            }
        ]


class DeclaredFilterBackend(DjangoFilterBackend):
    """django-filter for views with a filterset, and for every list view the refusal of
    query parameters it does not declare (see the module docstring). Invalid values of a
    declared filter are a 400 already (django-filter's `raise_exception`)."""

    def filter_queryset(self, request, queryset, view):
        accepted = self.accepted_params(view, queryset)
        unknown = [name for name in request.query_params if name not in accepted]
        if unknown:
            message = _("Unknown parameter “%(name)s”. This list accepts: %(accepted)s.") % {
                "name": unknown[0][:100],
                "accepted": ", ".join(sorted(accepted)) or "—",
            }
            raise ValidationFailed(
                message,
                code="unknown_parameter",
                fields={name[:100]: [message] for name in unknown[:10]},
            )
        return super().filter_queryset(request, queryset, view)

    def accepted_params(self, view, queryset) -> set[str]:
        accepted = set(getattr(view, "filter_params", ()))
        # some lists are built in Python (search results); only a queryset has a filterset
        filterset_class = self.get_filterset_class(
            view, queryset if hasattr(queryset, "model") else None
        )
        if filterset_class is not None:
            accepted |= set(_filter_param_names(filterset_class))
        if any(issubclass(backend, OrderingFilter) for backend in view.filter_backends):
            accepted.add(api_settings.ORDERING_PARAM)
        paginator = getattr(view, "paginator", None)
        if paginator is not None:
            accepted |= {
                value
                for name in dir(paginator)
                if name.endswith("_query_param")
                and isinstance(value := getattr(paginator, name), str)
                and value
            }
        if api_settings.URL_FORMAT_OVERRIDE:
            accepted.add(api_settings.URL_FORMAT_OVERRIDE)
        return accepted


def _filter_param_names(filterset_class) -> Iterable[str]:
    for name, filter_ in filterset_class.base_filters.items():
        suffixes = getattr(filter_.field.widget, "suffixes", None)
        if suffixes:  # range filters: name_min/name_max, name_after/name_before
            yield from (f"{name}_{suffix}" if suffix else name for suffix in suffixes)
        else:
            yield name


# What every generic list view of the API filters with (REST_FRAMEWORK's
# DEFAULT_FILTER_BACKENDS should name these; until it does, views set them explicitly).
API_FILTER_BACKENDS = [DeclaredFilterBackend, DeclaredOrderingFilter]
