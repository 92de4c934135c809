"""Onboarding: who is sent to it and when (once per session, never on auth/API/admin pages),
the three steps with validation, going back, skipping, finishing, and the API."""

import pytest
from django.utils import timezone

from community.accounts.onboarding import onboarding_status
from community.accounts.roles import Role
from community.accounts.services import onboarding_complete, onboarding_step_save
from community.notifications.selectors import settings_for
from config.errors import NotPermitted, ValidationFailed

pytestmark = pytest.mark.django_db
WELCOME = "/es/dashboard/welcome/"


@pytest.fixture
def newcomer(make_user):
    """A member who just signed up: no name, nothing filled in."""
    return make_user(Role.MEMBER, first_name="", last_name="")


def _login(client, user, password):
    response = client.post("/es/auth/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content
    return response


def _fill_in(user, **extra):
    onboarding_step_save(
        profile=user.profile,
        actor=user,
        step="account",
        data={"profile_type": "personal", "first_name": "Laura", "last_name": "Mejía"},
    )
    onboarding_step_save(
        profile=user.profile,
        actor=user,
        step="about",
        data={"ai_interests": ["NLP"], "experience_level": "advanced", **extra},
    )


class TestStatusAndServices:
    def test_a_new_member_has_everything_to_do(self, newcomer):
        status = onboarding_status(newcomer.profile)
        assert status["completed"] is False and status["completed_at"] is None
        assert status["next_step"] == "account"
        assert [(s["code"], s["done"]) for s in status["steps"]] == [
            ("account", False),
            ("about", False),
            ("preferences", False),
        ]
        assert status["steps"][0]["missing_fields"] == ["first_name"]
        assert status["steps"][1]["missing_fields"] == ["ai_interests", "experience_level"]
        assert status["completeness"] == 0

    def test_steps_save_their_fields_and_record_progress(self, newcomer):
        _fill_in(newcomer, bio="Ingeniera de ML", location="Laureles")
        newcomer.refresh_from_db()
        profile = newcomer.profile
        assert (newcomer.first_name, profile.location, profile.ai_interests) == (
            "Laura",
            "Laureles",
            ["NLP"],
        )
        status = onboarding_status(profile)
        assert [s["done"] for s in status["steps"]] == [True, True, False]
        assert status["next_step"] == "preferences"
        assert profile.signup_completed is False  # saving steps never finishes by itself

    def test_a_step_refuses_missing_required_fields_and_foreign_fields(self, newcomer):
        with pytest.raises(ValidationFailed) as excinfo:
            onboarding_step_save(
                profile=newcomer.profile, actor=newcomer, step="account", data={"last_name": "X"}
            )
        assert set(excinfo.value.fields) == {"first_name"}
        newcomer.refresh_from_db()
        assert newcomer.last_name == ""  # nothing half-written
        with pytest.raises(ValidationFailed) as excinfo:
            onboarding_step_save(
                profile=newcomer.profile, actor=newcomer, step="account", data={"bio": "x"}
            )
        assert excinfo.value.code == "unknown_fields"
        with pytest.raises(ValidationFailed):
            onboarding_step_save(profile=newcomer.profile, actor=newcomer, step="nope", data={})

    def test_organizations_need_their_name_and_description(self, newcomer):
        with pytest.raises(ValidationFailed) as excinfo:
            onboarding_step_save(
                profile=newcomer.profile,
                actor=newcomer,
                step="account",
                data={"profile_type": "organization", "first_name": "Sara"},
            )
        assert set(excinfo.value.fields) == {"organization_name"}
        onboarding_step_save(
            profile=newcomer.profile,
            actor=newcomer,
            step="account",
            data={"profile_type": "organization", "organization_name": "Semillero IA"},
        )
        missing = onboarding_status(newcomer.profile)["steps"][1]["missing_fields"]
        assert missing == ["bio", "ai_interests"]

    def test_complete_needs_every_required_field_then_is_idempotent(self, newcomer):
        with pytest.raises(ValidationFailed) as excinfo:
            onboarding_complete(profile=newcomer.profile, actor=newcomer)
        assert excinfo.value.code == "onboarding_incomplete"
        assert set(excinfo.value.fields) == {"first_name", "ai_interests", "experience_level"}
        _fill_in(newcomer)
        before = timezone.now()
        profile = onboarding_complete(profile=newcomer.profile, actor=newcomer)
        assert profile.signup_completed and profile.signup_completed_at >= before
        stamp = profile.signup_completed_at
        onboarding_complete(profile=profile, actor=newcomer)
        profile.refresh_from_db()
        assert profile.signup_completed_at == stamp
        assert onboarding_status(profile)["next_step"] is None

    def test_only_the_member_sets_up_their_account(self, newcomer, make_user):
        other = make_user(Role.MEMBER)
        with pytest.raises(NotPermitted):
            onboarding_complete(profile=newcomer.profile, actor=other)
        with pytest.raises(NotPermitted):
            onboarding_step_save(
                profile=newcomer.profile, actor=other, step="account", data={"first_name": "X"}
            )

    def test_preferences_step_sets_language_visibility_and_email(self, newcomer):
        onboarding_step_save(
            profile=newcomer.profile,
            actor=newcomer,
            step="preferences",
            data={
                "preferred_language": "en",
                "directory_visible": False,
                "email_notifications": False,
            },
        )
        newcomer.profile.refresh_from_db()
        assert newcomer.profile.preferred_language == "en"
        assert newcomer.profile.directory_visible is False
        assert settings_for(newcomer).email_enabled is False


class TestRedirect:
    def test_after_login_the_first_page_view_goes_to_onboarding_once(
        self, client, newcomer, password
    ):
        _login(client, newcomer, password)
        response = client.get("/es/dashboard/")
        assert response.status_code == 302
        assert response.url == f"{WELCOME}?next=%2Fes%2Fdashboard%2F"
        assert client.get("/es/dashboard/").status_code == 200  # once per session
        assert client.get("/es/members/").status_code == 200

    def test_auth_api_admin_and_onboarding_pages_are_never_redirected(
        self, client, newcomer, password
    ):
        _login(client, newcomer, password)
        for path in ("/es/auth/email/", "/api/v1/me/", "/es/dashboard/welcome/account/"):
            response = client.get(path)
            assert response.status_code == 200, path
        assert client.post("/es/dashboard/profile/", {}).status_code == 200  # POSTs go through
        # still due: the next ordinary page is redirected
        assert client.get("/es/members/").url.startswith(WELCOME)

    def test_a_member_who_finished_is_not_redirected(self, client, newcomer, password):
        _fill_in(newcomer)
        onboarding_complete(profile=newcomer.profile, actor=newcomer)
        _login(client, newcomer, password)
        assert client.get("/es/dashboard/").status_code == 200

    def test_a_new_login_offers_it_again(self, client, newcomer, password):
        _login(client, newcomer, password)
        client.get("/es/dashboard/")
        client.post("/es/auth/logout/")
        _login(client, newcomer, password)
        assert client.get("/es/dashboard/").url.startswith(WELCOME)


class TestSiteFlow:
    def test_the_three_steps_with_back_and_finish(self, client, newcomer):
        client.force_login(newcomer)
        response = client.get(WELCOME + "?next=/es/members/")
        assert response.url == WELCOME + "account/?next=%2Fes%2Fmembers%2F"
        page = client.get(response.url).content.decode()
        assert 'aria-current="step"' in page and "Paso 1 de 3" in page
        assert 'href="/es/members/"' in page  # skip for now
        # step 1: a missing name is shown on the form, nothing moves on
        response = client.post(
            WELCOME + "account/", {"profile_type": "personal", "next": "/es/members/"}
        )
        assert response.status_code == 200  # the step again, with the error
        assert "Este campo es necesario." in response.content.decode()
        response = client.post(
            WELCOME + "account/",
            {"profile_type": "personal", "first_name": "Laura", "next": "/es/members/"},
        )
        assert response.url == WELCOME + "about/?next=%2Fes%2Fmembers%2F"
        page = client.get(response.url).content.decode()
        assert f'href="{WELCOME}account/?next=%2Fes%2Fmembers%2F"' in page  # back
        response = client.post(
            WELCOME + "about/",
            {
                "bio": "Ingeniera de ML",
                "location": "Laureles",
                "ai_interests": "NLP, RAG",
                "skills": "Python",
                "experience_level": "advanced",
                "next": "/es/members/",
            },
        )
        assert response.url == WELCOME + "preferences/?next=%2Fes%2Fmembers%2F"
        response = client.post(
            WELCOME + "preferences/",
            {"preferred_language": "es", "directory_visible": "on", "next": "/es/members/"},
        )
        assert response.url == "/es/members/"
        newcomer.profile.refresh_from_db()
        assert newcomer.profile.signup_completed
        assert newcomer.profile.ai_interests == ["NLP", "RAG"]
        assert settings_for(newcomer).email_enabled is False  # left unticked

    def test_finishing_with_a_skipped_step_goes_back_to_it(self, client, newcomer):
        client.force_login(newcomer)
        response = client.post(
            WELCOME + "preferences/", {"preferred_language": "es", "email_notifications": "on"}
        )
        assert response.url == WELCOME + "account/?next=%2Fes%2Fdashboard%2F"
        newcomer.profile.refresh_from_db()
        assert newcomer.profile.signup_completed is False

    def test_organization_fields_on_the_about_step(self, client, newcomer):
        client.force_login(newcomer)
        client.post(
            WELCOME + "account/",
            {"profile_type": "organization", "organization_name": "Parcero Data"},
        )
        page = client.get(WELCOME + "about/").content.decode()
        assert 'name="linkedin_url"' in page and 'name="experience_level"' not in page

    def test_external_next_urls_are_ignored(self, client, newcomer):
        client.force_login(newcomer)
        page = client.get(WELCOME + "account/?next=https://evil.example/").content.decode()
        assert 'href="https://evil.example/"' not in page
        assert 'name="next" value="/es/dashboard/"' in page
        response = client.post(
            WELCOME + "account/",
            {"profile_type": "personal", "first_name": "Ana", "next": "https://evil.example/"},
        )
        assert response.url == WELCOME + "about/?next=%2Fes%2Fdashboard%2F"

    def test_the_dashboard_nudges_until_finished(self, client, newcomer):
        client.force_login(newcomer)
        assert f'href="{WELCOME}"' in client.get("/es/dashboard/").content.decode()
        _fill_in(newcomer)
        onboarding_complete(profile=newcomer.profile, actor=newcomer)
        assert f'href="{WELCOME}"' not in client.get("/es/dashboard/").content.decode()


class TestAPI:
    def test_status_then_complete(self, api_client, newcomer):
        api_client.force_authenticate(newcomer)
        body = api_client.get("/api/v1/me/onboarding/").json()
        assert body["completed"] is False and body["next_step"] == "account"
        assert body["steps"][0]["required_fields"] == ["profile_type", "first_name"]
        response = api_client.post("/api/v1/me/onboarding/complete/")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "onboarding_incomplete"
        assert set(error["fields"]) == {"first_name", "ai_interests", "experience_level"}
        api_client.patch(
            "/api/v1/me/",
            {"first_name": "Laura", "ai_interests": ["NLP"], "experience_level": "student"},
            format="json",
        )
        response = api_client.post("/api/v1/me/onboarding/complete/")
        assert response.status_code == 200
        body = response.json()
        assert body["completed"] is True and body["completed_at"]
        assert body["next_step"] is None and all(step["done"] for step in body["steps"])
        assert body["completeness"] == 50  # name, interests, level of six
        me = api_client.get("/api/v1/me/").json()
        assert me["profile"]["signup_completed"] is True
