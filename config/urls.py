from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.cache import cached_serve
from cms.home.views import styleguide
from cms.sitemaps import robots_txt, sitemap
from commerce.ticketing.urls import webhook_urlpatterns as ticketing_webhooks
from community.notifications import views as notification_views
from config.health import health
from search.views import site_search

from .auth_urls import urlpatterns as auth_urlpatterns

urlpatterns = [
    path("health/", health, name="health"),
    *ticketing_webhooks,
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
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
    # ticketing's pages: /tickets/…, /dashboard/billing/…, /dashboard/events/registrations/…
    path("", include("commerce.ticketing.urls")),
    path("dashboard/events/", include("cms.events.urls")),
    path("dashboard/", include("community.accounts.urls")),
    path("members/", include("community.accounts.member_urls")),
    path("forums/", include("community.forums.urls")),
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe_view,
        name="notifications_unsubscribe",
    ),
    path("shop/", include("commerce.shop_urls")),  # Oscar's staff dashboard only
    path("search/", site_search, name="site_search"),
    path("styleguide/", styleguide, name="styleguide"),  # staff: the design system, live
    # the page tree catches everything else: keep last; anonymous views come from the cache
    re_path(r"^((?:[\w\-]+/)*)$", cached_serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:  # development and tests only (see cms/media.py)
    from cms.media import serve_media

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns = [re_path(rf"^{media_prefix}/(?P<path>.+)$", serve_media), *urlpatterns]
