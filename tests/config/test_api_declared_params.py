"""Ordering and filtering are declared per endpoint (issue #19).

Walks every generic list route of the API: `?ordering=` by anything the view did not declare
(every serializer field among them) is a 400 naming what is allowed, each declared ordering
works both ways, and an undeclared query parameter is a 400. The member directory orders by
what every viewer may see, never by a field a member can hide."""

import pytest
from rest_framework.mixins import ListModelMixin

from community.accounts.roles import Role
from config.api.filters import API_FILTER_BACKENDS, declared_ordering
from tests.quality import test_authorization_matrix as matrix
from tests.quality.routes import api_routes

pytestmark = pytest.mark.django_db


def _view_class(route: str):
    from django.urls import resolve

    url = route
    for placeholder, value in (("<id:", "1"), ("<str:", "x"), ("<uuid:", None)):
        while placeholder in url:
            start = url.index(placeholder)
            end = url.index(">", start) + 1
            fill = value or "00000000-0000-0000-0000-000000000000"
            url = url[:start] + fill + url[end:]
    match = resolve(url)
    return getattr(match.func, "cls", None) or getattr(match.func, "view_class", None)


def _list_routes() -> list[str]:
    return sorted(
        route
        for method, route in api_routes()
        if method == "GET" and issubclass(_view_class(route), ListModelMixin)
    )


LIST_ROUTES = _list_routes()
TABLES = [*matrix.TABLES.values(), *matrix.COMMUNITY_TABLES.values()]


def _row(route: str):
    """A caller and target the authorization matrix says may list this route (200)."""
    for table in TABLES:
        for target in ("own", "all", "foreign"):
            statuses = table.get(("GET", route, target))
            if statuses and statuses[-1] == 200:  # the last column: administrators
                return target
    raise AssertionError(f"no 200 for GET {route} in the authorization matrix")


def _url_for(route, make_user):
    caller = make_user(Role.ADMIN)
    other, third = make_user(Role.MEMBER), make_user(Role.MEMBER)
    owner = caller if _row(route) == "own" else other
    counterpart = third if owner is other else other
    setup = matrix._setups().get(route)
    return caller, matrix._url(route, setup(owner, counterpart) if setup else {})


def _refused(response, code):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    return error


def test_every_list_route_is_walked():
    assert "/api/v1/members/" in LIST_ROUTES and "/api/v1/connections/" in LIST_ROUTES
    assert len(LIST_ROUTES) >= 15


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_list_routes_accept_only_what_they_declare(api_client, make_user, route):
    view = _view_class(route)
    assert list(view.filter_backends) == API_FILTER_BACKENDS, view
    declared = declared_ordering(view())
    caller, url = _url_for(route, make_user)
    api_client.force_authenticate(caller)
    assert api_client.get(url).status_code == 200

    undeclared = {"pk", "id", "created_at", "__all__", "nonexistent"}
    serializer_class = getattr(view, "serializer_class", None)
    if serializer_class is not None:
        undeclared |= set(serializer_class().fields)
    for field in sorted(undeclared - set(declared)):
        for value in (field, f"-{field}"):
            error = _refused(api_client.get(url, {"ordering": value}), "invalid_ordering")
            assert all(name in error["message"] for name in declared), error
    for name in declared:
        for value in (name, f"-{name}"):
            response = api_client.get(url, {"ordering": value})
            assert response.status_code == 200, (value, response.content)
    if len(declared) > 1:
        assert api_client.get(url, {"ordering": ",-".join(declared)}).status_code == 200

    error = _refused(api_client.get(url, {"sneaky": "1"}), "unknown_parameter")
    assert "sneaky" in error["fields"]
    assert api_client.get(url, {"format": "json"}).status_code == 200


HIDEABLE = ["bio", "location", "ai_interests", "skills", "experience_level", "linkedin_url"]


@pytest.fixture
def directory(make_user):
    """Three listed members; each hides their location, skills and bio."""
    from datetime import timedelta

    from django.utils import timezone

    people = {}
    for days, (first, location) in enumerate(
        [("Carla", "Bello"), ("Ana", "Envigado"), ("Beto", "Zaragoza")]
    ):
        user = make_user(Role.MEMBER, first_name=first, last_name="M")
        user.date_joined = timezone.now() - timedelta(days=10 - days)
        user.save(update_fields=["date_joined"])
        profile = user.profile
        profile.location, profile.bio = location, f"Bio {first}"
        profile.skills, profile.linkedin_url = [first], f"https://linkedin.com/in/{first}"
        profile.private_fields = ["location", "skills", "bio", "linkedin_url"]
        profile.save()
        people[first] = user
    return people


@pytest.mark.parametrize(
    "field", [*HIDEABLE, "linkedin", "user__email", "private_fields", "directory_visible"]
)
def test_members_cannot_be_ordered_by_a_hideable_field(api_client, directory, make_user, field):
    api_client.force_authenticate(make_user(Role.MEMBER))
    for value in (field, f"-{field}", f"name,{field}"):
        error = _refused(
            api_client.get("/api/v1/members/", {"ordering": value}), "invalid_ordering"
        )
        assert "name" in error["message"] and "joined" in error["message"]
        assert error["fields"]["ordering"]


def test_members_are_ordered_by_name_or_joined_date(api_client, directory, make_user):
    viewer = make_user(Role.MEMBER, first_name="Zulema")
    viewer.profile.directory_visible = False
    viewer.profile.save()
    api_client.force_authenticate(viewer)

    def names(**params):
        response = api_client.get("/api/v1/members/", params)
        assert response.status_code == 200, response.content
        return [member["display_name"] for member in response.json()["results"]]

    assert names() == ["Ana M", "Beto M", "Carla M"]
    assert names(ordering="-name") == ["Carla M", "Beto M", "Ana M"]
    assert names(ordering="joined") == ["Carla M", "Ana M", "Beto M"]
    assert names(ordering="-joined") == ["Beto M", "Ana M", "Carla M"]
    assert names(ordering="joined", q="a") == ["Carla M", "Ana M"]


def test_the_schema_documents_only_declared_orderings(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    members = schema["paths"]["/api/v1/members/"]["get"]["parameters"]
    ordering = next(p for p in members if p["name"] == "ordering")
    assert ordering["schema"]["items"]["enum"] == ["name", "-name", "joined", "-joined"]
    conversations = schema["paths"]["/api/v1/conversations/"]["get"]["parameters"]
    assert not any(p["name"] == "ordering" for p in conversations)
