"""The living style guide: every shared component, live, with its class names (staff only).

It belongs with the site shell (navigation and footer live in this app): it reads nothing
from the database and holds no business logic; the sample content is in the template.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from .styleguide import can_view_styleguide


@never_cache
def styleguide(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_styleguide(request.user):
        raise PermissionDenied
    # a long address, to show that links wrap instead of widening the page
    long_url = "https://example.org/una/direccion/muy/larga/que/no/debe/desbordar/la/pantalla"
    return TemplateResponse(request, "home/styleguide.html", {"long_url": long_url})
