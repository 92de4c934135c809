"""Issue #19: emails link to the platform's address (SITE_URL), never to example.com.

The sites framework starts with a Site named example.com, which allauth's emails greet
from, and Wagtail with a default Site at localhost, where every page's full URL begins.
After migrate both follow SITE_URL (config/sites.py); the test database is built by
migrate, with SITE_URL = http://testserver."""

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from wagtail.models import Site as WagtailSite

from config.sites import site_address_sync

pytestmark = pytest.mark.django_db


def test_after_migrate_the_sites_record_is_the_configured_address(settings):
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("testserver", settings.WAGTAIL_SITE_NAME)


def test_after_migrate_page_urls_start_with_the_configured_address():
    default = WagtailSite.objects.get(is_default_site=True)
    assert default.root_url == "http://testserver"
    page = default.root_page  # the demo's home page, which every test database starts with
    assert page.full_url.startswith("http://testserver/")


def test_an_account_email_names_the_platform_not_example_com(client, member):
    client.post("/es/auth/reset-password/", {"email": member.email})
    (message,) = mail.outbox
    assert "example.com" not in message.subject + message.body
    assert "Medellín AI" in message.body
    assert "http://testserver/es/auth/reset-password/" in message.body


def test_the_address_follows_settings_but_an_editors_wagtail_site_stands(settings):
    settings.SITE_URL = "https://medellin.ai"
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com", name="example.com")
    site_address_sync()
    assert Site.objects.values_list("domain", "name").get(pk=settings.SITE_ID) == (
        "medellin.ai",
        settings.WAGTAIL_SITE_NAME,
    )
    # Wagtail's default site was set up already (testserver): someone's choice stands
    assert WagtailSite.objects.get(is_default_site=True).root_url == "http://testserver"

    WagtailSite.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    site_address_sync()
    assert WagtailSite.objects.get(is_default_site=True).root_url == "https://medellin.ai"
