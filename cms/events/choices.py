"""The choices events are described with, shared by the models, forms, calendars and the
API. Imports nothing of the app, so any module of it can use them."""

import zoneinfo

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "America/Bogota"


class Area(models.TextChoices):
    """Areas of the Medellín metropolitan area people filter by."""

    EL_POBLADO = "el-poblado", "El Poblado"
    LAURELES = "laureles", "Laureles"
    CENTRO = "centro", _("Downtown (La Candelaria)")
    BELEN = "belen", "Belén"
    ENVIGADO = "envigado", "Envigado"
    SABANETA = "sabaneta", "Sabaneta"
    ITAGUI = "itagui", "Itagüí"
    BELLO = "bello", "Bello"
    ROBLEDO = "robledo", "Robledo"
    OTHER = "other", _("Other area")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    COMPLETED = "completed", _("Completed")


# What the public sees: drafts and events waiting for review never are.
VISIBLE_STATUSES = [
    EventStatus.PUBLISHED,
    EventStatus.CANCELLED,
    EventStatus.POSTPONED,
    EventStatus.COMPLETED,
]


class EventLanguage(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    BOTH = "es-en", _("Spanish and English")


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class RequirementKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("One of several options")
    CHECKBOX = "checkbox", _("Checkbox")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Changes requested")
