from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.notifications import views as notification_views
from config.health import health
from search.views import site_search

from .auth_urls import urlpatterns as auth_urlpatterns

urlpatterns = [
    path("health/", health, name="health"),
    path("django-admin/", admin.site.urls),  # Wagtail owns /admin/
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("config.api.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language, which Oscar's templates use
]

urlpatterns += i18n_patterns(
    path("auth/", include(auth_urlpatterns)),
    path("dashboard/notifications/", include("community.notifications.urls")),
    path("dashboard/connections/", include("community.connections.urls")),
    path("dashboard/messages/", include("community.messaging.urls")),
    path(
        "dashboard/settings/", notification_views.notification_settings, name="dashboard_settings"
    ),
    path("dashboard/", include("community.accounts.urls")),
    path("members/", include("community.accounts.member_urls")),
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe_view,
        name="notifications_unsubscribe",
    ),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("search/", site_search, name="site_search"),
    path("", include(wagtail_urls)),  # the page tree catches everything else: keep last
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
