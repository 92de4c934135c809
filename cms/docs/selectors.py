"""Reads for the documentation tree. The tree of a docs section (titles, paths, URLs of its
live public pages) is read with one query and kept in the cache until any page is
published, unpublished, moved or deleted (the page-cache generation of cms.cache); the
sidebar, breadcrumbs and previous/next links of every page, and the API's
previous_page_id/next_page_id, are derived from it without further queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail.models import Page

# A DocsIndexPage sits under a HomePage, itself under the root: always at this depth.
INDEX_DEPTH = 3
TREE_CACHE_SECONDS = 60 * 60


@dataclass
class DocNode:
    pk: int
    title: str
    url: str
    depth: int
    children: list[DocNode] = field(default_factory=list)
    current: bool = False
    in_trail: bool = False


@dataclass
class DocsTree:
    index: DocNode | None
    nodes: list[DocNode]  # the index's children, nested
    ordered: list[DocNode]  # every page below the index, depth first (reading order)
    trail: list[DocNode]  # from the index down to the current page's parent

    def neighbours(self, page_id: int) -> tuple[DocNode | None, DocNode | None]:
        for position, node in enumerate(self.ordered):
            if node.pk == page_id:
                previous = self.ordered[position - 1] if position > 0 else None
                following = self.ordered[position + 1] if position + 1 < len(self.ordered) else None
                return previous, following
        return None, None


def index_path(page: Page) -> str:
    return page.path[: INDEX_DEPTH * Page.steplen]


def _rows(prefix: str) -> list[tuple]:
    from cms.cache import generation  # bumped by publishing, moving, deleting any page

    key = f"docs:tree:{generation()}:{prefix}"
    rows = cache.get(key)
    if rows is None:
        rows = [
            (row.pk, row.title, row.path, row.depth, row.url_path, row.get_url(None) or "")
            for row in Page.objects.live()
            .public()
            .filter(path__startswith=prefix)
            .order_by("path")
            .only("id", "title", "path", "depth", "url_path", "locale_id")
        ]
        cache.set(key, rows, TREE_CACHE_SECONDS)
    return rows


def docs_tree(*, page: Page) -> DocsTree:
    """The live, public pages of the docs section `page` belongs to (the section's index or
    any page in it), in tree order: Treebeard's path order is a depth-first walk, so
    "previous/next" is simply the neighbour in this list."""
    prefix = index_path(page)
    step = Page.steplen
    by_path: dict[str, DocNode] = {}
    root: DocNode | None = None
    ordered: list[DocNode] = []
    for pk, title, path, depth, _url_path, url in _rows(prefix):
        node = DocNode(pk=pk, title=title, url=url, depth=depth)
        by_path[path] = node
        if path == prefix:
            root = node
            continue
        ordered.append(node)
        parent = by_path.get(path[:-step])
        if parent is not None:
            parent.children.append(node)
    trail: list[DocNode] = []
    for depth in range(INDEX_DEPTH, page.depth + 1):
        node = by_path.get(page.path[: depth * step])
        if node is None:
            continue
        node.in_trail = True
        if node.pk == page.pk:
            node.current = True
        else:
            trail.append(node)
    return DocsTree(index=root, nodes=root.children if root else [], ordered=ordered, trail=trail)
