from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from config.errors import DomainError
from config.permission_policies import RestrictedActionsPolicy

from .forms import RoleChangeForm
from .models import MAX_PORTFOLIO_ITEMS, Profile, RoleChange
from .selectors import member_photo_url
from .services import PROFILE_EDITABLE_FIELDS, user_set_role


@hooks.register("get_avatar_url")
def avatar_from_profile(user, size):
    """The admin shows the member's own profile photo. Without one, Wagtail goes on to a
    picture uploaded in its account settings, then its default avatar: Gravatar is off
    (WAGTAIL_GRAVATAR_PROVIDER_URL), since it would send staff email hashes to a third
    party, and this machine cannot reach it anyway."""
    return member_photo_url(user)


class RoleChangePermissionPolicy(RestrictedActionsPolicy):
    forbidden_actions = ("change", "delete")  # the history is append-only


class ProfilePermissionPolicy(RestrictedActionsPolicy):
    forbidden_actions = ("add", "delete")  # a profile lives and dies with its user


class RoleChangeIndexView(IndexView):
    queryset = RoleChange.objects.select_related("user", "changed_by")


class ProfileIndexView(IndexView):
    queryset = Profile.objects.select_related("user")


class RoleChangeCreateView(CreateView):
    def save_instance(self):
        form = self.form
        return user_set_role(
            user=form.cleaned_data["user"],
            role=form.cleaned_data["new_role"],
            actor=self.request.user,
            reason=form.cleaned_data.get("reason", ""),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("%(user)s is now %(role)s.") % {
            "user": instance.user,
            "role": instance.get_new_role_display(),
        }

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        return reverse(self.index_url_name)


class RoleChangeViewSet(ModelViewSet):
    model = RoleChange
    form_fields = ["user", "new_role", "reason"]
    add_view_class = RoleChangeCreateView
    index_view_class = RoleChangeIndexView
    icon = "group"
    menu_label = _("Role changes")
    list_display = ["user", "old_role", "new_role", "changed_by", "reason", "changed_at"]
    list_filter = ["new_role", "old_role"]
    search_fields = ["user__email", "changed_by__email", "reason"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return RoleChangeForm


register_permission_policy(RoleChange, RoleChangePermissionPolicy(RoleChange))
register_permission_policy(Profile, ProfilePermissionPolicy(Profile))


class ProfileViewSet(ModelViewSet):
    """Members' profiles, for admins who help people or moderate what they show."""

    model = Profile
    icon = "user"
    menu_label = _("Profiles")
    list_display = ["user", "profile_type", "experience_level", "signup_completed", "updated_at"]
    list_filter = ["profile_type", "experience_level", "signup_completed"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organization_name"]
    search_backend_name = None
    index_view_class = ProfileIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    # The service's editable fields, the sign-up flag, and the portfolio inline (Profile is a
    # ClusterableModel and PortfolioItem has a ParentalKey for exactly this).
    panels = [
        *(FieldPanel(name) for name in PROFILE_EDITABLE_FIELDS),
        FieldPanel("signup_completed"),
        InlinePanel(
            "portfolio_items",
            label=_("Portfolio"),
            max_num=MAX_PORTFOLIO_ITEMS,
            panels=[FieldPanel("title"), FieldPanel("url"), FieldPanel("description")],
        ),
    ]


class CommunityViewSetGroup(ViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (ProfileViewSet("profiles"), RoleChangeViewSet("role_changes"))


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()
