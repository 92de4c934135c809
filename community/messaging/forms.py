from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_BODY, MAX_NOTE, MessageReport, MessagingPreference


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_BODY}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why are you reporting it?"), choices=MessageReport.Reason)
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_NOTE}),
    )


class MessagingPreferenceForm(forms.Form):
    messages_from = forms.ChoiceField(
        label=_("Who can send you direct messages"),
        choices=MessagingPreference.From,
        widget=forms.RadioSelect,
    )
