"""Roles on the page tree: editors create and submit, moderators publish, Admins do
everything, Members and Attendees never reach the admin; revisions can be compared."""

import pytest
from django.contrib.auth.models import Group

from community.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    user = make_user(None, first_name="Eva")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.parametrize(
    ("who", "edit", "publish"),
    [("editor", True, False), ("moderator", True, True), ("admin", True, True)],
)
def test_page_permissions_by_role(demo_site, editor, make_user, who, edit, publish):
    user = {"editor": editor, "moderator": make_user("moderator"), "admin": make_user(Role.ADMIN)}[
        who
    ]
    page = demo_site["pages"][0]
    perms = page.permissions_for_user(user)
    assert perms.can_edit() is edit
    assert perms.can_publish() is publish
    assert perms.can_add_subpage() is True


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ATTENDEE])
def test_members_and_attendees_have_no_admin_and_no_pages(demo_site, make_user, client, role):
    user = make_user(role)
    page = demo_site["pages"][0]
    assert page.permissions_for_user(user).can_edit() is False
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # back to the login page
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302


def test_an_editor_cannot_publish_through_the_edit_form(demo_site, editor, client):
    page = demo_site["pages"][0]
    client.force_login(editor)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert b'name="action-publish"' not in response.content
    assert b'name="action-submit"' in response.content


def test_revisions_can_be_compared(demo_site, editor, client):
    page = demo_site["pages"][0].specific
    first = page.save_revision(user=editor)
    page.introduction = "Una introducción nueva"
    second = page.save_revision(user=editor)
    client.force_login(editor)
    response = client.get(f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/")
    assert response.status_code == 200
    assert "Una introducción nueva" in response.content.decode()
