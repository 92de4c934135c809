"""Dependencies point one way (docs/architecture.md, Dependencies): no import cycle between
apps or inside one, content never imports commerce, the member dashboard never imports
ticketing, shared libraries import no app, page models never import views.

Read from the source (tests/quality/dependencies.py): imports inside functions count."""

import textwrap

import pytest

from . import dependencies
from .dependencies import CONFIG_ROOT_UNIT, unit_of

# Shared libraries: any app may import them; they import no app, only each other.
SHARED = {
    "config",
    "cms.blocks",
    "cms.cache",
    "cms.demo",
    "cms.fields",
    "cms.images",
    "cms.preview",
    "cms.seo",
    "cms.validators",
}

# Cycles known and not yet removed, never added to: the gate fails when one grows, shrinks
# or goes, so this list is kept exact. None is left.
KNOWN_MODULE_CYCLES: list[list[str]] = []


@pytest.fixture(scope="module")
def graph():
    return dependencies.build()


def _explain(graph, cycle: list[str], *, units: bool) -> str:
    members = set(cycle)
    lines = [
        graph.where(source, target)
        for (source, target) in sorted(graph.edges)
        if (unit_of(source) if units else source) in members
        and (unit_of(target) if units else target) in members
        and (not units or unit_of(source) != unit_of(target))
    ]
    return " <-> ".join(cycle) + "\n    " + "\n    ".join(lines)


def test_no_import_cycle_between_apps(graph):
    cycles = graph.unit_cycles()
    assert cycles == [], "apps importing each other:\n" + "\n".join(
        _explain(graph, cycle, units=True) for cycle in cycles
    )


def test_no_import_cycle_inside_an_app(graph):
    cycles = graph.module_cycles_within_units()
    new = [cycle for cycle in cycles if cycle not in KNOWN_MODULE_CYCLES]
    gone = [cycle for cycle in KNOWN_MODULE_CYCLES if cycle not in cycles]
    assert new == [], "modules of one app importing each other:\n" + "\n".join(
        _explain(graph, cycle, units=False) for cycle in new
    )
    assert gone == [], f"no longer a cycle: take it out of KNOWN_MODULE_CYCLES: {gone}"


def test_content_never_imports_commerce(graph):
    """Ticketing plugs into events through cms/events/extensions.py."""
    assert graph.imports_between("cms", "commerce") == []


def test_community_never_imports_commerce(graph):
    """The member dashboard shows tickets through community/accounts/dashboard.py."""
    assert graph.imports_between("community", "commerce") == []
    assert graph.imports_between("community.accounts.views", "commerce.ticketing") == []


def test_config_libraries_import_no_app(graph):
    """Only the composition root (URLconfs, settings) wires the apps together."""
    assert graph.imports_leaving({"config"}) == []


def test_shared_libraries_import_no_app(graph):
    assert graph.imports_leaving(SHARED) == []


def test_page_models_never_import_views(graph):
    assert graph.models_importing_views() == []


def test_nothing_imports_the_composition_root_or_the_demo(graph):
    """They sit above every app."""
    assert graph.imports_into({CONFIG_ROOT_UNIT, "demo"}) == []


def test_no_private_name_is_imported_from_another_module():
    """A name with a leading underscore is its module's own: whoever needs it gets a public
    one. Our modules only; `from x import y as _` (gettext) imports a public name."""
    assert dependencies.private_imports() == []


# --- the gate catches what it is meant to (planted defects) ---------------------------------


def _plant(root, files: dict[str, str]) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    for package in {path.parent for path in root.rglob("*.py")}:
        while package != root:
            (package / "__init__.py").touch()
            package = package.parent


@pytest.fixture
def planted(tmp_path):
    _plant(
        tmp_path,
        {
            # content reaches into commerce inside a function: still an import, still a cycle
            "cms/events/models.py": """
                def ticket_panel(page):
                    from commerce.ticketing.selectors import public_ticket_types
                    from .selectors import agenda
                    from .views import event_detail

                    return public_ticket_types(page), agenda(page), event_detail
            """,
            "cms/events/selectors.py": "from .models import ticket_panel\n",
            "cms/events/views.py": "event_detail = None\n",
            "commerce/ticketing/selectors.py": "from cms.events.models import ticket_panel\n",
            "config/http.py": "from cms.events import views\n",
            "config/urls.py": "from cms.events import views\n",
        },
    )
    return dependencies.build(tmp_path, ("cms", "commerce", "config"))


def test_the_gate_catches_a_cycle_between_apps(planted):
    assert planted.unit_cycles() == [["cms.events", "commerce.ticketing"]]


def test_the_gate_catches_a_cycle_inside_an_app_through_a_function_import(planted):
    assert planted.module_cycles_within_units() == [["cms.events.models", "cms.events.selectors"]]


def test_the_gate_catches_content_importing_commerce(planted):
    assert planted.imports_between("cms", "commerce") == [
        "cms.events.models -> commerce.ticketing.selectors [3]"
    ]


def test_the_gate_catches_a_config_library_importing_an_app(planted):
    assert planted.imports_leaving({"config"}) == [  # the package and the module it names
        "config.http -> cms.events (lines [1])",
        "config.http -> cms.events.views (lines [1])",
    ]


def test_the_gate_catches_a_page_model_importing_views(planted):
    assert planted.models_importing_views() == ["cms.events.models -> cms.events.views (lines [5])"]


def test_the_gate_catches_a_private_name_imported(tmp_path):
    _plant(
        tmp_path,
        {
            "community/forums/services.py": "def _render(body):\n    return body\n",
            "community/forums/demo.py": """
                from django.utils.translation import gettext as _
                from .services import _render
                from community.forums.services import _render as render
            """,
        },
    )
    assert dependencies.private_imports(tmp_path, ("community",)) == [
        "community/forums/demo.py:3 _render",
        "community/forums/demo.py:4 _render",
    ]
