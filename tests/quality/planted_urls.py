"""A listing with a planted bug, for showing that the hostile-value probe catches one."""

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


def fragile_listing(request):
    limit = int(request.GET.get("limit", "10"))  # planted: no validation at all
    return JsonResponse({"items": list(range(limit))[:5]})


def fragile_page(request):
    """A page that reads `page` from its query string and shows a form, both unguarded."""
    number = int(request.GET.get("page", "1"))  # planted
    return HttpResponse(
        f'<html><body><p>{number}</p><a href="/planted/form/">form</a></body></html>',
        content_type="text/html",
    )


@csrf_exempt
def fragile_form(request):
    if request.method == "POST":
        return HttpResponse(str(1 / int(request.POST["quantity"])))  # planted
    return HttpResponse(
        '<html><body><form method="post"><input name="quantity" value="1"></form></body></html>',
        content_type="text/html",
    )


urlpatterns = [
    path("planted/", fragile_listing),
    path("planted/page/", fragile_page),
    path("planted/form/", fragile_form),
]
