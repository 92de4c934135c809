"""Event submissions API: the shapes in and out. Rules live in the wizard forms and the
services; the `sections` object's schema is generated from those forms (one source)."""

from __future__ import annotations

from django import forms
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Area, EventStatus, SubmissionStatus, Venue
from ..wizard import (
    FORM_STEPS,
    DetailsForm,
    LocalDateTimeField,
    MediaForm,
    PlaceForm,
    QuestionForm,
    RequirementsForm,
    SessionForm,
    get_step,
)

# Each step: its form, and its rows (a formset's key and row form) if it has any.
STEP_FORMS = {
    "details": (DetailsForm, None),
    "place": (PlaceForm, None),
    "media": (MediaForm, None),
    "agenda": (None, ("sessions", SessionForm)),
    "requirements": (RequirementsForm, ("questions", QuestionForm)),
}
ID_MAX = 2**53


def _field_schema(field: forms.Field) -> dict:
    """A wizard form field as a JSON schema (its type and limits, as the form checks them)."""
    if isinstance(field, LocalDateTimeField):
        schema = {
            "type": "string",
            "description": "Local wall-clock time, no offset: 2027-03-04T18:30.",
        }
    elif isinstance(field, forms.ModelMultipleChoiceField):
        schema = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": ID_MAX}}
    elif isinstance(field, forms.ModelChoiceField):
        schema = {"type": "integer", "minimum": 1, "maximum": ID_MAX}
    elif isinstance(field, forms.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
    elif isinstance(field, forms.ChoiceField) and not isinstance(
        field.choices, CallableChoiceIterator
    ):
        schema = {"type": "string", "enum": [str(value) for value, _label in field.choices]}
    else:
        schema = {"type": "string"}
        if getattr(field, "max_length", None):
            schema["maxLength"] = field.max_length
        if isinstance(field, forms.URLField):
            schema["format"] = "uri"
    if not field.required and (
        schema["type"] == "integer" or isinstance(field, LocalDateTimeField)
    ):
        schema["nullable"] = True  # stored as null when left empty
    if field.help_text:
        schema["description"] = " ".join(
            filter(None, [schema.get("description"), str(field.help_text)])
        )
    return schema


def _form_schema(form_class) -> dict:
    fields = form_class.base_fields
    names = form_class.stored_fields
    return {
        "type": "object",
        "properties": {name: _field_schema(fields[name]) for name in names},
        "required": [name for name in names if fields[name].required],
    }


def step_schema(step: str) -> dict:
    form_class, rows = STEP_FORMS[step]
    schema = _form_schema(form_class) if form_class else {"type": "object", "properties": {}}
    if rows:
        key, row_form = rows
        schema["properties"][key] = {"type": "array", "items": _form_schema(row_form)}
    if not schema.get("required"):
        schema.pop("required", None)
    schema["description"] = str(get_step(step).label)
    return schema


@extend_schema_field(
    {
        "type": "object",
        "description": (
            "The wizard's answers, one object per step (details, place, media, agenda, "
            "requirements); a section is checked whole by the same forms as the site's "
            "wizard. Saving several sections is all or nothing; errors come back in "
            "`error.fields` by step."
        ),
        "properties": {step: step_schema(step) for step in FORM_STEPS},
    }
)
class SectionsField(serializers.Field):
    """Sections pass through unchanged: the services validate them with the wizard forms."""

    default_error_messages = {"invalid": _("Give an object with one entry per step.")}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


@extend_schema_field(
    {
        "type": "object",
        "description": (
            "What stops the submission from being sent, by step: each step maps its fields "
            "(or `non_field_errors`, or `sessions`/`questions` with one object per row) to "
            "messages. Empty when it can be sent."
        ),
        "additionalProperties": {"type": "object", "additionalProperties": True},
    }
)
class ProblemsField(serializers.ReadOnlyField):
    pass


class SubmissionCreateSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=["es", "en"], required=False, help_text="Default: the request's language."
    )
    sections = SectionsField(required=False)


class SectionsUpdateSerializer(serializers.Serializer):
    sections = SectionsField(help_text="Only the steps given are saved, each one whole.")


class ImageUploadSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="JPEG, PNG, WebP or GIF.")
    image_alt = serializers.CharField(
        max_length=255, help_text="What the image shows, for people who cannot see it."
    )


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=SubmissionStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    language = serializers.CharField(source="locale.language_code")
    organizer = serializers.IntegerField(source="organizer_id")
    page = serializers.IntegerField(source="page_id", allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)


class SubmissionStepSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField(help_text="Must be saved before submitting.")
    saved = serializers.BooleanField()


class SubmissionImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    alt = serializers.CharField()


class SubmissionDetailSerializer(SubmissionSerializer):
    admin_feedback = serializers.CharField(help_text="The moderators' comment on their decision.")
    sections = SectionsField(source="data")
    image = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    problems = ProblemsField(source="api_problems")
    steps = serializers.SerializerMethodField()

    @extend_schema_field(SubmissionImageSerializer(allow_null=True))
    def get_image(self, submission):
        image = submission.image
        if image is None:
            return None
        alt = (submission.data.get("media") or {}).get("image_alt") or image.description
        return {"id": image.pk, "url": image.file.url, "alt": alt}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_page_url(self, submission):
        page = submission.page
        if page is None:
            return None
        return page.get_url(request=self.context.get("request"))

    @extend_schema_field(SubmissionStepSerializer(many=True))
    def get_steps(self, submission):
        data = submission.data or {}
        return [
            {
                "code": step,
                "label": str(get_step(step).label),
                "required": get_step(step).required,
                "saved": step in data,
            }
            for step in FORM_STEPS
        ]


class SubmissionFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=SubmissionStatus.choices, required=False)
    organizer = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False)


class VenueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    area = serializers.ChoiceField(choices=Area.choices)
    area_label = serializers.CharField(source="get_area_display")
    capacity = serializers.IntegerField(allow_null=True)
    facilities = serializers.ListField(child=serializers.CharField())
    amenities = serializers.ListField(child=serializers.CharField())
    wheelchair_accessible = serializers.BooleanField()
    accessibility_info = serializers.CharField()
    parking_available = serializers.BooleanField()
    parking_info = serializers.CharField()
    transit_info = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    is_approved = serializers.BooleanField()
    mine = serializers.SerializerMethodField(help_text="Proposed by the caller.")
    map_url = serializers.CharField()

    def get_mine(self, venue) -> bool:
        request = self.context.get("request")
        return bool(request and venue.created_by_id == request.user.pk)


class VenueProposalSerializer(serializers.ModelSerializer):
    """Types only; the model's rules (Venue.full_clean) run in the service."""

    facilities = serializers.ListField(
        child=serializers.CharField(max_length=80), max_length=30, required=False
    )
    amenities = serializers.ListField(
        child=serializers.CharField(max_length=80), max_length=30, required=False
    )

    class Meta:
        model = Venue
        fields = [
            "name", "address", "area", "capacity", "facilities", "amenities",
            "wheelchair_accessible", "accessibility_info", "parking_available", "parking_info",
            "transit_info", "latitude", "longitude",
        ]  # fmt: skip


class MyEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    locale = serializers.CharField(source="locale.language_code")
    live = serializers.BooleanField()
    status = serializers.ChoiceField(choices=EventStatus.choices)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    url = serializers.SerializerMethodField()
    submission = serializers.SerializerMethodField(help_text="The submission it came from.")
    submission_status = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, page):
        return page.get_url(request=self.context.get("request"))

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_submission(self, page):
        submission = getattr(page, "submission", None)
        return submission.pk if submission else None

    @extend_schema_field(serializers.ChoiceField(choices=SubmissionStatus.choices, allow_null=True))
    def get_submission_status(self, page):
        submission = getattr(page, "submission", None)
        return submission.status if submission else None


class StepErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.JSONField(),
        help_text=(
            "By step: each step maps its fields (or `non_field_errors`, or `sessions`/"
            "`questions` with one object per row) to messages. Input that is not an object "
            "is reported under its own name (`sections`, `language`) with a list of messages."
        ),
    )


class StepErrorSerializer(serializers.Serializer):
    """The API's error shape, with the problems of the wizard's steps nested by step."""

    error = StepErrorDetailSerializer()
