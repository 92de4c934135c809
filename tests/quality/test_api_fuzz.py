"""Gate 1: schemathesis over our OpenAPI document, as anonymous, member and organizer (and
admin, so the admin-only operations are exercised past their permission check)."""

import pytest
from rest_framework.test import APIClient

from community.accounts.factories import DEFAULT_PASSWORD
from community.accounts.roles import Role

from .fuzzing import django_wsgi_app, fuzz_schema, load_wsgi_schema

pytestmark = pytest.mark.django_db

# The operations are fuzzed in shards (every SHARDS-th operation each) so the gate spreads
# over the test workers instead of running as one long test.
SHARDS = 8


def _token(user) -> str:
    response = APIClient().post(
        "/_allauth/app/v1/auth/login",
        {"email": user.email, "password": DEFAULT_PASSWORD},
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_operation_survives_fuzzing_for_every_identity(make_user, shard):
    identities = {"anonymous": {}}
    for role in (Role.MEMBER, Role.ORGANIZER, Role.ADMIN):
        identities[role.value] = {"X-Session-Token": _token(make_user(role))}
    make_user(Role.ATTENDEE)  # a target for role changes
    with django_wsgi_app() as app:
        schema = load_wsgi_schema("/api/schema/?format=json", app)
        operations = [r.ok().label for r in schema.get_all_operations()]
        assert len(operations) >= 4 * SHARDS
        failures = fuzz_schema(schema, identities=identities, shard=(shard, SHARDS))
    assert failures == [], "\n\n".join(
        f"{f.operation} as {f.identity}:\n{f.error}" for f in failures
    )
