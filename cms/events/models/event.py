"""Events as Wagtail pages, with the snippets they point at (venues, categories, speakers),
their agenda, the questions organizers ask each attendee and organizers' submissions. The
event index page is in index.py: its routes build on listing.py, which reads these models.

Tickets are Oscar products linked to an EventPage (the ticketing issue); capacity here is
the event's total, shared by its ticket types."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.fields import StreamField
from cms.preview import HeadlessPreviewable
from cms.seo import SeoMixin

from .. import calendars
from ..blocks import EventBodyBlock
from ..choices import (
    DEFAULT_TIME_ZONE,
    VISIBLE_STATUSES,
    Area,
    EventFormat,
    EventLanguage,
    EventStatus,
    RequirementKind,
    SubmissionStatus,
    time_zone_choices,
)
from ..extensions import apply_listing_filter, attach_ticket_summaries, event_page_panels
from ..presentation import agenda_speakers, event_json_ld, related_events, share_links
from ..serializers import CategorySerializer, VenueSerializer


class EventCategory(TranslatableMixin, models.Model):
    """Hierarchical and ordered; each language has its own name and slug."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    description = models.TextField(_("description"), blank=True, max_length=500)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=999)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"),
              FieldPanel("parent"), FieldPanel("sort_order")]  # fmt: skip

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="events_category_slug_locale"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A category cannot be inside itself.")})
            ancestor = ancestor.parent


