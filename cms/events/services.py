"""Event writes: the organizer's submissions (wizard steps, image, submit, withdraw), the
moderators' decision coming back from the Wagtail workflow, and venue proposals and their
approval (the one path for the API and the admin's venue snippet, audited).

A submission becomes an EventPage revision in the page moderation workflow; the page is
created unpublished the first time and gets a new revision on every later submission, so a
published event stays online, unchanged, while its edits wait for review."""

from __future__ import annotations

import logging
from datetime import datetime

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Collection, CollectionViewRestriction, Locale, WorkflowState
from wagtail.rich_text import RichText

from community.accounts.roles import MODERATORS_GROUP
from config import audit
from config.errors import Conflict, NotPermitted, ValidationFailed

from . import permissions
from .models import (
    EventIndexPage,
    EventPage,
    EventRequirement,
    EventSession,
    EventStatus,
    EventSubmission,
    Speaker,
    SubmissionStatus,
    SubmissionStep,
    Venue,
)
from .wizard import FORM_STEPS, STEPS, StepSet, get_step, to_utc

logger = logging.getLogger(__name__)

SUBMISSIONS_COLLECTION = "Event submissions"


# ---- submissions: the wizard ------------------------------------------------------------


def _require_submitter(user) -> None:
    if not permissions.can_submit(user):
        raise NotPermitted(
            _("Only organizers can submit events. Ask an administrator for the Organizer role."),
            code="not_an_organizer",
        )


def _require_owner(submission: EventSubmission, user) -> None:
    _require_submitter(user)
    if submission.organizer_id != user.pk:
        raise NotPermitted(_("This submission belongs to another organizer."), code="not_yours")


def _require_editable(submission: EventSubmission) -> None:
    if not submission.is_editable:
        raise Conflict(
            _("This event is waiting for review. Withdraw it to make changes."),
            code="under_review",
        )


def submission_record_step(*, submission: EventSubmission, step: str) -> None:
    """Form analytics: the first time this submission reached `step`."""
    if get_step(step) is None and step != "submitted":
        return
    try:
        with transaction.atomic():
            SubmissionStep.objects.get_or_create(submission=submission, step=step)
    except IntegrityError:  # two tabs reached it at once: already recorded
        pass


def submission_create(*, user, language: str | None = None, data: dict | None = None):
    """A new draft in `language` (the current one by default), with any sections given."""
    _require_submitter(user)
    code = language or translation.get_language() or "es"
    locale = Locale.objects.filter(language_code=code).first() or Locale.get_default()
    with transaction.atomic():
        submission = EventSubmission.objects.create(organizer=user, locale=locale)
        submission_record_step(submission=submission, step=STEPS[0].code)
        if data:
            submission_save_sections(submission=submission, user=user, data=data)
    return submission


def submission_save_sections(*, submission: EventSubmission, user, data: dict):
    """Save the steps present in `data` (API shape, see wizard.py). All or nothing: if one
    section is invalid nothing is saved, and every problem is reported by step."""
    _require_owner(submission, user)
    _require_editable(submission)
    unknown = set(data) - set(FORM_STEPS)
    if unknown:
        raise ValidationFailed(
            _("Unknown sections: %(names)s. Use: %(known)s.")
            % {"names": ", ".join(sorted(unknown)), "known": ", ".join(FORM_STEPS)},
            code="unknown_section",
        )
    errors, sections = {}, {}
    # details first: later steps check their times against the event's (possibly new) ones
    staged = EventSubmission(
        pk=submission.pk, organizer=submission.organizer, locale=submission.locale,
        image=submission.image, data=dict(submission.data or {}),
    )  # fmt: skip
    for step in FORM_STEPS:
        if step not in data:
            continue
        section = data[step]
        if not isinstance(section, dict):
            errors[step] = {"non_field_errors": [_("Give an object with the step's fields.")]}
            continue
        if step == "media":
            section = {"image_alt": section.get("image_alt", "")}
        forms = StepSet(step, submission=staged, user=user, json=section)
        if forms.is_valid():
            sections[step] = forms.to_json()
            staged.data[step] = sections[step]
        else:
            errors[step] = forms.errors()
    if errors:
        raise ValidationFailed(
            _("Some steps have problems; nothing was saved."), code="invalid", fields=errors
        )
    with transaction.atomic():
        locked = EventSubmission.objects.select_for_update().get(pk=submission.pk)
        _require_editable(locked)
        locked.data = {**(locked.data or {}), **sections}
        if "media" in sections and locked.image_id:
            _set_alt_text(locked.image, sections["media"]["image_alt"])
        locked.save(update_fields=["data", "updated_at"])
        for step in sections:
            submission_record_step(submission=locked, step=step)
    submission.data, submission.updated_at = locked.data, locked.updated_at
    return submission


