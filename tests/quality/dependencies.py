"""The project's import graph, read from the source (ast), never by importing it.

Every import counts, at module level or inside a function: an import placed in a function
body postpones a cycle to run time, it does not remove it. Migrations are left out (they
import what they need by their own history).

A unit ("app" below) is what docs/architecture.md (Dependencies) draws as one box: a Django
app under cms/, commerce/ or community/ (`cms.events`), a shared module at the top of those
packages (`cms.cache`, `cms.blocks`), `search`, `demo`, and config split in two: the
composition root (URLconfs, settings, WSGI/ASGI), which may import any app, and config's
library modules, which import none.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cms", "commerce", "community", "config", "search", "demo")
NAMESPACES = ("cms", "commerce", "community")  # packages of apps: units are one level down
COMPOSITION_ROOT = (
    "config.urls",
    "config.auth_urls",
    "config.api.urls",
    "config.api.schema_urls",
    "config.settings",
    "config.wsgi",
    "config.asgi",
)
CONFIG_ROOT_UNIT = "config (composition root)"


def unit_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "config":
        if any(module == root or module.startswith(root + ".") for root in COMPOSITION_ROOT):
            return CONFIG_ROOT_UNIT
        return "config"
    if parts[0] in NAMESPACES and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


@dataclass
class ImportGraph:
    modules: dict[str, Path]
    # (importer, imported) -> line numbers
    edges: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))

    def imports_of(self, module: str) -> set[str]:
        return {target for (source, target) in self.edges if source == module}

    def unit_edges(self) -> dict[str, set[str]]:
        graph: dict[str, set[str]] = defaultdict(set)
        for source, target in self.edges:
            if unit_of(source) != unit_of(target):
                graph[unit_of(source)].add(unit_of(target))
        return graph

    def unit_cycles(self) -> list[list[str]]:
        """Groups of apps that import each other, directly or through others."""
        return strongly_connected(self.unit_edges())

    def module_cycles_within_units(self) -> list[list[str]]:
        """Groups of modules of one app that import each other."""
        graph: dict[str, set[str]] = defaultdict(set)
        for source, target in self.edges:
            if unit_of(source) == unit_of(target):
                graph[source].add(target)
        return strongly_connected(graph)

    def imports_between(self, source_prefix: str, target_prefix: str) -> list[str]:
        """`importer -> imported (lines)` for every import from one area into another."""
        return sorted(
            f"{source} -> {target} {lines}"
            for (source, target), lines in self.edges.items()
            if _within(source, source_prefix) and _within(target, target_prefix)
        )

    def where(self, source: str, target: str) -> str:
        return f"{source} -> {target} (lines {self.edges[(source, target)]})"

    def imports_leaving(self, units: set[str]) -> list[str]:
        """Imports from a module of `units` into a module outside them."""
        return sorted(
            self.where(source, target)
            for (source, target) in self.edges
            if unit_of(source) in units and unit_of(target) not in units
        )

    def imports_into(self, units: set[str]) -> list[str]:
        """Imports into a module of `units` from a module outside them."""
        return sorted(
            self.where(source, target)
            for (source, target) in self.edges
            if unit_of(target) in units and unit_of(source) not in units
        )

    def models_importing_views(self) -> list[str]:
        return sorted(
            self.where(source, target)
            for (source, target) in self.edges
            if "models" in source.split(".") and "views" in target.rpartition(".")[2]
        )


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def build(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> ImportGraph:
    modules = {
        module_name(path, root): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
        if "migrations" not in path.relative_to(root).parts
    }
    graph = ImportGraph(modules=modules)

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in {resolve(name) for name in names} - {None, module}:
                graph.edges[(module, target)].append(node.lineno)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; only the components of two or more nodes (a cycle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    nodes = sorted(set(graph) | {t for targets in graph.values() for t in targets})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def private_imports(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """`from <our module> import _name`, as "file:line name"."""
    found = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.ImportFrom):
                    continue
                ours = node.level > 0 or (node.module or "").split(".")[0] in packages
                for alias in node.names:
                    if ours and alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.relative_to(root)}:{node.lineno} {alias.name}")
    return found
