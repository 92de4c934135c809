import pytest

from cms.events.factories import event_indexes


@pytest.fixture
def indexes(demo_site):
    return event_indexes(demo_site["homes"])


@pytest.fixture
def index(indexes):
    return indexes["es"]
