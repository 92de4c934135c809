from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import LinkMenuItemComponent, MenuItem

from .styleguide import can_view_styleguide


class StyleGuideMenuItem(MenuItem):
    """Links to the style guide in the admin's active language: Wagtail caches menu items,
    so the URL (which carries the /es/ or /en/ prefix) is worked out at each render."""

    def is_shown(self, request):
        return can_view_styleguide(request.user)

    def render_component(self, request):
        return LinkMenuItemComponent(
            self.name,
            self.label,
            reverse("styleguide"),  # not self.url: the instance is shared by every request
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_styleguide_menu_item():
    return StyleGuideMenuItem(_("Style guide"), reverse("styleguide"), icon_name="view", order=9000)
