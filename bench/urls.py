from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The floor: a Django JSON view that does nothing else."""
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
