"""Wagtail's user admin, with roles taken out of its group checkboxes: a role changes only
through Users → Roles (the recorded path), never by ticking a group."""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as BaseUserViewSet

from .roles import ROLE_GROUPS, Role


class RoleSafeGroupsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("is_superuser", None)
        if "groups" in self.fields:
            self.fields["groups"].queryset = Group.objects.exclude(name__in=ROLE_GROUPS.values())
            self.fields["groups"].help_text = _(
                "Roles (Admin, Organizer, Member, Attendee) are changed under Settings → Role "
                "changes, where every change is recorded."
            )

    def _save_m2m(self):
        kept = list(self.instance.groups.filter(name__in=ROLE_GROUPS.values()))
        super()._save_m2m()
        if kept:
            self.instance.groups.add(*kept)


class RoleSafeUserCreationForm(RoleSafeGroupsMixin, UserCreationForm):
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            from .services import user_set_role

            user_set_role(user=user, role=Role.MEMBER, reason="created in the admin")
        return user


class RoleSafeUserEditForm(RoleSafeGroupsMixin, UserEditForm):
    pass


class UserViewSet(BaseUserViewSet):
    def get_form_class(self, for_update=False):
        return RoleSafeUserEditForm if for_update else RoleSafeUserCreationForm
