"""The organizer's event wizard: its steps and the rules of each (one set, for the site and
the API).

Every step is a Django form (agenda and questions are formsets) that reads a step's answers
in one JSON shape, the one stored in `EventSubmission.data[step]` and accepted by the API:

    details       {"title", "summary", "description", "categories": [ids], "tags": "a, b",
                   "language", "time_zone", "start": "2027-03-04T18:00", "end": ...}
    place         {"event_format", "venue": id | null, "online_url"}
    media         {"image_alt"}   (the image itself is uploaded separately)
    agenda        {"sessions": [{"title", "start", "end", "room", "track", "description",
                                 "speakers": "Ana, Luis"}]}
    requirements  {"capacity", "registration_opens", "registration_closes",
                   "questions": [{"label", "help_text", "kind", "options", "mandatory",
                                  "max_length"}]}

Times are wall-clock times in the event's time zone, without an offset (what a person types);
services turn them into UTC when the page is written.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from .choices import (
    DEFAULT_TIME_ZONE,
    EventFormat,
    EventLanguage,
    RequirementKind,
    time_zone_choices,
)
from .models import EventCategory, Venue

MAX_DAYS = 30
MAX_SESSIONS = 40
MAX_QUESTIONS = 20


@dataclass(frozen=True)
class Step:
    code: str
    label: str | Promise
    required: bool  # must be saved and valid before the submission can be sent


STEPS: tuple[Step, ...] = (
    Step("details", _("Details"), True),
    Step("place", _("Place or online"), True),
    Step("media", _("Image"), False),
    Step("agenda", _("Agenda"), False),
    Step("requirements", _("Questions and capacity"), False),
    Step("review", _("Review and submit"), False),
)
STEP_CODES = tuple(step.code for step in STEPS)
FORM_STEPS = STEP_CODES[:-1]


def get_step(code: str) -> Step | None:
    return next((step for step in STEPS if step.code == code), None)


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time without an offset: the event's time zone is its own field."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            parsed = value
        else:
            try:
                parsed = datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise ValidationError(
                    _("Enter a date and time like 2027-03-04T18:30."), code="invalid"
                ) from None
        if parsed.tzinfo is not None:
            raise ValidationError(
                _("Give the local time without a UTC offset: the time zone is a separate field."),
                code="offset",
            )
        if not 2000 <= parsed.year <= 2100:
            raise ValidationError(_("Enter a year between 2000 and 2100."), code="year")
        return parsed.replace(second=0, microsecond=0)


def to_utc(value: datetime | None, time_zone: str) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=zoneinfo.ZoneInfo(time_zone)).astimezone(zoneinfo.ZoneInfo("UTC"))


def _json_value(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "model"):  # a queryset from a multiple choice field
        return sorted(item.pk for item in value)
    return value


class StepForm(forms.Form):
    """A step's form: `to_json()` gives the answers in the stored shape."""

    stored_fields: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {name: _json_value(self.cleaned_data.get(name)) for name in self.stored_fields}

    def error_dict(self) -> dict:
        return {key: [str(m) for m in messages] for key, messages in self.errors.items()}


class DetailsForm(StepForm):
    stored_fields = ("title", "summary", "description", "categories", "tags", "language",
                     "time_zone", "start", "end")  # fmt: skip

    title = forms.CharField(label=_("Title"), max_length=120)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences for the event card and search results."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What attendees will learn or do. Leave a blank line between paragraphs."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=EventCategory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Event types and tags"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas: workshop, meetup, LLMs…"),
    )
    language = forms.ChoiceField(
        label=_("Held in"), choices=EventLanguage.choices, initial=EventLanguage.SPANISH
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, initial=DEFAULT_TIME_ZONE
    )
    start = LocalDateTimeField(label=_("Starts"))
    end = LocalDateTimeField(label=_("Ends"))

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = EventCategory.objects.order_by("sort_order", "name")
        self.fields["categories"].queryset = categories.filter(locale=locale)
        self.fields["categories"].error_messages["invalid_choice"] = _(
            "Category %(value)s does not exist in this language."
        )

    def clean_tags(self) -> str:
        tags = [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]
        if any(len(tag) > 40 for tag in tags):
            raise ValidationError(_("Each tag has at most 40 characters."))
        if len(tags) > 10:
            raise ValidationError(_("Give at most 10 tags."))
        return ", ".join(dict.fromkeys(tags))

    def clean(self):
        data = super().clean()
        start, end, zone = data.get("start"), data.get("end"), data.get("time_zone")
        if start and end:
            if end <= start:
                self.add_error("end", _("The event must end after it starts."))
            elif end - start > timedelta(days=MAX_DAYS):
                self.add_error(
                    "end", _("An event lasts at most %(days)s days.") % {"days": MAX_DAYS}
                )
        if start and zone and to_utc(start, zone) <= timezone.now():
            self.add_error("start", _("The event must start in the future."))
        return data


