"""The events app's models (Django loads them from here): the event page and what it points
at (event.py), the event index (index.py)."""

from ..choices import (
    DEFAULT_TIME_ZONE,
    VISIBLE_STATUSES,
    Area,
    EventFormat,
    EventLanguage,
    EventStatus,
    RequirementKind,
    SubmissionStatus,
)
from .event import (
    EventCategory,
    EventPage,
    EventPageTag,
    EventRequirement,
    EventSession,
    EventSubmission,
    Speaker,
    SubmissionStep,
    Venue,
)
from .index import EventIndexPage

__all__ = [
    "DEFAULT_TIME_ZONE",
    "VISIBLE_STATUSES",
    "Area",
    "EventCategory",
    "EventFormat",
    "EventIndexPage",
    "EventLanguage",
    "EventPage",
    "EventPageTag",
    "EventRequirement",
    "EventSession",
    "EventStatus",
    "EventSubmission",
    "RequirementKind",
    "Speaker",
    "SubmissionStatus",
    "SubmissionStep",
    "Venue",
]
