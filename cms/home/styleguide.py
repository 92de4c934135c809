"""Who may see the style guide: the people who build pages, i.e. Wagtail admin users."""


def can_view_styleguide(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