def submission_save_step(*, submission: EventSubmission, user, step: str, forms: StepSet):
    """The site's wizard: save one step whose forms the view bound to POST data."""
    _require_owner(submission, user)
    _require_editable(submission)
    if not forms.is_valid():
        raise ValidationFailed(_("Please correct the errors below."), fields=forms.errors())
    section = forms.to_json()
    with transaction.atomic():
        locked = EventSubmission.objects.select_for_update().get(pk=submission.pk)
        _require_editable(locked)
        if step == "media":
            cleaned = forms.form.cleaned_data
            if cleaned.get("image"):
                locked.image = _store_image(cleaned["image"], user, section["image_alt"])
            elif cleaned.get("remove_image"):
                locked.image = None
            elif locked.image_id:
                _set_alt_text(locked.image, section["image_alt"])
        locked.data = {**(locked.data or {}), step: section}
        locked.save(update_fields=["data", "image", "updated_at"])
        submission_record_step(submission=locked, step=step)
    return locked


def submission_set_image(*, submission: EventSubmission, user, upload, alt_text: str):
    """The API's image upload: the same rules as the wizard's media step."""
    from .wizard import MediaForm

    _require_owner(submission, user)
    _require_editable(submission)
    form = MediaForm({"image_alt": alt_text}, {"image": upload}, has_image=False)
    if not upload:
        form.add_error("image", _("Choose an image file to upload."))
    if not form.is_valid():
        raise ValidationFailed(_("The image could not be saved."), fields=form.error_dict())
    with transaction.atomic():
        locked = EventSubmission.objects.select_for_update().get(pk=submission.pk)
        _require_editable(locked)
        locked.image = _store_image(form.cleaned_data["image"], user, form.to_json()["image_alt"])
        locked.data = {**(locked.data or {}), "media": form.to_json()}
        locked.save(update_fields=["data", "image", "updated_at"])
        submission_record_step(submission=locked, step="media")
    return locked


