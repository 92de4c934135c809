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