class Venue(ClusterableModel):
    """A place events happen. Organizers may propose one; an admin approves it."""

    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=255)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    facilities = models.JSONField(
        _("facilities"), default=list, blank=True, help_text=_("Projector, stage, Wi-Fi…")
    )
    amenities = models.JSONField(
        _("amenities"), default=list, blank=True, help_text=_("Coffee, lockers…")
    )
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessibility_info = models.TextField(_("accessibility"), blank=True, max_length=500)
    parking_available = models.BooleanField(_("parking available"), default=False)
    parking_info = models.CharField(_("parking"), max_length=255, blank=True)
    transit_info = models.CharField(
        _("public transport"), max_length=255, blank=True, help_text=_("Metro station, buses…")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_approved = models.BooleanField(_("approved"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("capacity")]),
        FieldPanel("facilities"),
        FieldPanel("amenities"),
        MultiFieldPanel(
            [FieldPanel("wheelchair_accessible"), FieldPanel("accessibility_info")],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("parking_available"),
                FieldPanel("parking_info"),
                FieldPanel("transit_info"),
            ],
            heading=_("Getting there"),
        ),  # fmt: skip
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("is_approved"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address")]

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_approved", "area"], name="events_venue_approved_area")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_area_display()})"

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not (-90 <= self.latitude <= 90):
            raise ValidationError({"latitude": _("Latitude goes from -90 to 90.")})
        if self.longitude is not None and not (-180 <= self.longitude <= 180):
            raise ValidationError({"longitude": _("Longitude goes from -180 to 180.")})

    @property
    def map_url(self) -> str:
        """OpenStreetMap: a marker at the coordinates, else a search for the address."""
        from urllib.parse import urlencode

        if self.latitude is not None:
            lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
            return (
                "https://www.openstreetmap.org/?"
                + urlencode({"mlat": lat, "mlon": lon})
                + f"#map=17/{lat}/{lon}"
            )
        query = f"{self.name}, {self.address}, {self.get_area_display()}, Antioquia"
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=120)
    bio = models.TextField(_("bio"), blank=True, max_length=1000)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    linkedin = models.URLField("LinkedIn", blank=True)
    github = models.URLField("GitHub", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_entries",
    )

    panels = [FieldPanel("name"), FieldPanel("bio"), FieldPanel("photo"), FieldPanel("website"),
              FieldPanel("linkedin"), FieldPanel("github"), FieldPanel("user")]  # fmt: skip
    search_fields = [index.SearchField("name")]

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPageQuerySet(PageQuerySet):
    def visible(self, locale=None):
        """Live, public events in a state the public sees (optionally of one language)."""
        queryset = self.live().public().filter(status__in=VISIBLE_STATUSES)
        return queryset if locale is None else queryset.filter(locale=locale)

    def with_card_data(self):
        """What an event card shows, fetched with the events (no query per card)."""
        return self.select_related("venue", "image", "locale").prefetch_related("image__renditions")

    def happening(self, when: str | None):
        """Upcoming (soonest first) or past (newest first); None keeps both, as they were."""
        now = timezone.now()
        if when == "past":
            return self.filter(end__lt=now).order_by("-start")
        if when == "upcoming":
            return self.filter(end__gte=now).order_by("start")
        return self

    def matching(self, data: dict, *, category_ids: list[int] | None = None):
        """The listing's filters, given as `EventFilterForm` cleans them (cms/events/filters.py):
        one path for the site's listing and the content API."""
        queryset = self
        if data.get("date_from"):
            queryset = queryset.filter(start__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(start__date__lte=data["date_to"])
        if category_ids is not None:
            queryset = queryset.filter(categories__in=category_ids).distinct()
        if data.get("format"):
            queryset = queryset.filter(event_format=data["format"])
        if data.get("language"):
            queryset = queryset.filter(language=data["language"])
        if data.get("area"):
            queryset = queryset.filter(venue__area=data["area"])
        if data.get("featured"):
            queryset = queryset.filter(featured=True)
        if data.get("price"):  # free or paid: what ticketing sells (cms/events/extensions.py)
            queryset = apply_listing_filter("price", queryset, data["price"])
        return queryset

    def upcoming(self, *, locale, limit: int, featured_only: bool = False, category=None):
        """Featured first, then soonest: the featured events block (a live query each time)."""
        queryset = self.visible(locale).filter(end__gte=timezone.now())
        if featured_only:
            queryset = queryset.filter(featured=True)
        if category is not None:
            queryset = queryset.filter(categories=category)
        return queryset.with_card_data().order_by("-featured", "start")[:limit]


class EventPageManager(PageManager.from_queryset(EventPageQuerySet)):
    pass


class EventPage(RoutablePageMixin, SeoMixin, HeadlessPreviewable, Page):
    sitemap_priority = 0.9
    sitemap_changefreq = "daily"
    og_type = "website"

    objects = EventPageManager()

    summary = models.TextField(_("summary"), max_length=300)
    body = StreamField(EventBodyBlock(), blank=True, verbose_name=_("description"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TIME_ZONE, choices=time_zone_choices
    )
    event_format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    online_url = models.URLField(
        _("online join link"), blank=True, help_text=_("Shown only to ticket holders.")
    )
    categories = ParentalManyToManyField(
        EventCategory, verbose_name=_("categories"), blank=True, related_name="events"
    )
    tags = ClusterTaggableManager(
        through=EventPageTag, blank=True, verbose_name=_("event types and tags")
    )
    featured = models.BooleanField(_("featured"), default=False)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organized_events",
    )
    co_organizers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-organizers"),
        blank=True,
        related_name="co_organized_events",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Total seats; empty means no limit.")
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    language = models.CharField(
        _("held in"), max_length=5, choices=EventLanguage.choices, default=EventLanguage.SPANISH
    )
    views_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    actual_attendees = models.PositiveIntegerField(
        _("attendees checked in"), default=0, editable=False
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("time_zone")],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("event_format"), FieldPanel("venue"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("sessions", label=_("Agenda")),
        MultiFieldPanel(
            [
                FieldPanel("categories"),
                FieldPanel("tags"),
                FieldPanel("featured"),
                FieldPanel("language"),
            ],
            heading=_("Discovery"),
        ),  # fmt: skip
        MultiFieldPanel(
            [
                FieldPanel("organizer"),
                FieldPanel("co_organizers"),
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldPanel("status"),
            ],
            heading=_("Organization"),
        ),  # fmt: skip
        InlinePanel("requirements", label=_("Questions for attendees")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("event_format"),
        index.FilterField("featured"),
        index.FilterField("language"),
        index.FilterField("status"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("event_format"),
        APIField("status"),
        APIField("language"),
        APIField("featured"),
        APIField("capacity"),
        APIField("registration_opens"),
        APIField("registration_closes"),
        APIField("image", serializer=ImageRenditionField("fill-1200x630|format-webp")),
        APIField("venue", serializer=VenueSerializer()),
        APIField("categories", serializer=CategorySerializer(many=True)),
        APIField("tags"),
        APIField("sessions"),
        APIField("organizer_name"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["featured", "start"], name="events_page_featured_start"),
            models.Index(fields=["status", "start"], name="events_page_status_start"),
        ]

    @classmethod
    def api_queryset(cls, queryset):
        """What the content API's listing and detail need, fetched with the pages."""
        return queryset.select_related("venue", "organizer", "image").prefetch_related(
            "categories", "tags", "sessions__speakers"
        )

    # The site listing's filters that the content API takes too (format, language and
    # featured are model fields: Wagtail filters them as `event_format=`, `language=`,
    # `featured=`; text is Wagtail's `search=`).
    api_filter_parameters = frozenset({"when", "date_from", "date_to", "area", "category", "price"})

    @classmethod
    def api_filter(cls, queryset, params):
        """The content API's event discovery: the site listing's `when`, `date_from`,
        `date_to`, `area`, `category` (a slug; its subcategories too) and `price`, checked by
        the listing's own form, each bad one a 400 that names it, in the caller's language."""
        from wagtail.api.v2.utils import BadRequestError

        from ..filters import EventFilterForm

        given = {name: params[name] for name in cls.api_filter_parameters if name in params}
        form = EventFilterForm(given)
        errors = []
        if not form.is_valid():
            for name, messages in sorted(form.errors.items()):
                field = form.fields.get(name)
                choices = [str(value) for value, _label in getattr(field, "choices", ()) if value]
                hint = f" ({', '.join(choices)})" if choices else ""
                errors.append(f"{name}: {' '.join(messages)}{hint}")
        category_ids = None
        if slug := form.cleaned_data.get("category"):
            category_ids = list(
                EventCategory.objects.filter(
                    models.Q(slug=slug) | models.Q(parent__slug=slug)
                ).values_list("pk", flat=True)
            )
            if not category_ids:
                errors.append(f"category: there is no event category '{slug}'")
        if errors:
            raise BadRequestError("; ".join(errors))
        data = form.cleaned_data
        return queryset.happening(data.get("when") or None).matching(
            data, category_ids=category_ids
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not self.venue_id:
            errors["venue"] = _("In-person and hybrid events need a venue.")
        if self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID) and not self.online_url:
            errors["online_url"] = _("Online and hybrid events need a join link.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def organizer_name(self) -> str:
        return self.organizer.get_full_name() if self.organizer else ""

    @property
    def og_image(self):
        return self.image

    def agenda(self) -> list[EventSession]:
        speakers = Speaker.objects.select_related("photo").prefetch_related("photo__renditions")
        return list(
            self.sessions.prefetch_related(Prefetch("speakers", queryset=speakers)).order_by(
                "start", "sort_order"
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.agenda()
        context["speakers"] = agenda_speakers(context["sessions"])
        context.update(event_page_panels(self, request))  # e.g. the tickets (ticketing)
        attach_ticket_summaries([self], exact=True)  # the call to action (ticketing)
        context["related_events"] = attach_ticket_summaries(related_events(self))
        context["share_links"] = share_links(self, request)
        context["google_calendar_url"] = calendars.google_calendar_url(self, request)
        context["outlook_calendar_url"] = calendars.outlook_calendar_url(self, request)
        return context

    @path("")
    def event(self, request):
        return self.render(request)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        response = HttpResponse(calendars.event_ics(self, request), content_type=calendars.ICS)
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def structured_data(self, request):
        return event_json_ld(self, request)


class EventSession(Orderable, ClusterableModel):
    """One slot of the agenda."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    room = models.CharField(_("room"), max_length=80, blank=True)
    track = models.CharField(_("track"), max_length=80, blank=True)
    speakers = ParentalManyToManyField(Speaker, verbose_name=_("speakers"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
        FieldPanel("speakers"),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("title"),
        APIField("description"),
        APIField("room"),
        APIField("track"),
        APIField("speaker_names"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda")

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})

    @property
    def speaker_names(self) -> list[str]:
        return [speaker.name for speaker in self.speakers.all()]


class EventRequirement(Orderable):
    """A question asked of each attendee at checkout (PRD's event_requirements)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="requirements")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind of answer"), max_length=10, choices=RequirementKind.choices, default="text"
    )
    options = models.TextField(
        _("options"), blank=True, help_text=_("One per line, for “one of several options”.")
    )
    mandatory = models.BooleanField(_("mandatory"), default=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)

    panels = [FieldPanel("label"), FieldPanel("help_text"), FieldPanel("kind"),
              FieldPanel("options"), FieldPanel("mandatory"), FieldPanel("max_length")]  # fmt: skip

    class Meta(Orderable.Meta):
        verbose_name = _("question for attendees")
        verbose_name_plural = _("questions for attendees")

    def clean(self):
        if self.kind == RequirementKind.CHOICE and len(self.option_list) < 2:
            raise ValidationError({"options": _("Give at least two options, one per line.")})

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class EventSubmission(models.Model):
    """An organizer's event proposal (PRD's event_submissions).

    The wizard's answers live in `data`, one section per step, in the same shape the step
    forms accept (cms/events/wizard.py), so a draft can be re-validated and re-opened at any
    time. Submitting turns it into an EventPage revision in Wagtail's moderation workflow;
    the moderator's decision comes back here (`status`, `admin_feedback`)."""

    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizer"),
        on_delete=models.CASCADE,
        related_name="event_submissions",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("written in"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    data = models.JSONField(_("answers"), default=dict, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.OneToOneField(
        EventPage,
        verbose_name=_("event page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    admin_feedback = models.TextField(_("feedback from the moderators"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event submission")
        verbose_name_plural = _("event submissions")
        ordering = ["-updated_at", "-pk"]
        permissions = [("submit_event", "Can submit events for review")]
        indexes = [
            models.Index(fields=["organizer", "status"], name="events_submission_org_status"),
            models.Index(fields=["status", "submitted_at"], name="events_submission_status_at"),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Untitled event"))

    @property
    def title(self) -> str:
        return (self.data.get("details") or {}).get("title", "")

    @property
    def is_editable(self) -> bool:
        """Drafts, requested changes and approved events can be edited (and resubmitted)."""
        return self.status != SubmissionStatus.PENDING


class SubmissionStep(models.Model):
    """One wizard step an organizer reached (PRD's form_analytics): the drop-off per step is
    the number of submissions that reached each step and went no further."""

    submission = models.ForeignKey(
        EventSubmission, on_delete=models.CASCADE, related_name="steps_reached"
    )
    step = models.CharField(_("step"), max_length=20)
    reached_at = models.DateTimeField(_("reached"), auto_now_add=True)

    class Meta:
        verbose_name = _("wizard step reached")
        verbose_name_plural = _("wizard steps reached")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "step"], name="events_submission_step_once"
            )
        ]
        indexes = [models.Index(fields=["step", "reached_at"], name="events_step_reached")]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.step}"
