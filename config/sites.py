"""The platform's address in the records libraries read it from.

django.contrib.sites starts with a Site named example.com: allauth's emails greet from it
("Hello from example.com!") and Oscar builds links with it. Wagtail's migrations start
with a default Site at localhost:80, where every page's `full_url` (and so each link in an
event email) begins. SITE_URL is the address: after every migrate the sites framework's
Site follows it, and so does Wagtail's default Site while it is still that placeholder
(once someone has set it up in Settings → Sites, their choice stands)."""

from __future__ import annotations

from urllib.parse import urlsplit


def site_address_sync(*, apps=None, using: str = "default", **kwargs) -> None:
    """Connected to post_migrate (config/apps.py); `apps` is the migrated state."""
    from django.apps import apps as global_apps
    from django.conf import settings

    apps = apps or global_apps
    try:
        Site = apps.get_model("sites", "Site")
        WagtailSite = apps.get_model("wagtailcore", "Site")
    except LookupError:  # a partial migrate that stopped before these models exist
        return
    address = urlsplit(settings.SITE_URL)
    if not address.hostname:
        return
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": address.netloc, "name": settings.WAGTAIL_SITE_NAME[:50]},
    )
    port = address.port or (443 if address.scheme == "https" else 80)
    placeholder = WagtailSite.objects.using(using).filter(
        is_default_site=True, hostname="localhost", port=80
    )
    if (address.hostname, port) != ("localhost", 80):
        placeholder.update(hostname=address.hostname, port=port)

    # historical models send no signals: drop what the real ones would have
    from django.contrib.sites.models import Site as CurrentSite
    from wagtail.models import Site as CurrentWagtailSite

    CurrentSite.objects.clear_cache()
    CurrentWagtailSite.clear_site_root_paths_cache()
