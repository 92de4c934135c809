"""Roles as groups, their permissions, and the recorded history of every change."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from community.accounts.models import RoleChange
from community.accounts.roles import ROLE_GROUPS, ROLE_PERMISSIONS, Role
from community.accounts.selectors import user_get_role
from community.accounts.services import user_set_role
from config.errors import NotPermitted, ValidationFailed
from tests.audit import assert_audited, assert_in_site_history

pytestmark = pytest.mark.django_db


def test_migrations_create_the_four_role_groups_with_their_permissions(db):
    for role, name in ROLE_GROUPS.items():
        group = Group.objects.get(name=name)
        perms = {
            f"{app}.{code}"
            for app, code in group.permissions.values_list("content_type__app_label", "codename")
        }
        assert perms == set(ROLE_PERMISSIONS[role]), name


def test_admin_changes_a_role_and_the_change_is_recorded_with_the_actor(
    admin_user, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        change = user_set_role(
            user=member, role=Role.ORGANIZER, actor=admin_user, reason="runs meetups"
        )
    # queued only after commit: the role notification, then (from it) its email delivery
    assert len(callbacks) == 2
    member.refresh_from_db()
    assert user_get_role(member) == Role.ORGANIZER
    assert list(member.groups.values_list("name", flat=True)) == ["Organizer"]
    assert change.changed_by == admin_user
    assert (change.old_role, change.new_role, change.reason) == (
        "member",
        "organizer",
        "runs meetups",
    )
    assert change.changed_at is not None
    # the person is told, in their language (Spanish by default)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Organizador" in mail.outbox[0].subject


def test_admin_role_grants_full_access_and_removing_it_takes_it_away(admin_user, member):
    user_set_role(user=member, role=Role.ADMIN, actor=admin_user)
    member.refresh_from_db()
    assert member.is_superuser and member.is_staff
    user_set_role(user=member, role=Role.MEMBER, actor=admin_user)
    member.refresh_from_db()
    assert not member.is_superuser and not member.is_staff
    assert RoleChange.objects.filter(user=member).count() == 3  # factory + two changes


def test_setting_the_same_role_records_nothing(admin_user, member):
    before = RoleChange.objects.count()
    assert user_set_role(user=member, role=Role.MEMBER, actor=admin_user) is None
    assert RoleChange.objects.count() == before


@pytest.mark.parametrize("actor_role", [Role.ATTENDEE, Role.MEMBER, Role.ORGANIZER])
def test_only_admins_can_change_roles(make_user, member, actor_role):
    actor = make_user(actor_role)
    with pytest.raises(NotPermitted) as excinfo:
        user_set_role(user=member, role=Role.ADMIN, actor=actor)
    assert excinfo.value.code == "cannot_change_roles"
    member.refresh_from_db()
    assert user_get_role(member) == Role.MEMBER
    assert not member.is_superuser


def test_an_admin_cannot_demote_themself(admin_user):
    with pytest.raises(ValidationFailed):
        user_set_role(user=admin_user, role=Role.MEMBER, actor=admin_user)
    admin_user.refresh_from_db()
    assert admin_user.is_superuser


def test_unknown_role_is_a_clear_error(admin_user, member):
    with pytest.raises(ValidationFailed) as excinfo:
        user_set_role(user=member, role="overlord", actor=admin_user)
    assert "overlord" in excinfo.value.message


def test_every_user_gets_a_profile_however_created(django_user_model):
    user = django_user_model.objects.create_user(email="shell@example.org", password="x" * 12)
    assert user.profile.contact_preferences == {"email": True, "phone": False, "whatsapp": False}
    assert user.profile.preferred_language == "es"


class TestWagtailAdmin:
    def test_admin_changes_a_role_in_the_wagtail_admin(self, client, admin_user, member):
        client.force_login(admin_user)
        form = client.get("/admin/role_changes/new/")
        assert form.status_code == 200
        response = client.post(
            "/admin/role_changes/new/",
            {"user": member.pk, "new_role": "organizer", "reason": "leads the CV group"},
        )
        assert response.status_code == 302
        change = RoleChange.objects.get(user=member, new_role="organizer")
        assert change.changed_by == admin_user
        listing = client.get("/admin/role_changes/")
        assert member.email in listing.content.decode()

    def test_the_form_refuses_the_role_a_user_already_has(self, client, admin_user, member):
        client.force_login(admin_user)
        response = client.post(
            "/admin/role_changes/new/", {"user": member.pk, "new_role": "member"}
        )
        assert response.status_code == 200
        assert (
            "already has that role" in response.content.decode()
            or "ya tiene" in response.content.decode()
        )

    def test_history_cannot_be_edited_or_deleted(self, client, admin_user, member):
        client.force_login(admin_user)
        change = RoleChange.objects.filter(user=member).first()
        assert client.get(f"/admin/role_changes/edit/{change.pk}/").status_code in (302, 403)
        assert client.post(f"/admin/role_changes/delete/{change.pk}/").status_code in (302, 403)
        assert RoleChange.objects.filter(pk=change.pk).exists()

    def test_editing_a_user_in_wagtail_keeps_their_role(self, client, admin_user, member):
        """Role groups are not offered as checkboxes, and saving the form keeps them."""
        extra = Group.objects.create(name="Newsletter editors")
        client.force_login(admin_user)
        page = client.get(f"/admin/users/edit/{member.pk}/").content.decode()
        assert "Newsletter editors" in page
        assert f'value="{Group.objects.get(name="Organizer").pk}"' not in page
        response = client.post(
            f"/admin/users/edit/{member.pk}/",
            {
                "email": member.email,
                "first_name": "Vale",
                "last_name": member.last_name,
                "is_active": "on",
                "groups": [extra.pk],
                "password1": "",
                "password2": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        member.refresh_from_db()
        assert member.first_name == "Vale"
        assert set(member.groups.values_list("name", flat=True)) == {"Member", "Newsletter editors"}
        assert not member.is_superuser


class TestProfilesAdmin:
    def test_admin_lists_and_edits_profiles_with_bounded_queries(
        self, client, admin_user, make_user, django_assert_max_num_queries
    ):
        for _ in range(15):
            make_user(Role.MEMBER)
        client.force_login(admin_user)
        client.get("/admin/profiles/")  # warm caches (site, locale, permissions)
        with django_assert_max_num_queries(30):
            listing = client.get("/admin/profiles/")
        assert listing.status_code == 200
        assert admin_user.email in listing.content.decode()
        profile = admin_user.profile
        response = client.post(
            f"/admin/profiles/edit/{profile.pk}/",
            {
                "profile_type": "organization",
                "organization_name": "Medellín AI",
                "bio": "",
                "ai_interests": '["LLMs"]',
                "skills": "[]",
                "contact_preferences": '{"email": true}',
                "experience_level": "",
                "linkedin_url": "",
                "preferred_language": "es",
                # the portfolio inline's (empty) formset
                "portfolio_items-TOTAL_FORMS": "0",
                "portfolio_items-INITIAL_FORMS": "0",
                "portfolio_items-MIN_NUM_FORMS": "0",
                "portfolio_items-MAX_NUM_FORMS": "20",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        profile.refresh_from_db()
        assert profile.organization_name == "Medellín AI"
        assert profile.ai_interests == ["LLMs"]

    def test_profiles_cannot_be_added_or_deleted_on_their_own(self, client, admin_user):
        client.force_login(admin_user)
        assert client.get("/admin/profiles/new/").status_code == 302
        delete = client.post(f"/admin/profiles/delete/{admin_user.profile.pk}/")
        assert delete.status_code == 302
        assert type(admin_user).objects.filter(pk=admin_user.pk).exists()
        admin_user.refresh_from_db()
        assert admin_user.profile.pk


class TestAuditTrail:
    """Every role change is also a `medellin.role_change` entry in the admin's site history,
    whichever door it came through (config/audit.py)."""

    def test_the_service_records_who_changed_whose_role_from_what_to_what(
        self, client, admin_user, member
    ):
        user_set_role(user=member, role=Role.ORGANIZER, actor=admin_user, reason="meetups")
        entry = assert_audited(
            member,
            "medellin.role_change",
            user=admin_user,
            old_role="member",
            new_role="organizer",
            reason="meetups",
        )
        assert entry.data["role_change"] == RoleChange.objects.get(new_role="organizer").pk
        assert_in_site_history(
            client,
            admin_user,
            entry,
            es="Rol cambiado de Miembro a Organizador",
            en="Role changed from Member to Organizer",
        )

    def test_the_admin_form_records_the_change_by_the_admin(self, client, admin_user, member):
        client.force_login(admin_user)
        response = client.post(
            "/admin/role_changes/new/",
            {"user": member.pk, "new_role": "attendee", "reason": "only buys tickets"},
        )
        assert response.status_code == 302
        entry = assert_audited(member, "medellin.role_change", user=admin_user, new_role="attendee")
        assert entry.data["reason"] == "only buys tickets"
        assert_in_site_history(
            client,
            admin_user,
            entry,
            es="Rol cambiado de Miembro a Asistente",
            en="Role changed from Member to Attendee",
        )

    def test_a_refused_change_records_nothing_and_sign_up_is_the_systems(self, make_user, member):
        with pytest.raises(NotPermitted):
            user_set_role(user=member, role=Role.ADMIN, actor=make_user(Role.ORGANIZER))
        # the factory's sign-up role is the only entry, written by the system
        assert_audited(member, "medellin.role_change", user=None, old_role="", new_role="member")
