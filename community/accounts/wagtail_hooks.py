from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from config.errors import DomainError

from .forms import RoleChangeForm
from .models import RoleChange
from .services import user_set_role


class RoleChangePermissionPolicy(ModelPermissionPolicy):
    """The history is append-only: nobody edits or deletes a recorded change."""

    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        return super().user_has_permission(user, action)


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
    icon = "group"
    menu_label = _("Role changes")
    add_to_settings_menu = True
    list_display = ["user", "old_role", "new_role", "changed_by", "reason", "changed_at"]
    list_filter = ["new_role", "old_role"]
    search_fields = ["user__email", "changed_by__email", "reason"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return RoleChangeForm


register_permission_policy(RoleChange, RoleChangePermissionPolicy(RoleChange))


@hooks.register("register_admin_viewset")
def register_role_change_viewset():
    return RoleChangeViewSet("role_changes")
