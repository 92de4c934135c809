"""The member's own dashboard (/dashboard/): overview, profile and portfolio editing,
onboarding (/dashboard/welcome/); the directory and member pages (/members/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commerce.ticketing.selectors import upcoming_tickets
from community.notifications.selectors import notification_list
from config.errors import DomainError
from config.http import safe_next

from . import onboarding
from .directory import directory_search, member_visible_to, public_portfolio, public_profile
from .forms import DirectoryFilterForm, OnboardingStepForm, PortfolioItemForm, ProfileForm
from .history import member_history
from .models import MAX_PORTFOLIO_ITEMS
from .selectors import (
    portfolio_item_of,
    portfolio_list,
    profile_completeness,
    role_change_list,
    user_get_role,
)
from .services import (
    onboarding_complete,
    onboarding_step_save,
    portfolio_item_create,
    portfolio_item_delete,
    portfolio_item_move,
    portfolio_item_update,
    profile_ensure,
    profile_set_avatar,
    profile_update,
)


def _show_errors(form, exc: DomainError) -> None:
    """A service's refusal on the form: under each field it names, else at the top."""
    for field, errors in exc.fields.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)
    if not exc.fields or not set(exc.fields) & set(form.fields):
        form.add_error(None, exc.message)


@login_required
def dashboard_home(request):
    profile = profile_ensure(user=request.user)
    return TemplateResponse(
        request,
        "dashboard/home.html",
        {
            "profile": profile,
            "onboarding_url": reverse("members:welcome"),
            "completeness": profile_completeness(profile=profile),
            "role": user_get_role(request.user),
            "role_changes": role_change_list(user=request.user)[:5],
            "latest_notifications": notification_list(user=request.user, unread_only=True)[:5],
            "upcoming_tickets": upcoming_tickets(user=request.user, language=get_language()[:2]),
        },
    )


