"""Ticketing's shape, kept: no module over 800 lines, no private name (`_foo`) imported from
another module, and no import cycle between its modules (module-level imports)."""

import ast
from pathlib import Path

import commerce.ticketing

ROOT = Path(commerce.ticketing.__file__).parent
PACKAGE = "commerce.ticketing"


def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join([PACKAGE, *parts])] = path
    return found


def imports(name: str, path: Path, known: dict) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for each module-level import of ticketing's."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
        else:
            target = node.module or ""
        if not target.startswith(PACKAGE):
            continue
        names = [alias.name for alias in node.names]
        found.append((target, names))
        found += [(f"{target}.{n}", []) for n in names if f"{target}.{n}" in known]
    return found


def test_no_module_is_over_800_lines():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text().splitlines())) > 800}  # fmt: skip
    assert not long


def test_no_private_name_is_imported_from_another_module():
    known = modules()
    private = [
        f"{name} imports {name_} from {target}"
        for name, path in known.items()
        for target, names in imports(name, path, known)
        for name_ in names
        if name_.startswith("_")
    ]
    assert not private


def test_no_import_cycle_between_ticketings_modules():
    known = modules()
    graph = {
        name: {target for target, _names in imports(name, path, known) if target in known}
        for name, path in known.items()
    }
    cycles = []

    def visit(node, trail):
        for nxt in graph[node]:
            if nxt in trail:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in done:
                visit(nxt, [*trail, nxt])
        done.add(node)

    done: set[str] = set()
    for start in graph:
        if start not in done:
            visit(start, [start])
    assert not cycles


def test_every_folder_of_modules_is_a_package():
    folders = {path.parent for path in ROOT.rglob("*.py")}
    assert not [folder for folder in folders if not (folder / "__init__.py").exists()]
