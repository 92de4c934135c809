"""Gate 2: who may do what through the API, as one table per area.

Rows: (method, route, target) where target is "own" (the caller's object) or "foreign"
(someone else's). Columns: anonymous, attendee, member, organizer, admin. Expected: 401 for
anonymous, 403 for a missing permission, 404 for a foreign object the caller may not see.
Every API route must appear here: a new endpoint fails `test_every_api_route_is_in_a_table`
until its row is written."""

import json

import pytest

from community.accounts.roles import Role

from .routes import api_routes

ROLES = [None, Role.ATTENDEE, Role.MEMBER, Role.ORGANIZER, Role.ADMIN]

# ---- accounts -------------------------------------------------------------------------
ACCOUNTS = {
    #  method, route,                            target     anon attendee member organizer admin
    ("GET",   "/api/v1/me/",                     "own"):     (401, 200, 200, 200, 200),
    ("PATCH", "/api/v1/me/",                     "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/role-changes/",           "all"):     (401, 403, 403, 403, 200),
    ("PUT",   "/api/v1/users/<int:user_id>/role/", "own"):   (401, 403, 403, 403, 400),
    ("PUT",   "/api/v1/users/<int:user_id>/role/", "foreign"): (401, 403, 403, 403, 201),
}  # fmt: skip
# ---- notifications ----------------------------------------------------------------------
NOTIFICATIONS = {
    ("GET",   "/api/v1/notifications/",                   "own"):     (401, 200, 200, 200, 200),
    ("GET",   "/api/v1/notifications/unread-count/",      "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/notifications/read/",              "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/notifications/<int:pk>/archive/",  "own"):     (401, 200, 200, 200, 200),
    ("POST",  "/api/v1/notifications/<int:pk>/archive/",  "foreign"): (401, 404, 404, 404, 404),
    ("GET",   "/api/v1/notification-preferences/",        "own"):     (401, 200, 200, 200, 200),
    ("PATCH", "/api/v1/notification-preferences/",        "own"):     (401, 200, 200, 200, 200),
}  # fmt: skip

BODIES = {
    ("PATCH", "/api/v1/me/"): {"bio": "Hola"},
    ("PUT", "/api/v1/users/<int:user_id>/role/"): {"role": "organizer"},
    ("POST", "/api/v1/notifications/read/"): {},
    ("PATCH", "/api/v1/notification-preferences/"): {"email_enabled": False},
}

TABLES = {"accounts": ACCOUNTS, "notifications": NOTIFICATIONS}
CASES = [
    pytest.param(
        area, method, route, target, role, expected, id=f"{method} {route} {target} {role}"
    )
    for area, table in TABLES.items()
    for (method, route, target), row in table.items()
    for role, expected in zip(ROLES, row, strict=True)
]


def _notification_of(user) -> int:
    from community.notifications.services import notify

    return notify(recipient=user, type_code="account.role_changed", context={"role": "x"}).pk


def _url(route: str, *, caller, other) -> str:
    """Fill the route's parameters with objects that belong to `caller` (own) or not."""
    target = caller if caller is not None else other
    route = route.replace("<int:user_id>", str(target.pk))
    if "<int:pk>" in route:
        route = route.replace("<int:pk>", str(_notification_of(target)))
    return route


@pytest.mark.django_db
@pytest.mark.parametrize(("area", "method", "route", "target", "role", "expected"), CASES)
def test_matrix(api_client, make_user, area, method, route, target, role, expected):
    caller = make_user(role) if role is not None else None
    other = make_user(Role.MEMBER)
    if caller is not None:
        api_client.force_authenticate(caller)
    owner = caller if target == "own" else other
    url = _url(route, caller=owner, other=other)
    body = BODIES.get((method, route))
    payload = json.dumps(body) if body else ""
    response = api_client.generic(method, url, data=payload, content_type="application/json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response.json()["error"]["message"]


def test_every_api_route_is_in_a_table():
    assert missing_from_tables(api_routes()) == set()


def missing_from_tables(routes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    covered = {(method, route) for table in TABLES.values() for (method, route, _) in table}
    return routes - covered


def test_the_completeness_check_catches_a_planted_route():
    planted = api_routes() | {("DELETE", "/api/v1/me/")}
    assert missing_from_tables(planted) == {("DELETE", "/api/v1/me/")}
