from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from config.api.errors import error_body


@csrf_exempt  # it changes nothing; a POST to a wrong address deserves a 404, not a CSRF page
def api_not_found(request, *args, **kwargs):
    """Unmatched /api/ paths answer in the API's error format, not with an HTML page. A path
    missing only its trailing slash is redirected (308 keeps the method and body)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            query = request.META.get("QUERY_STRING")
            target = request.path + "/" + (f"?{query}" if query else "")
            response = HttpResponsePermanentRedirect(target)
            response.status_code = 308
            return response
    return JsonResponse(
        error_body("not_found", _("There is no API endpoint at this address.")), status=404
    )
