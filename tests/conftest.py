import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from community.accounts.factories import DEFAULT_PASSWORD, UserFactory
from community.accounts.roles import Role

ROLES = [Role.ATTENDEE, Role.MEMBER, Role.ORGANIZER, Role.ADMIN]


# The longest tests (`pytest --durations`, 2026-12-07), seconds of one run under load: handed
# out first, so that with one worker per core no worker is left with a long gate at the end
# while the other idles (`--maxschedchunk 2` in the Makefile hands out two at a time). Only
# the order inside pytest-django's groups changes: its sort (database tests, then
# transactional ones, then the rest) runs after this one and is stable.
LONGEST = [
    ("tests/quality/test_site_fuzz.py::test_no_page_or_form_of_the_site_answers_500", 300),
    ("tests/quality/test_api_fuzz.py::", 50),
    ("tests/browser/test_accessibility.py::", 80),
    ("tests/cms/test_home.py::test_seed_demo", 70),
    ("tests/quality/test_query_budgets.py::", 20),
    ("tests/config/test_tasks.py::test_a_worker_process", 28),
    ("tests/config/test_security_store.py::", 18),
    ("tests/quality/test_site_fuzz.py::", 20),
    ("tests/search/test_search_privacy.py::", 16),
    ("tests/config/test_hostile_input.py::", 15),
    ("tests/config/test_settings.py::", 10),
    ("tests/browser/", 10),
]


def _expected_seconds(item) -> int:
    return next((seconds for prefix, seconds in LONGEST if item.nodeid.startswith(prefix)), 0)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    items.sort(key=_expected_seconds, reverse=True)  # stable: the rest keep their order
    # Tests marked `postgres` need PostgreSQL features (row locks, full-text search, a
    # database that other processes can reach); CI runs them, SQLite runs skip them.
    import os

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate limits and cached lookups live in the cache, sold-out notes in the process:
    start every test from empty."""
    from commerce.ticketing import soldout

    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()
    soldout.forget_all()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its language in the thread and leaves it active: start every
    test in the site's default (Spanish), whatever the test before it requested."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_file_storage():
    """Uploads live in memory for the whole test process: start every test with only the
    demo's, so a file name a test expects is never taken (and suffixed) by an earlier test's."""
    import copy

    from django.core.files.storage import InMemoryStorage, storages
    from django.core.files.storage.memory import InMemoryDirNode

    storage = storages["default"]
    if isinstance(storage, InMemoryStorage):
        storage._root = copy.deepcopy(_STORAGE_SNAPSHOT) if _STORAGE_SNAPSHOT else InMemoryDirNode()
    yield


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def make_user(db):
    def make(role: Role | str | None = Role.MEMBER, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def member(make_user):
    return make_user(Role.MEMBER)


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN)


_ADDRESSES = itertools.count()


def own_address() -> str:
    """A client address of the calling test's own (RFC 6598 shared space, which nothing
    real in a test uses). The API's per-client counters were seen on CI under xdist to
    outlive the per-test cache cleanup (two runs, two modules, root cause not found), so a
    test that counts requests never shares a counter with one that ran before it."""
    n = next(_ADDRESSES) % 62_500
    return f"100.64.{n // 250}.{n % 250 + 1}"


@pytest.fixture
def api_client():
    return APIClient(REMOTE_ADDR=own_address())


def _build_demo_tree() -> None:
    from django.urls import reverse
    from django.utils import translation

    from cms.home import demo
    from cms.resources import demo as resources_demo

    with translation.override("es"):
        signup_url = reverse("account_signup")
    homes = demo.home_pages(signup_url)
    demo.standard_pages(homes)
    resources_demo.demo_resources(homes)  # the library: 48 tests read it, none may need it absent


@pytest.fixture
def library(demo_site):
    """The demo library in es and en (20 resources, members-only ones among them, categories
    in two levels), built once per test database with the page tree."""
    from cms.resources.models import ResourceIndexPage

    indexes = ResourceIndexPage.objects.select_related("locale")
    return {index.locale.language_code: index for index in indexes}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build seed_demo's bilingual page tree and library once per test database (one per xdist worker)
    instead of once per test: each test's transaction rolls back to it, and transactional
    tests restore it through serialized_rollback, so the snapshot is taken after it."""
    from django.db import connections

    with django_db_blocker.unblock():
        _build_demo_tree()
        render_every_page()
        for alias in connections:
            connection_ = connections[alias]
            if hasattr(connection_, "_test_serialized_contents"):
                connection_._test_serialized_contents = (
                    connection_.creation.serialize_db_to_string()
                )
    _snapshot_file_storage()


def render_every_page() -> None:
    """Shows every live page once. An image's renditions (AVIF: ~0.2 s each) are made the
    first time a page shows it, and a test's transaction throws them away: made here,
    before the snapshot, every test finds them."""
    from django.test import Client
    from wagtail.models import Page

    from cms.resources.models import ResourceAccess

    client = Client()
    for page in Page.objects.live().public().specific().filter(depth__gt=1):
        client.get(page.url)
    ResourceAccess.objects.all().delete()  # the visits it logged are nobody's


_STORAGE_SNAPSHOT = None


def _snapshot_file_storage() -> None:
    """The demo's images live in the in-memory storage: keep them for every test."""
    import copy

    from django.core.files.storage import InMemoryStorage, storages

    global _STORAGE_SNAPSHOT
    storage = storages["default"]
    if isinstance(storage, InMemoryStorage):
        _STORAGE_SNAPSHOT = copy.deepcopy(storage._root)


@pytest.fixture
def demo_site(db):
    """The bilingual page tree seed_demo builds (home, about, code of conduct in es and en),
    built once per test database by django_db_setup."""
    from cms.home.demo import PAGES
    from cms.home.models import HomePage, StandardPage

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    slugs = [spec[lang]["slug"] for spec in PAGES for lang in ("es", "en")]
    by_key = {
        (page.locale.language_code, page.slug): page
        for page in StandardPage.objects.filter(slug__in=slugs).select_related("locale")
    }
    pages = [by_key[(lang, spec[lang]["slug"])] for spec in PAGES for lang in ("es", "en")]
    return {"homes": homes, "pages": pages}


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Wagtail serves documents from a local path: the in-memory test storage has none."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.fixture
def db_vendor(db):
    return connection.vendor


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say loudly when a quality gate could not run on this machine."""
    not_run = {
        report.longrepr[2]
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and "NOT RUN" in report.longrepr[2]
    }
    if not_run:
        terminalreporter.write_sep(
            "!", "QUALITY GATES NOT RUN ON THIS MACHINE", red=True, bold=True
        )
        for reason in sorted(not_run):
            terminalreporter.write_line(f"  {reason}", red=True, bold=True)
        terminalreporter.write_line(
            "  CI installs what they need (.ci/run); results here are partial."
        )
