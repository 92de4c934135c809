"""Posts are Markdown rendered to HTML that can't carry a script, whatever is typed."""

import pytest

from config.markdown import mentioned_handles, render_markdown
from tests.quality.security import XSS_PAYLOADS, executable_injections


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives(payload):
    for text in (payload, f"[click]({payload})", f"<{payload}>", f"> {payload}\n\n`{payload}`"):
        assert executable_injections(render_markdown(text)) == [], text


def test_markdown_renders_and_links_are_safe():
    html = render_markdown(
        "# Título\n\n**negrita** y [enlace](https://medellin.ai) y [malo](javascript:alert(1))"
    )
    assert "<h3>Título</h3>" in html  # headings start below the page's own
    assert "<strong>negrita</strong>" in html
    assert 'href="https://medellin.ai"' in html and 'rel="nofollow ugc noopener"' in html
    assert 'href="javascript' not in html


def test_raw_html_is_shown_as_text():
    html = render_markdown("<b>hola</b>")
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_mentions_link_only_known_members():
    assert mentioned_handles("hola @Ana_R y @beto, no a@b.com ni @@x") == ["ana_r", "beto"]
    html = render_markdown("hola @ana_r y @nadie", mention_urls={"ana_r": "/es/members/1/"})
    assert '<a href="/es/members/1/" class="mention"' in html or 'class="mention"' in html
    assert "@nadie" in html and html.count("<a") == 1


def test_mentions_in_code_are_not_links():
    html = render_markdown("`@ana_r`", mention_urls={"ana_r": "/x/"})
    assert "<a" not in html
