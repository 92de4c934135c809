import pytest

from community.accounts.roles import Role
from community.forums.models import ForumCategory


@pytest.fixture
def category(db):
    return ForumCategory.objects.create(name_es="Preguntas", name_en="Questions", slug="preguntas")


@pytest.fixture
def trusted(settings):
    """Nobody's first posts are held (the holding rule has its own tests)."""
    settings.FORUM_HOLD_FIRST_POSTS = 0


@pytest.fixture
def ana(make_user):
    return make_user(Role.MEMBER, first_name="Ana", last_name="Restrepo")


@pytest.fixture
def beto(make_user):
    return make_user(Role.MEMBER, first_name="Beto", last_name="Gómez")


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", first_name="Mona", last_name="Mod")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (tasks, search indexing) as the request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
