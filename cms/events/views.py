"""The organizer's side of events in the member dashboard: their events, their submissions
and the submission wizard. Thin: rules live in wizard.py (forms) and services.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from config.errors import DomainError
from config.http import safe_next

from . import permissions, selectors, services
from .models import EventSubmission, SubmissionStatus, Venue
from .wizard import FORM_STEPS, STEPS, DetailsForm, StepSet, get_step


def _organizer(request) -> None:
    if not permissions.can_submit(request.user):
        raise PermissionDenied(
            _("Only organizers can submit events. Ask an administrator for the Organizer role.")
        )


def _own_submission(request, pk: int) -> EventSubmission:
    """The caller's own submission; anyone else's is a 404 (moderators review in the admin)."""
    submission = selectors.my_submissions(request.user).filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


def _step_url(submission, step: str) -> str:
    return reverse("events_dashboard:step", args=[submission.pk, step])


def _apply_errors(forms_: StepSet, exc: DomainError) -> None:
    target = forms_.form
    if target is None:
        return
    for field, errors in exc.fields.items():
        if field in target.fields:
            for error in errors if isinstance(errors, list) else [errors]:
                if isinstance(error, str):
                    target.add_error(field, error)
    if not set(exc.fields) & set(target.fields):
        target.add_error(None, exc.message)


@login_required
def my_events(request):
    _organizer(request)
    events = list(selectors.my_events(request.user))
    counts = {
        status: selectors.my_submissions(request.user, status=status).count()
        for status in (SubmissionStatus.DRAFT, SubmissionStatus.PENDING, SubmissionStatus.REJECTED)
    }
    return TemplateResponse(
        request, "events/dashboard/events.html", {"events": events, "counts": counts}
    )


@login_required
def submissions(request):
    _organizer(request)
    status = request.GET.get("status", "")
    if status not in SubmissionStatus.values:
        status = ""
    items = list(selectors.my_submissions(request.user, status=status or None))
    return TemplateResponse(
        request,
        "events/dashboard/submissions.html",
        {"submissions": items, "status": status, "statuses": SubmissionStatus.choices},
    )


@login_required
def submission_new(request):
    """The first step before a draft exists: saving it creates the draft."""
    _organizer(request)
    draft = EventSubmission(organizer=request.user, locale=_current_locale(), data={})
    form = DetailsForm(request.POST or None, locale=draft.locale)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submission_create(
                user=request.user,
                language=draft.locale.language_code,
                data={"details": form.to_json()},
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft saved. You can come back to it at any time."))
            return redirect(_step_url(submission, STEPS[1].code))
    return _render_step(request, draft, "details", form=form, formset=None)


def _current_locale():
    from django.utils import translation
    from wagtail.models import Locale

    code = translation.get_language() or "es"
    return Locale.objects.filter(language_code=code).first() or Locale.get_default()


@login_required
def submission_detail(request, pk: int):
    _organizer(request)
    submission = _own_submission(request, pk)
    return redirect(_step_url(submission, "review"))


@login_required
def submission_step(request, pk: int, step: str):
    _organizer(request)
    submission = _own_submission(request, pk)
    if get_step(step) is None:
        raise Http404
    services.submission_record_step(submission=submission, step=step)
    if step == "review":
        return _render_review(request, submission)
    if request.method == "POST":
        forms_ = StepSet(
            step, submission=submission, user=request.user, data=request.POST, files=request.FILES
        )
        try:
            services.submission_save_step(
                submission=submission, user=request.user, step=step, forms=forms_
            )
        except DomainError as exc:
            _apply_errors(forms_, exc)
            if not forms_.form or exc.code != "invalid":
                messages.error(request, exc.message)
        else:
            if "save_draft" in request.POST:
                messages.success(request, _("Draft saved. You can come back to it at any time."))
                return redirect(_step_url(submission, step))
            following = STEPS[STEPS.index(get_step(step)) + 1].code
            return redirect(_step_url(submission, following))
    else:
        forms_ = _stored_forms(submission, step)
    return _render_step(request, submission, step, form=forms_.form, formset=forms_.formset)


def _stored_forms(submission: EventSubmission, step: str) -> StepSet:
    """The step's forms filled with what was saved (unbound, so nothing shows as an error)."""
    section = (submission.data or {}).get(step)
    forms_ = StepSet(step, submission=submission, user=submission.organizer)
    if section is None:
        return forms_
    if forms_.form is not None:
        forms_.form.initial = {k: v for k, v in section.items() if k in forms_.form.fields}
    if forms_.formset is not None:
        rows = section.get(forms_.formset.prefix, [])
        forms_.formset = type(forms_.formset)(
            initial=rows, prefix=forms_.formset.prefix, form_kwargs=forms_.formset.form_kwargs
        )
    return forms_


