import pytest

from cms.events.factories import event_indexes, make_event
from commerce.ticketing.services import ticket_type_save
from community.accounts.roles import Role


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER)


@pytest.fixture
def event(demo_site, organizer):
    index = event_indexes(demo_site["homes"])["es"]
    return make_event(
        index, organizer=organizer, owner=organizer, capacity=10, title="Taller abierto"
    )


@pytest.fixture
def make_ticket_type(event, organizer):
    def make(**data):
        return ticket_type_save(
            event=event, user=organizer, data={"name_es": "General", "price": 0, **data}
        )

    return make
