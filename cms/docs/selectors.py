"""Reads for the documentation tree: one query fetches the whole tree of a docs section,
from which the sidebar, breadcrumbs and previous/next links are all derived."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class DocNode:
    page: Page
    url: str
    children: list[DocNode] = field(default_factory=list)
    current: bool = False
    in_trail: bool = False


@dataclass
class DocsTree:
    index: Page | None
    nodes: list[DocNode]  # the index's children, nested
    ordered: list[DocNode]  # every page below the index, depth first (reading order)
    trail: list[DocNode]  # from the index down to the current page's parent

    def neighbours(self, page_id: int) -> tuple[DocNode | None, DocNode | None]:
        for position, node in enumerate(self.ordered):
            if node.page.pk == page_id:
                previous = self.ordered[position - 1] if position > 0 else None
                following = self.ordered[position + 1] if position + 1 < len(self.ordered) else None
                return previous, following
        return None, None


def docs_tree(*, index: Page, current: Page | None = None, request=None) -> DocsTree:
    """The live, public pages of a docs section in tree order (Treebeard's path order is a
    depth-first walk, so "previous/next" is simply the neighbour in this list)."""
    rows = list(
        Page.objects.live()
        .public()
        .descendant_of(index, inclusive=True)
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth", "locale_id", "draft_title")
    )
    by_path: dict[str, DocNode] = {}
    root: DocNode | None = None
    ordered: list[DocNode] = []
    step = Page.steplen
    for row in rows:
        node = DocNode(page=row, url=row.get_url(request) or "")
        by_path[row.path] = node
        if row.pk == index.pk:
            root = node
            continue
        ordered.append(node)
        parent = by_path.get(row.path[:-step])
        if parent is not None:
            parent.children.append(node)
    trail: list[DocNode] = []
    if current is not None:
        for depth in range(index.depth, current.depth + 1):
            node = by_path.get(current.path[: depth * step])
            if node is None:
                continue
            node.in_trail = True
            if node.page.pk == current.pk:
                node.current = True
            else:
                trail.append(node)
    return DocsTree(
        index=index, nodes=root.children if root else [], ordered=ordered, trail=trail
    )