def _progress(submission: EventSubmission, current: str) -> list[dict]:
    saved = set((submission.data or {}).keys()) if submission.pk else set()
    return [
        {
            "code": step.code,
            "label": step.label,
            "done": step.code in saved,
            "current": step.code == current,
            "url": _step_url(submission, step.code) if submission.pk else "",
        }
        for step in STEPS
    ]


def _render_step(request, submission, step: str, *, form, formset):
    index = [s.code for s in STEPS].index(step)
    previous = STEPS[index - 1].code if index else None
    return TemplateResponse(
        request,
        "events/dashboard/wizard_step.html",
        {
            "submission": submission,
            "step": get_step(step),
            "steps": _progress(submission, step),
            "number": index + 1,
            "total": len(STEPS),
            "form": form,
            "formset": formset,
            "previous_url": _step_url(submission, previous) if previous and submission.pk else "",
            "venue_url": reverse("events_dashboard:venue_propose")
            + (f"?next={_step_url(submission, 'place')}" if submission.pk else ""),
        },
    )


def _render_review(request, submission: EventSubmission):
    problems = services.submission_problems(submission)
    data = submission.data or {}
    place = data.get("place") or {}
    venue = Venue.objects.filter(pk=place.get("venue")).first() if place.get("venue") else None
    return TemplateResponse(
        request,
        "events/dashboard/review.html",
        {
            "submission": submission,
            "step": get_step("review"),
            "steps": _progress(submission, "review"),
            "number": len(STEPS),
            "total": len(STEPS),
            "problems": {get_step(code).label: errs for code, errs in problems.items()},
            "problem_steps": [
                {"label": get_step(code).label, "url": _step_url(submission, code)}
                for code in problems
            ],
            "details": data.get("details") or {},
            "place": place,
            "venue": venue,
            "sessions": (data.get("agenda") or {}).get("sessions", []),
            "requirements": data.get("requirements") or {},
            "can_submit": not problems and submission.is_editable,
            "previous_url": _step_url(submission, FORM_STEPS[-1]),
        },
    )


@login_required
@require_POST
def submission_submit(request, pk: int):
    _organizer(request)
    submission = _own_submission(request, pk)
    try:
        services.submission_submit(submission=submission, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_step_url(submission, "review"))
    messages.success(
        request, _("Sent for review. We will tell you as soon as a moderator decides.")
    )
    return redirect("events_dashboard:submissions")


@login_required
@require_POST
def submission_withdraw(request, pk: int):
    _organizer(request)
    submission = _own_submission(request, pk)
    try:
        services.submission_withdraw(submission=submission, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Withdrawn from review; you can change it and send it again."))
    return redirect(_step_url(submission, "review"))


class VenueProposalForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "area", "capacity", "wheelchair_accessible",
                  "accessibility_info", "parking_available", "parking_info", "transit_info",
                  "latitude", "longitude"]  # fmt: skip
        help_texts = {"latitude": gettext_lazy("Optional, for the map: 6.2442")}


@login_required
def venue_propose(request):
    _organizer(request)
    form = VenueProposalForm(request.POST or None)
    next_url = safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            venue = services.venue_propose(user=request.user, data=form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("“%(venue)s” is saved. You can use it in your events now; an administrator "
                  "will approve it for everyone.") % {"venue": venue.name},
            )  # fmt: skip
            return redirect(next_url or "events_dashboard:events")
    return TemplateResponse(
        request, "events/dashboard/venue_form.html", {"form": form, "next_url": next_url}
    )
