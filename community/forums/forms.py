from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ForumCategory, PostReport
from .services import MAX_BODY

MARKDOWN_HELP = _("Markdown works: **bold**, _italic_, `code`, lists, links. Mention with @handle.")


class TopicForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=ForumCategory.objects.filter(is_active=True)
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your post"), widget=forms.Textarea(attrs={"rows": 10}), max_length=MAX_BODY,
        help_text=MARKDOWN_HELP,
    )  # fmt: skip


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_BODY,
        help_text=MARKDOWN_HELP,
    )  # fmt: skip
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}), max_length=MAX_BODY,
        help_text=MARKDOWN_HELP,
    )  # fmt: skip


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this?"),
        choices=PostReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the forums"), max_length=200, required=False)