class PlaceForm(StepForm):
    stored_fields = ("event_format", "venue", "online_url")

    event_format = forms.ChoiceField(
        label=_("Format"), choices=EventFormat.choices, initial=EventFormat.IN_PERSON
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        required=False,
        help_text=_("Not on the list? Propose a venue; an administrator approves it."),
    )
    online_url = forms.URLField(
        label=_("Online join link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to people with a ticket."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        mine = Q(created_by=user) if user is not None else Q(pk__in=[])
        self.fields["venue"].queryset = Venue.objects.filter(Q(is_approved=True) | mine)
        self.fields["venue"].error_messages["invalid_choice"] = _(
            "That venue does not exist or is not available to you."
        )

    def clean(self):
        data = super().clean()
        kind = data.get("event_format")
        if kind in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not data.get("venue"):
            self.add_error("venue", _("In-person and hybrid events need a venue."))
        if kind in (EventFormat.ONLINE, EventFormat.HYBRID) and not data.get("online_url"):
            self.add_error("online_url", _("Online and hybrid events need a join link."))
        if kind == EventFormat.ONLINE:
            data["venue"] = None
        if kind == EventFormat.IN_PERSON:
            data["online_url"] = ""
        return data


class MediaForm(StepForm):
    stored_fields = ("image_alt",)

    image = WagtailImageField(label=_("Image"), required=False)
    image_alt = forms.CharField(
        label=_("Describe the image"),
        max_length=255,
        required=False,
        help_text=_("For people who cannot see it: what does it show?"),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)

    def __init__(self, *args, has_image: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_image = has_image
        if not has_image:
            del self.fields["remove_image"]

    def clean(self):
        data = super().clean()
        keeps_image = data.get("image") or (self.has_image and not data.get("remove_image"))
        if keeps_image and not data.get("image_alt", "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return data


class SessionForm(StepForm):
    stored_fields = ("title", "start", "end", "room", "track", "description", "speakers")

    title = forms.CharField(label=_("Title"), max_length=160)
    start = LocalDateTimeField(label=_("Starts"))
    end = LocalDateTimeField(label=_("Ends"))
    room = forms.CharField(label=_("Room"), max_length=80, required=False)
    track = forms.CharField(label=_("Track"), max_length=80, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    speakers = forms.CharField(
        label=_("Speakers"),
        max_length=300,
        required=False,
        help_text=_("Names, separated by commas."),
    )

    def __init__(self, *args, event_start=None, event_end=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event_start, self.event_end = event_start, event_end

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("A session must end after it starts."))
        elif (
            start
            and end
            and self.event_start
            and self.event_end
            and (start < self.event_start or end > self.event_end)
        ):
            self.add_error("start", _("Sessions happen between the event's start and end."))
        return data


class QuestionForm(StepForm):
    stored_fields = ("label", "help_text", "kind", "options", "mandatory", "max_length")

    label = forms.CharField(label=_("Question"), max_length=200)
    help_text = forms.CharField(label=_("Help text"), max_length=255, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of answer"), choices=RequirementKind.choices, initial=RequirementKind.TEXT
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, for “one of several options”."),
    )
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False)
    max_length = forms.IntegerField(
        label=_("Maximum length"), required=False, min_value=1, max_value=2000
    )

    def clean(self):
        data = super().clean()
        options = [line for line in data.get("options", "").splitlines() if line.strip()]
        if data.get("kind") == RequirementKind.CHOICE and len(options) < 2:
            self.add_error("options", _("Give at least two options, one per line."))
        return data


class _RowsFormSet(forms.BaseFormSet):
    def to_json(self) -> list[dict]:
        return [
            form.to_json()
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]

    def row_errors(self) -> list[dict]:
        return [{k: [str(m) for m in v] for k, v in errors.items()} for errors in self.errors]


def _formset(form, max_num: int):
    return forms.formset_factory(
        form, formset=_RowsFormSet, extra=2, can_delete=True, max_num=max_num,
        validate_max=True, absolute_max=max_num + 10,
    )  # fmt: skip


SessionFormSet = _formset(SessionForm, MAX_SESSIONS)
QuestionFormSet = _formset(QuestionForm, MAX_QUESTIONS)


class RequirementsForm(StepForm):
    stored_fields = ("capacity", "registration_opens", "registration_closes")

    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Total seats; leave empty for no limit."),
    )
    registration_opens = LocalDateTimeField(label=_("Registration opens"), required=False)
    registration_closes = LocalDateTimeField(label=_("Registration closes"), required=False)

    def __init__(self, *args, event_end=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event_end = event_end

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        if closes and self.event_end and closes > self.event_end:
            self.add_error("registration_closes", _("Registration closes before the event ends."))
        return data


def rows_to_formset_data(prefix: str, rows: list[dict]) -> dict:
    """The stored rows as the POST data a formset reads."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if value is None or value is False:
                continue
            data[f"{prefix}-{index}-{key}"] = value
    return data


class StepSet:
    """One step's form(s), bound to web POST data or to stored/API JSON."""

    def __init__(self, step: str, *, submission, user, data=None, files=None, json=None):
        self.step = step
        details = self._details(submission)
        event_start, event_end = details.get("start"), details.get("end")
        prefix_rows = None
        self._bad_rows = False
        if json is not None:
            data, files = dict(json), None
            if step in ("agenda", "requirements"):
                key = "sessions" if step == "agenda" else "questions"
                rows = data.pop(key, None) or []
                if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                    self._bad_rows, rows = True, []
                prefix_rows = rows_to_formset_data(key, rows)
        self.form = None
        self.formset = None
        if step == "details":
            self.form = DetailsForm(data, locale=submission.locale)
        elif step == "place":
            self.form = PlaceForm(data, user=submission.organizer)
        elif step == "media":
            self.form = MediaForm(data, files, has_image=submission.image_id is not None)
        elif step == "agenda":
            self.formset = SessionFormSet(
                prefix_rows if json is not None else data,
                prefix="sessions",
                form_kwargs={"event_start": event_start, "event_end": event_end},
            )
        elif step == "requirements":
            self.form = RequirementsForm(data, event_end=event_end)
            self.formset = QuestionFormSet(
                prefix_rows if json is not None else data, prefix="questions"
            )
        else:
            raise ValueError(step)

    @staticmethod
    def _details(submission) -> dict:
        """The event's local start and end, when the details step holds valid ones."""
        details = (submission.data or {}).get("details") or {}
        parsed = {}
        for key in ("start", "end"):
            try:
                parsed[key] = LocalDateTimeField().to_python(details.get(key))
            except ValidationError:
                parsed[key] = None
        return parsed

    def is_valid(self) -> bool:
        valid = self.form.is_valid() if self.form is not None else True
        if self.formset is not None:
            valid = self.formset.is_valid() and valid
        return valid and not self._bad_rows

    def errors(self) -> dict:
        errors = self.form.error_dict() if self.form is not None else {}
        if self.formset is not None:
            key = self.formset.prefix
            if self._bad_rows:
                errors[key] = [_("Give a list of objects.")]
            elif any(self.formset.row_errors()):
                errors[key] = self.formset.row_errors()
            if self.formset.non_form_errors():
                errors.setdefault(key, []).extend(str(m) for m in self.formset.non_form_errors())
        return errors

    def to_json(self) -> dict:
        section = self.form.to_json() if self.form is not None else {}
        if self.formset is not None:
            section[self.formset.prefix] = self.formset.to_json()
        return section
