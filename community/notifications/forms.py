from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FREQUENCY_CHOICES
from .services import supported_channels


class PreferencesForm(forms.Form):
    """The settings grid: for each type and channel a checkbox and a frequency."""

    enabled = forms.BooleanField(label=_("Send me notifications"), required=False)
    email_enabled = forms.BooleanField(label=_("Send me emails"), required=False)

    def __init__(self, *args, matrix: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        self.supported = supported_channels()
        for row in matrix:
            key = f"{row['type']}__{row['channel']}"
            self.fields[f"on__{key}"] = forms.BooleanField(
                required=False,
                initial=row["enabled"],
                # mandatory types cannot be turned off; an unconfigured channel (WhatsApp
                # without its settings) cannot be chosen
                disabled=row["mandatory"] or row["channel"] not in self.supported,
            )
            self.fields[f"freq__{key}"] = forms.ChoiceField(
                choices=FREQUENCY_CHOICES, initial=row["frequency"], required=False
            )

    def changes(self) -> list[dict]:
        return [
            {
                "type": row["type"],
                "channel": row["channel"],
                "enabled": self.cleaned_data[f"on__{row['type']}__{row['channel']}"],
                "frequency": self.cleaned_data[f"freq__{row['type']}__{row['channel']}"]
                or row["frequency"],
            }
            for row in self.matrix
            if not row["mandatory"] and row["channel"] in self.supported
        ]