def _collection() -> Collection:
    """The top-level collection submissions upload into, seen only by Wagtail's moderators
    (and admins, and each file's uploader) until the event is published (cms/media_privacy.py):
    created on first use, and restricted if it was not."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SUBMISSIONS_COLLECTION).first() or root.add_child(
        name=SUBMISSIONS_COLLECTION
    )
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name=MODERATORS_GROUP))
    return collection


def _store_image(upload, user, alt_text: str):
    from wagtail.images import get_image_model

    title = (getattr(upload, "name", "") or "event").rsplit(".", 1)[0][:255]
    return get_image_model().objects.create(
        title=title,
        file=upload,
        description=alt_text,
        uploaded_by_user=user,
        collection=_collection(),
    )


def _set_alt_text(image, alt_text: str) -> None:
    if image is not None and image.description != alt_text:
        image.description = alt_text
        image.save(update_fields=["description"])


def submission_problems(submission: EventSubmission) -> dict:
    """What stops this submission from being sent, by step (empty when it can be sent)."""
    problems = {}
    for step in FORM_STEPS:
        section = (submission.data or {}).get(step)
        if section is None:
            if get_step(step).required:
                problems[step] = {"non_field_errors": [_("Complete this step.")]}
            continue
        forms = StepSet(step, submission=submission, user=submission.organizer, json=section)
        if not forms.is_valid():
            problems[step] = forms.errors()
    return problems


def submission_submit(*, submission: EventSubmission, user) -> EventSubmission:
    """Send for review: write the EventPage revision and start (or resume) the moderation
    workflow. Sending twice is refused, so a double click cannot start two reviews."""
    _require_owner(submission, user)
    with transaction.atomic():
        locked = EventSubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.status == SubmissionStatus.PENDING:
            raise Conflict(_("This event is already waiting for review."), code="under_review")
        problems = submission_problems(locked)
        if problems:
            raise ValidationFailed(
                _("Some steps are incomplete: %(steps)s.")
                % {"steps": ", ".join(str(get_step(s).label) for s in problems)},
                code="incomplete",
                fields=problems,
            )
        page = _write_page(locked, user)
        _start_review(page, user)
        locked.page = page
        locked.status = SubmissionStatus.PENDING
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["page", "status", "submitted_at", "updated_at"])
        submission_record_step(submission=locked, step="submitted")
    return locked


def submission_withdraw(*, submission: EventSubmission, user) -> EventSubmission:
    """Take a submission back from review to change it (the workflow is cancelled)."""
    _require_owner(submission, user)
    with transaction.atomic():
        locked = EventSubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != SubmissionStatus.PENDING:
            raise Conflict(
                _("Only an event waiting for review can be withdrawn."), code="not_pending"
            )
        page = locked.page
        state = page.current_workflow_state if page is not None else None
        if state is not None:
            state.cancel(user=user)
        live = page is not None and page.live
        locked.status = SubmissionStatus.APPROVED if live else SubmissionStatus.DRAFT
        locked.save(update_fields=["status", "updated_at"])
        if page is not None and not live:
            EventPage.objects.filter(pk=page.pk).update(status=EventStatus.DRAFT)
    return locked


def _local(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _paragraphs(text: str) -> list:
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        if chunk.strip():
            html = "<br/>".join(escape(line) for line in chunk.strip().split("\n"))
            blocks.append(("paragraph", RichText(f"<p>{html}</p>")))
    return blocks


def _unique_slug(parent, title: str) -> str:
    base = slugify(title, allow_unicode=False)[:60].strip("-") or "evento"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _speakers(names: str) -> list[Speaker]:
    found = []
    for name in [n.strip() for n in names.split(",") if n.strip()]:
        speaker = Speaker.objects.filter(name__iexact=name).first()
        found.append(speaker or Speaker.objects.create(name=name[:120]))
    return found


def _write_page(submission: EventSubmission, user) -> EventPage:
    data = submission.data
    details, place = data["details"], data["place"]
    requirements = data.get("requirements") or {}
    zone = details["time_zone"]
    if submission.page_id:
        page = EventPage.objects.get(pk=submission.page_id)
        index = page.get_parent()
    else:
        index = EventIndexPage.objects.filter(locale=submission.locale).first()
        if index is None:
            raise Conflict(
                _("Events cannot be submitted in this language yet: there is no events section."),
                code="no_event_index",
            )
        page = EventPage(locale=submission.locale, live=False, status=EventStatus.PENDING)
        page.slug = _unique_slug(index, details["title"])
    page.title = details["title"]
    page.summary = details["summary"]
    page.body = _paragraphs(details.get("description", ""))
    page.language = details["language"]
    page.time_zone = zone
    page.start = to_utc(_local(details["start"]), zone)
    page.end = to_utc(_local(details["end"]), zone)
    page.event_format = place["event_format"]
    page.venue_id = place.get("venue")
    page.online_url = place.get("online_url", "")
    page.image_id = submission.image_id
    page.capacity = requirements.get("capacity")
    page.registration_opens = to_utc(_local(requirements.get("registration_opens")), zone)
    page.registration_closes = to_utc(_local(requirements.get("registration_closes")), zone)
    page.organizer_id = submission.organizer_id
    page.owner_id = submission.organizer_id
    if page.pk is None:
        index.add_child(instance=page)
    elif not page.live:
        EventPage.objects.filter(pk=page.pk).update(status=EventStatus.PENDING)
    page.categories = list(
        page.categories.model.objects.filter(pk__in=details.get("categories") or [])
    )
    page.tags.set([tag.strip() for tag in details.get("tags", "").split(",") if tag.strip()])
    page.sessions = [_session(row, zone) for row in (data.get("agenda") or {}).get("sessions", [])]
    page.requirements = [
        EventRequirement(
            label=row["label"],
            help_text=row.get("help_text", ""),
            kind=row["kind"],
            options=row.get("options", ""),
            mandatory=bool(row.get("mandatory")),
            max_length=row.get("max_length"),
        )
        for row in requirements.get("questions", [])
    ]
    # What the moderator approves is the event as it will be online; the page row keeps
    # "pending review" until the approval publishes this revision.
    if not page.live or page.status in (EventStatus.DRAFT, EventStatus.PENDING):
        page.status = EventStatus.PUBLISHED
    page.save_revision(user=user, log_action=True)
    return page


def _session(row: dict, zone: str) -> EventSession:
    session = EventSession(
        start=to_utc(_local(row["start"]), zone),
        end=to_utc(_local(row["end"]), zone),
        title=row["title"],
        description=row.get("description", ""),
        room=row.get("room", ""),
        track=row.get("track", ""),
    )
    session.speakers = _speakers(row.get("speakers", ""))
    return session


def _start_review(page: EventPage, user) -> None:
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return
    if state is not None:
        state.cancel(user=user)
    workflow = page.get_workflow()
    if workflow is None:
        raise Conflict(
            _("No review workflow is set up for events; tell an administrator."),
            code="no_workflow",
        )
    workflow.start(page, user)


# ---- the moderators' decision ----------------------------------------------------------


def submission_decided(*, page, approved: bool, by, comment: str = "") -> EventSubmission | None:
    """Called when the workflow of a submitted event finishes (cms/workflow.py): record the
    decision, tell the organizer, and on approval publish the event in the other languages."""
    submission = EventSubmission.objects.select_related("organizer").filter(page_id=page.pk).first()
    if submission is None:
        return None
    submission.status = SubmissionStatus.APPROVED if approved else SubmissionStatus.REJECTED
    submission.admin_feedback = comment or ""
    submission.reviewed_by = by
    submission.reviewed_at = timezone.now()
    submission.save(
        update_fields=["status", "admin_feedback", "reviewed_by", "reviewed_at", "updated_at"]
    )
    page = EventPage.objects.get(pk=page.pk)
    if approved:
        _publish_translations(page, by)
        url = page.full_url or page.url or ""
    else:
        if not page.live:
            EventPage.objects.filter(pk=page.pk).update(status=EventStatus.DRAFT)
        url = _dashboard_url(submission)
    if by is None or by.pk != submission.organizer_id:
        _notify_decision(submission, page, approved=approved, url=url)
    return submission


def _dashboard_url(submission: EventSubmission) -> str:
    from community.notifications.rendering import recipient_language

    with translation.override(recipient_language(submission.organizer)):
        return reverse("events_dashboard:submission", args=[submission.pk])


def _notify_decision(submission, page, *, approved: bool, url: str) -> None:
    from community.notifications.services import notify

    notify(
        recipient=submission.organizer,
        type_code="events.submission_approved" if approved else "events.submission_rejected",
        context={"event": page.title, "feedback": submission.admin_feedback},
        url=url,
    )


def _publish_translations(page: EventPage, user) -> None:
    """The approved event, published in every other language that has an events section
    (wagtail-localize keeps it in sync; translators translate it there)."""
    from wagtail_localize.operations import TranslationCreator

    from .models import EventCategory

    existing = set(page.get_translations().values_list("locale_id", flat=True))
    targets = [
        locale
        for locale in Locale.objects.exclude(pk=page.locale_id).exclude(pk__in=existing)
        if EventIndexPage.objects.filter(locale=locale).exists()
    ]
    if not targets:
        return
    TranslationCreator(user, targets).create_translations(page, include_related_objects=False)
    keys = list(page.categories.values_list("translation_key", flat=True))
    for translated in EventPage.objects.filter(
        translation_key=page.translation_key, locale__in=targets
    ):
        translated.categories = list(
            EventCategory.objects.filter(translation_key__in=keys, locale=translated.locale_id)
        )
        translated.save_revision(user=user, log_action=False).publish(user=user, log_action=False)


# ---- venues -----------------------------------------------------------------------------


def venue_propose(*, user, data: dict) -> Venue:
    """An organizer's venue, usable in their own events at once and by everyone once an
    administrator approves it (an administrator's own proposal is approved at once)."""
    from django.core.exceptions import ValidationError

    _require_submitter(user)
    approved = permissions.can_approve_venues(user)
    venue = Venue(**data, created_by=user, is_approved=approved)
    try:
        venue.full_clean(exclude=["created_by"])
    except ValidationError as exc:
        raise ValidationFailed(
            _("The venue could not be saved."),
            fields={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
        ) from None
    with transaction.atomic():
        venue.save()
        if approved:
            audit.record(venue, "medellin.venue_approve", user=user, data=_venue_data(venue))
    return venue


def _require_venue_approver(user) -> None:
    if not permissions.can_approve_venues(user):
        raise NotPermitted(_("Only administrators approve venues."), code="not_admin")


def _venue_data(venue: Venue) -> dict:
    return {"proposed_by": venue.created_by_id}


def venue_approve(*, venue: Venue, by) -> Venue:
    """Make a venue available to every organizer; its proposer is told. Approving an
    approved venue changes and records nothing."""
    _require_venue_approver(by)
    with transaction.atomic():
        updated = Venue.objects.filter(pk=venue.pk, is_approved=False).update(is_approved=True)
        venue.is_approved = True
        if updated:
            audit.record(venue, "medellin.venue_approve", user=by, data=_venue_data(venue))
            _venue_approved_notify(venue=venue, by=by)
    return venue


def venue_unapprove(*, venue: Venue, by) -> Venue:
    """Withdraw the approval: the venue is again only for its proposer's events (events
    that already use it keep it)."""
    _require_venue_approver(by)
    with transaction.atomic():
        updated = Venue.objects.filter(pk=venue.pk, is_approved=True).update(is_approved=False)
        venue.is_approved = False
        if updated:
            audit.record(venue, "medellin.venue_unapprove", user=by, data=_venue_data(venue))
    return venue


def _venue_approved_notify(*, venue: Venue, by) -> None:
    """Tell the organizer who proposed the venue that it is approved."""
    from community.notifications.services import notify

    if venue.created_by_id and (by is None or venue.created_by_id != by.pk):
        notify(
            recipient=venue.created_by,
            type_code="events.venue_approved",
            context={"venue": venue.name},
        )
