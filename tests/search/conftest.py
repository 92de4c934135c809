import pytest


@pytest.fixture
def library(demo_site):
    """The demo library in es and en (members-only resources among them)."""
    from cms.resources import demo

    return demo.demo_resources(demo_site["homes"])
