"""Who reaches which admin surface: anonymous, Attendee, Member, Organizer, Admin.

/admin/ is Wagtail (editors, moderators, organizers), /es/shop/dashboard/ is Oscar's staff
dashboard (organizers see their partner's part), /django-admin/ is Django's (admins only).
"""

import pytest

from community.accounts.roles import Role

pytestmark = pytest.mark.django_db

LOGIN = "login"  # redirected to that surface's login page
OK = 200
FORBIDDEN = 403
DENIED = "denied"  # Wagtail: signed in but not allowed → back to the admin home with a message

MATRIX = {
    #  surface                    anonymous  attendee   member     organizer  admin
    "/admin/":                   (LOGIN,     LOGIN,     LOGIN,     OK,        OK),
    "/es/shop/dashboard/":       (LOGIN,     FORBIDDEN, FORBIDDEN, OK,        OK),
    "/django-admin/":            (LOGIN,     LOGIN,     LOGIN,     LOGIN,     OK),
    "/admin/role_changes/":      (LOGIN,     LOGIN,     LOGIN,     DENIED,    OK),
    "/admin/ledger/orders/":     (LOGIN,     LOGIN,     LOGIN,     DENIED,    OK),
    "/admin/ledger/products/":   (LOGIN,     LOGIN,     LOGIN,     DENIED,    OK),
    "/es/dashboard/":            (LOGIN,     OK,        OK,        OK,        OK),
}  # fmt: skip
ROLES = [None, Role.ATTENDEE, Role.MEMBER, Role.ORGANIZER, Role.ADMIN]
CASES = [
    (path, role, expected)
    for path, row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("path", "role", "expected"), CASES)
def test_admin_surface_access(client, make_user, path, role, expected):
    if role is not None:
        client.force_login(make_user(role))
    response = client.get(path)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].split("?")[0].endswith("/login/")
        assert f"next={path}" in response["Location"]
    elif expected == DENIED:
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    else:
        assert response.status_code == expected
