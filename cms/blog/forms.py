from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_BODY


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text or Markdown. A moderator reviews comments before they appear."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
