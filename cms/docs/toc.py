"""Table of contents and heading anchors for documentation pages.

One walk over the body finds every heading in reading order: a "heading" block is a level-2
heading; h2–h6 inside rich text keep their level. Each heading gets an anchor made from its
text (`slugify`, "-2", "-3"… for repeats), so links to a section survive edits elsewhere on
the page. The same walk renders the body with those ids, which keeps the TOC (HTML and API)
and the rendered headings in step by construction."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

HEADING_RE = re.compile(r"<(h[2-6])((?:\s[^>]*)?)>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
ID_ATTR_RE = re.compile(r"""\s+id\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


@dataclass
class Heading:
    level: int
    text: str
    anchor: str
    children: list[Heading] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "text": self.text,
            "anchor": self.anchor,
            "children": [child.as_dict() for child in self.children],
        }


class _Anchors:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str) -> str:
        base = slugify(text)[:60].strip("-") or "section"
        anchor, n = base, 1
        while anchor in self.used:
            n += 1
            anchor = f"{base}-{n}"
        self.used.add(anchor)
        return anchor


def _walk(body, context: dict | None) -> tuple[list[Heading], list[str]]:
    """Headings (flat, in order) and, when `context` is given, the rendered blocks."""
    anchors = _Anchors()
    flat: list[Heading] = []
    parts: list[str] = []
    render = context is not None
    for block in body:
        if block.block_type == "heading":
            text = str(block.value)
            heading = Heading(2, text, anchors.make(text))
            flat.append(heading)
            if render:
                parts.append(format_html('<h2 id="{}">{}</h2>', heading.anchor, text))
        elif block.block_type == "paragraph":
            source = block.render(context) if render else block.value.source

            def add_anchor(match: re.Match) -> str:
                tag, attrs, inner = match.groups()
                text = " ".join(html.unescape(strip_tags(inner)).split())
                if not text:
                    return match.group(0)
                heading = Heading(int(tag[1]), text, anchors.make(text))
                flat.append(heading)
                attrs = ID_ATTR_RE.sub("", attrs or "")
                return f'<{tag} id="{heading.anchor}"{attrs}>{inner}</{tag}>'

            rewritten = HEADING_RE.sub(add_anchor, str(source))
            if render:
                parts.append(rewritten)
        elif render:
            parts.append(block.render(context))
    return flat, parts


def nest(flat: list[Heading]) -> list[Heading]:
    """h3 under the h2 before it, h4 under that h3…; a deeper heading with no parent
    stays at the top level rather than disappearing."""
    roots: list[Heading] = []
    stack: list[Heading] = []
    for heading in flat:
        heading.children = []
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    return roots


def table_of_contents(body) -> list[Heading]:
    return nest(_walk(body, None)[0])


def render_with_anchors(body, context: dict) -> tuple[list[Heading], SafeString]:
    """The nested TOC and the body's HTML with an id on every heading. Block HTML comes
    from the blocks' own templates (escaped there); ids are slugs, so nothing unsafe is
    added here."""
    flat, parts = _walk(body, context)
    html_parts = [
        f'<div class="block-{block.block_type}">{part}</div>'
        for block, part in zip(body, parts, strict=True)
    ]
    # nosec B308 B703 - block templates escape; ids are slugs (see docstring)
    return nest(flat), mark_safe("\n".join(html_parts))  # noqa: S308  # nosec B308 B703
