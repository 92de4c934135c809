"""A listing with a planted bug, for showing that the hostile-value probe catches one."""

from django.http import JsonResponse
from django.urls import path


def fragile_listing(request):
    limit = int(request.GET.get("limit", "10"))  # planted: no validation at all
    return JsonResponse({"items": list(range(limit))[:5]})


urlpatterns = [path("planted/", fragile_listing)]
