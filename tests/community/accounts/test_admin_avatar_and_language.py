"""Wagtail's admin shows the member's own photo (never Gravatar) and speaks the member's
language: their platform choice, Spanish by default, unless they chose one in the admin."""

import pytest
from django.conf import settings
from wagtail.users.models import UserProfile

from cms.demo import demo_avatar_file
from community.accounts.roles import Role
from community.accounts.services import profile_set_avatar

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def organizer(make_user, client):
    user = make_user(Role.ORGANIZER)
    client.force_login(user)
    return user


def _admin_home(client) -> str:
    response = client.get("/admin/", **ENGLISH_BROWSER)
    assert response.status_code == 200
    return response.content.decode()


def test_gravatar_is_off():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def test_the_admin_shows_wagtails_default_avatar_without_a_photo(client, organizer):
    html = _admin_home(client)
    assert "gravatar.com" not in html
    assert "wagtailadmin/images/default-user-avatar" in html


def test_the_admin_shows_the_members_profile_photo(client, organizer):
    profile_set_avatar(profile=organizer.profile, upload=demo_avatar_file("Carlos Gómez"))
    html = _admin_home(client)
    assert "gravatar.com" not in html
    assert html.count(organizer.profile.avatar.url) >= 2  # the sidebar and the dashboard


def test_an_english_browser_gets_spanish_when_the_member_chose_nothing(client, organizer):
    assert organizer.profile.preferred_language == "es"  # the platform's default
    assert '<html lang="es"' in _admin_home(client)


def test_a_member_who_chose_english_on_the_platform_gets_english(client, organizer):
    organizer.profile.preferred_language = "en"
    organizer.profile.save(update_fields=["preferred_language"])
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="en"' in html


@pytest.mark.parametrize(("platform", "admin"), [("es", "en"), ("en", "es")])
def test_a_choice_in_wagtails_account_settings_wins(client, organizer, platform, admin):
    organizer.profile.preferred_language = platform
    organizer.profile.save(update_fields=["preferred_language"])
    UserProfile.objects.create(user=organizer, preferred_language=admin)
    html = client.get("/admin/", **ENGLISH_BROWSER).content.decode()
    assert f'<html lang="{admin}"' in html


def test_the_public_site_keeps_its_own_language(client, organizer, demo_site):
    """Only the admin follows the member's preference; /en/ stays English."""
    html = client.get("/en/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="en"' in html
