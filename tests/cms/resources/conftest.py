import pytest


@pytest.fixture
def attendee(make_user):
    from community.accounts.roles import Role

    return make_user(Role.ATTENDEE)
