"""The member's own dashboard (/dashboard/): overview and profile editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community.notifications.selectors import notification_list
from config.errors import DomainError

from .directory import directory_search, member_visible_to, public_profile
from .forms import DirectoryFilterForm, ProfileForm
from .selectors import profile_completeness, role_change_list, user_get_role
from .services import profile_ensure, profile_set_avatar, profile_update


@login_required
def dashboard_home(request):
    profile = profile_ensure(user=request.user)
    return TemplateResponse(
        request,
        "dashboard/home.html",
        {
            "profile": profile,
            "completeness": profile_completeness(profile=profile),
            "role": user_get_role(request.user),
            "role_changes": role_change_list(user=request.user)[:5],
            "latest_notifications": notification_list(user=request.user, unread_only=True)[:5],
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
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("members:profile")
    return TemplateResponse(request, "dashboard/profile.html", {"form": form, "profile": profile})


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
            "is_self": profile.user_id == request.user.pk,
            "connection": connection,
            "mutual": connection_selectors.mutual_count(request.user, profile.user),
        },
    )
