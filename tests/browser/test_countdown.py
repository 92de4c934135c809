"""static/js/countdown.js writes the same time left as the server's time_left filter, and
counts down. A page of its own in Chromium: no server, no database."""

from pathlib import Path

import pytest

from tests.commerce.ticketing.test_time_left import CASES

from .conftest import CHROMIUM

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "countdown.js"
EXPECTED = {seconds: text for seconds, text in CASES if isinstance(seconds, int)}


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def countdown_page(chromium):
    """Opens a page of [data-countdown] elements with the script running on it."""
    context = chromium.new_context()

    def open_page(*values, lang="es"):
        page = context.new_page()
        page.clock.install()  # the test moves time, not the wall clock
        spans = "".join(f'<span data-countdown="{value}">…</span>' for value in values)
        page.set_content(f'<html lang="{lang}"><body>{spans}</body></html>')
        page.add_script_tag(content=SCRIPT.read_text())
        return page

    yield open_page
    context.close()


def _texts(page) -> list[str]:
    return page.eval_on_selector_all("[data-countdown]", "els => els.map(e => e.textContent)")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_script_writes_what_the_server_writes(countdown_page, lang):
    page = countdown_page(59, 3599, 3600, 90000, lang=lang)
    assert _texts(page) == ["0:59", "59:59", "1 h 00 min", "1 d 01 h"]
    page = countdown_page(*EXPECTED, lang=lang)
    assert _texts(page) == list(EXPECTED.values())


def test_it_counts_down_and_stops_at_zero(countdown_page):
    page = countdown_page(59, 3600, 86400)
    page.clock.run_for(1000)
    assert _texts(page) == ["0:58", "59:59", "23 h 59 min"]
    page.clock.run_for(60_000)
    assert _texts(page)[0] == "0:00"
