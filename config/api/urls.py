"""/api/: our versioned API (v1), its OpenAPI document and docs, and Wagtail's content API (v2)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from cms.api import content_api
from config.api.views import api_not_found

# Every endpoint of our API, version 1. Later features add their include here.
v1 = [
    path("", include("community.accounts.api.urls")),
    path("", include("community.notifications.api.urls")),
    path("", include("community.connections.api.urls")),
    path("", include("community.forums.api.urls")),
    path("", include("community.messaging.api.urls")),
    path("", include("cms.blog.api.urls")),
    path("", include("cms.events.api.urls")),
    path("", include("commerce.ticketing.api.urls")),
]
v1_include = include((v1, "api"), namespace="v1")

urlpatterns = [
    path("v1/", v1_include),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("v2/", content_api.urls),
    re_path(r"^.*$", api_not_found),  # last: anything else under /api/ is a JSON 404
]
