"""Forms of the registration pages. The services check everything again: these only
collect what a person types and show the problems next to the right field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class HoldForm(forms.Form):
    ticket_type = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    quantity = forms.IntegerField(label=_("How many"), min_value=1, max_value=100, initial=1)
    code = forms.CharField(label=_("Code"), max_length=40, required=False)

    def __init__(self, data=None, *args, **kwargs):
        """The tickets page has a quantity field per ticket type (`quantity-<type id>`) and
        one choice of type; the API and older pages post `quantity` itself."""
        if data is not None and not data.get("quantity"):
            chosen = data.get(f"quantity-{data.get('ticket_type', '')}")
            if chosen:
                data = data.copy()
                data["quantity"] = chosen
        super().__init__(data, *args, **kwargs)


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("Email"))

    def __init__(self, *args, questions=(), **kwargs):
        """`questions`: (question the answer is filed under, question shown) pairs: answers
        are filed under the ticket inventory's page, labels come from the page shown."""
        super().__init__(*args, **kwargs)
        self.questions = [key for key, _shown in questions]
        for key, question in questions:
            name = f"q{key.pk}"
            common = {"label": question.label, "help_text": question.help_text,
                      "required": key.mandatory}  # fmt: skip
            if key.kind == "choice":
                # the value filed is the source option; the label is the shown one
                shown = question.option_list
                options = key.option_list
                labels = shown if len(shown) == len(options) else options
                choices = [("", "—"), *zip(options, labels, strict=True)]
                self.fields[name] = forms.ChoiceField(choices=choices, **common)
            elif key.kind == "checkbox":
                self.fields[name] = forms.BooleanField(**common)
            else:
                self.fields[name] = forms.CharField(max_length=question.max_length or 500, **common)

    def to_attendee(self) -> dict:
        data = self.cleaned_data
        answers = {}
        for question in self.questions:
            value = data.get(f"q{question.pk}")
            if value not in (None, "", False):
                answers[str(question.pk)] = value
        return {"name": data["name"], "email": data["email"], "answers": answers}


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=0, min_num=1, max_num=100)


class BuyerForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email"), help_text=_("We send the confirmation and the tickets here.")
    )


class WaitlistForm(forms.Form):
    ticket_type = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("How many"), min_value=1, max_value=100, initial=1)
    email = forms.EmailField(label=_("Email"), required=False)


class TransferForm(forms.Form):
    """Who receives a transferred ticket; transfers.ticket_transfer checks the rest."""

    name = forms.CharField(label=_("New attendee's name"), max_length=120)
    email = forms.EmailField(label=_("New attendee's email"), max_length=254)
