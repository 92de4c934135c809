import pytest


@pytest.fixture
def library(demo_site):
    """The demo library in es and en: 20 resources, categories in two levels."""
    from cms.resources import demo

    return demo.demo_resources(demo_site["homes"])


@pytest.fixture
def attendee(make_user):
    from community.accounts.roles import Role

    return make_user(Role.ATTENDEE)


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Wagtail serves documents from a local path: the in-memory test storage has none."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
