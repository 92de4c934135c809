"""Markdown to safe HTML, for forum posts and blog comments. markdown-it renders CommonMark
with raw HTML turned off; nh3 (Rust's ammonia) then keeps only an allow-list of tags and
http(s)/mailto links, so even a rendering bug cannot let a script through. @handles become
links when the caller passes their addresses (community.forums.selectors.member_urls)."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

MENTION_RE = re.compile(r"(?<![\w@])@([a-z0-9_]{3,30})\b", re.IGNORECASE)
MAX_MENTIONS = 10

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "ol": {"start"}}


def mentioned_handles(text: str) -> list[str]:
    """The handles a text names, lowercased, in order, at most MAX_MENTIONS."""
    seen: list[str] = []
    for match in MENTION_RE.finditer(text):
        handle = match.group(1).lower()
        if handle not in seen:
            seen.append(handle)
        if len(seen) == MAX_MENTIONS:
            break
    return seen


def _mention_rule(state: StateInline, silent: bool) -> bool:
    """Turn @handle into a link when the handle belongs to a member (env["mentions"])."""
    pos = state.pos
    if state.src[pos] != "@" or (
        pos > 0 and (state.src[pos - 1].isalnum() or state.src[pos - 1] in "_@")
    ):
        return False
    match = MENTION_RE.match(state.src, pos)
    if not match:
        return False
    handle = match.group(1).lower()
    url = state.env.get("mentions", {}).get(handle)
    if url is None:
        return False
    if not silent:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": url, "class": "mention"}
        token = state.push("text", "", 0)
        token.content = "@" + handle
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False})
    .enable("table")
    .enable("strikethrough")
)
_md.inline.ruler.before("emphasis", "mention", _mention_rule)
# Headings inside a post start at h3: the page has its own h1 and h2.
_HEADING = re.compile(r"<(/?)h([12])>")


def render_markdown(text: str, *, mention_urls: dict[str, str] | None = None) -> str:
    html = _md.render(text, {"mentions": mention_urls or {}})
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
