"""Permission policies the admin's viewsets share."""

from wagtail.permission_policies import ModelPermissionPolicy


class RestrictedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, minus actions that nobody may take on this model."""

    forbidden_actions: tuple[str, ...] = ()

    def user_has_permission(self, user, action):
        if action in self.forbidden_actions:
            return False
        return super().user_has_permission(user, action)