def _profile_page(request, profile, *, form=None, new_item_form=None):
    items = list(portfolio_list(profile=profile))
    return TemplateResponse(
        request,
        "dashboard/profile.html",
        {
            "form": form or ProfileForm(instance=profile),
            "profile": profile,
            "portfolio": items,
            "portfolio_full": len(items) >= MAX_PORTFOLIO_ITEMS,
            "max_portfolio_items": MAX_PORTFOLIO_ITEMS,
            "new_item_form": new_item_form or PortfolioItemForm(prefix="new"),
            "history": member_history(user=request.user, viewer=request.user, profile=profile),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dashboard_profile(request):
    profile = profile_ensure(user=request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(profile=profile, actor=request.user, data=form.to_service_data())
            if form.cleaned_data.get("avatar_upload"):
                profile_set_avatar(profile=profile, upload=form.cleaned_data["avatar_upload"])
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("members:profile")
    return _profile_page(request, profile, form=form)


@login_required
@require_POST
def portfolio_add(request):
    profile = profile_ensure(user=request.user)
    form = PortfolioItemForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            portfolio_item_create(profile=profile, actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            if not exc.fields:  # e.g. the portfolio is full: nothing to correct on the form
                messages.error(request, exc.message)
                return redirect(reverse("members:profile") + "#portfolio")
            _show_errors(form, exc)
        else:
            messages.success(request, _("The work was added to your portfolio."))
            return redirect(reverse("members:profile") + "#portfolio")
    return _profile_page(request, profile, new_item_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def portfolio_edit(request, pk: int):
    item = portfolio_item_of(user=request.user, pk=pk)
    if item is None:
        raise Http404
    form = PortfolioItemForm.for_item(item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            portfolio_item_update(item=item, actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("The work was saved."))
            return redirect(reverse("members:profile") + "#portfolio")
    return TemplateResponse(request, "dashboard/portfolio_item.html", {"form": form, "item": item})


@login_required
@require_POST
def portfolio_delete(request, pk: int):
    item = portfolio_item_of(user=request.user, pk=pk)
    if item is None:
        raise Http404
    portfolio_item_delete(item=item, actor=request.user)
    messages.success(request, _("The work was removed from your portfolio."))
    return redirect(reverse("members:profile") + "#portfolio")


@login_required
@require_POST
def portfolio_move(request, pk: int):
    item = portfolio_item_of(user=request.user, pk=pk)
    if item is None:
        raise Http404
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, _("Choose up or down."))
    else:
        portfolio_item_move(item=item, actor=request.user, offset=offset)
    return redirect(reverse("members:profile") + "#portfolio")


def _next_url(request) -> str:
    """Where onboarding returns to: the page the member asked for, if it is ours."""
    return safe_next(request, "members:dashboard")


@login_required
def onboarding_start(request):
    """/dashboard/welcome/: the first step not done yet (or the first, to review)."""
    status = onboarding.onboarding_status(profile_ensure(user=request.user))
    step = status["next_step"] or onboarding.STEP_CODES[0]
    url = reverse("members:welcome_step", args=[step])
    if request.GET.get("next"):
        url += "?" + urlencode({"next": _next_url(request)})
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def onboarding_step(request, step: str):
    definition = onboarding.get_step(step)
    if definition is None:
        raise Http404
    profile = profile_ensure(user=request.user)
    index = onboarding.STEP_CODES.index(step)
    profile_type = request.POST.get("profile_type") or profile.profile_type
    if profile_type not in profile.ProfileType.values:
        profile_type = profile.profile_type
    form = OnboardingStepForm(
        request.POST or None, step=definition, profile=profile, profile_type=profile_type
    )
    next_url = _next_url(request)
    query = "?" + urlencode({"next": next_url})
    if request.method == "POST" and form.is_valid():
        last = index == len(onboarding.STEPS) - 1
        try:
            onboarding_step_save(
                profile=profile, actor=request.user, step=step, data=form.to_service_data()
            )
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            if not last:
                following = onboarding.STEP_CODES[index + 1]
                return redirect(reverse("members:welcome_step", args=[following]) + query)
            try:
                onboarding_complete(profile=profile, actor=request.user)
            except DomainError as exc:  # an earlier step was skipped: go back to it
                messages.error(request, exc.message)
                pending = onboarding.onboarding_status(profile)["next_step"] or step
                return redirect(reverse("members:welcome_step", args=[pending]) + query)
            messages.success(request, _("Welcome to Medellín AI! Your account is ready."))
            return redirect(next_url)
    status = onboarding.onboarding_status(profile)
    previous = onboarding.STEP_CODES[index - 1] if index else None
    return TemplateResponse(
        request,
        "dashboard/welcome.html",
        {
            "form": form,
            "step": definition,
            "steps": status["steps"],
            "number": index + 1,
            "total": len(onboarding.STEPS),
            "is_last": index == len(onboarding.STEPS) - 1,
            "previous_url": (
                reverse("members:welcome_step", args=[previous]) + query if previous else ""
            ),
            "next_url": next_url,
            "completed": profile.signup_completed,
        },
    )


@login_required
def member_directory(request):
    """/members/: find members by name, interest, skill, level and type."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = directory_search(viewer=request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(profiles, 24).get_page(request.GET.get("page"))
    members = [public_profile(profile, viewer=request.user) for profile in page]
    return TemplateResponse(
        request, "members/directory.html", {"form": form, "page_obj": page, "members": members}
    )


@login_required
def member_detail(request, user_id: int):
    profile = member_visible_to(viewer=request.user, user_id=user_id)
    if profile is None:
        raise Http404
    from community.connections import selectors as connection_selectors

    connection = connection_selectors.connection_between(request.user, profile.user)
    return TemplateResponse(
        request,
        "members/detail.html",
        {
            "member": public_profile(profile, viewer=request.user),
            "portfolio": public_portfolio(profile, viewer=request.user),
            "history": member_history(user=profile.user, viewer=request.user, profile=profile),
            "is_self": profile.user_id == request.user.pk,
            "connection": connection,
            "mutual": connection_selectors.mutual_count(request.user, profile.user),
        },
    )
