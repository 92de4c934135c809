from wagtail.users.apps import WagtailUsersAppConfig as BaseWagtailUsersAppConfig


class WagtailUsersAppConfig(BaseWagtailUsersAppConfig):
    """wagtail.users with our user viewset (roles kept out of the group checkboxes)."""

    user_viewset = "community.accounts.wagtail_users.UserViewSet"
