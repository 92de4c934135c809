"""The URL tree the OpenAPI document describes: our versioned API only."""

from django.urls import path

from config.api.urls import v1_include

urlpatterns = [path("api/v1/", v1_include)]
