"""The event listing's filters as a form: the site's listing shows it, and the content API
checks its parameters with it (EventPage.api_filter), so both take the same values and say
the same thing about a bad one. Imports no model, so the page model can use it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Area, EventFormat, EventLanguage


class EventFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search events"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search events")}),
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    category = forms.CharField(label=_("Category"), required=False, max_length=80)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format")), *EventFormat.choices]
    )
    area = forms.ChoiceField(
        label=_("Area"), required=False, choices=[("", _("Any area")), *Area.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *EventLanguage.choices],
    )
    price = forms.ChoiceField(
        label=_("Price"),
        required=False,
        choices=[("", _("Free or paid")), ("free", _("Free")), ("paid", _("Paid"))],
    )
    featured = forms.BooleanField(label=_("Featured only"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the range comes before its start."))
        return data

    def describe_errors(self) -> None:
        """Point each field with an error at its message (ids the template gives them)."""
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-describedby": f"id_{name}_error", "aria-invalid": "true"}
                )
