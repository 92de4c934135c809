"""Gate 7: the key pages look as they did. The first screen of each, at 375 and 1280 px, is
compared with its committed baseline (tests/browser/baselines/<page>-<width>.png).

Deterministic: the demo site of tests/browser/seeded.py (fixed data, the clock at
FROZEN_AT), Chromium in light mode with reduced motion and animations off, a fixed
viewport at a device scale of 1, only the first screen; what still moves is masked
(countdowns, "last activity … ago").

Tolerance: a pixel differs when one of its channels moves by more than PIXEL_THRESHOLD
(of 255), which absorbs anti-aliasing and the PNG palette of the baselines; the page fails
when more than MAX_DIFF_RATIO of its pixels differ (0.5 %: a line of text that moves, a
button that changes colour or a block that shifts by a few pixels is well above it).
On failure, test-results/ gets <page>-<width>.actual.png and .diff.png (changed pixels in red).

A missing baseline fails. Baselines are written only on purpose: `make baselines`
(UPDATE_BASELINES=1, this module alone); look at them before committing.
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from scripts.screenshots import IMAGES_READY  # the shots in docs/ wait the same way

from . import seeded
from .conftest import RESULTS
from .seeded import EVENT_ES, sign_in

# the module's demo site (tests/browser/seeded.py), and the two autouse fixtures it overrides
seeded_site = seeded.seeded_site
_live_server_helper = seeded._live_server_helper
_empty_file_storage = seeded._empty_file_storage

pytestmark = pytest.mark.browser

BASELINES = Path(__file__).resolve().parent / "baselines"
UPDATE = os.environ.get("UPDATE_BASELINES") == "1"
PIXEL_THRESHOLD = 40
MAX_DIFF_RATIO = 0.005
SCREENS = {375: 812, 1280: 900}
MASKS = ["[data-countdown]"]  # on every page

# name → path (a callable of the seeded site when the path needs its data), signed in?,
# what else to mask (the forums write "last activity … ago" from the wall clock)
PAGES = {
    "home-es": ("/es/", False, []),
    "events": ("/es/eventos/", False, []),
    "event": (EVENT_ES, False, []),
    "tickets": (lambda site: f"/es/tickets/events/{site['event'].pk}/", False, []),
    "blog": ("/es/blog/", False, []),
    "forums": ("/es/forums/", False, ["main time"]),
    "resources": ("/es/recursos/", False, []),
    "dashboard": ("/es/dashboard/", True, ["main time"]),
}


def png_bytes(image: Image.Image) -> bytes:
    """A baseline as small as it can be: a 256-colour palette, optimised."""
    buffer = io.BytesIO()
    image.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def compare(actual: Image.Image, expected: Image.Image) -> tuple[float, Image.Image | None]:
    """The share of pixels that differ, and an image of them (None when the sizes differ)."""
    actual, expected = actual.convert("RGB"), expected.convert("RGB")
    if actual.size != expected.size:
        return 1.0, None
    difference = ImageChops.difference(actual, expected)
    # a pixel differs when its largest channel difference passes the threshold
    channels = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    changed = largest.point(lambda value: 255 if value > PIXEL_THRESHOLD else 0)
    ratio = changed.histogram()[255] / (actual.width * actual.height)
    faded = Image.blend(expected, Image.new("RGB", expected.size, "white"), 0.7)
    marked = Image.composite(Image.new("RGB", expected.size, "red"), faded, changed)
    return ratio, marked


def new_page(browser, width: int, **options):
    context = browser.new_context(
        locale="es-CO",
        timezone_id="America/Bogota",
        viewport={"width": width, "height": SCREENS[width]},
        device_scale_factor=1,
        color_scheme="light",
        reduced_motion="reduce",
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture(scope="module")
def contexts(browser, seeded_site):
    """One browser context per (width, signed in), opened when first needed."""
    opened = {}

    def get(width: int, signed_in: bool):
        if (width, signed_in) not in opened:
            page = new_page(browser, width)
            if signed_in:
                sign_in(page, seeded_site["url"])
            opened[width, signed_in] = page
        return opened[width, signed_in]

    yield get
    for page in opened.values():
        page.context.close()


def shoot(page, url: str, extra_masks=()) -> Image.Image:
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate(IMAGES_READY)
    masks = [page.locator(selector) for selector in [*MASKS, *extra_masks]]
    data = page.screenshot(animations="disabled", caret="hide", mask=masks, full_page=False)
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("width", list(SCREENS))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_looks_like_its_baseline(contexts, seeded_site, name, width):
    path, signed_in, masks = PAGES[name]
    path = path(seeded_site) if callable(path) else path
    actual = shoot(contexts(width, signed_in), seeded_site["url"] + path, masks)
    baseline = BASELINES / f"{name}-{width}.png"
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        baseline.write_bytes(png_bytes(actual))
        return
    assert baseline.exists(), f"no baseline {baseline.name}: run `make baselines` and look at it"
    ratio, marked = compare(actual, Image.open(baseline))
    if ratio > MAX_DIFF_RATIO:
        RESULTS.mkdir(exist_ok=True)
        actual.save(RESULTS / f"{name}-{width}.actual.png")
        if marked is not None:
            marked.save(RESULTS / f"{name}-{width}.diff.png")
    assert ratio <= MAX_DIFF_RATIO, (
        f"{path} at {width} px: {ratio:.2%} of the pixels differ from {baseline.name} "
        f"(max {MAX_DIFF_RATIO:.1%}); see test-results/{name}-{width}.diff.png, and run "
        "`make baselines` if the change is wanted"
    )


def test_the_gate_catches_a_planted_change(browser, seeded_site):
    """Two shots of a page match each other (its first screen is stable), and one small
    change of style is caught against a baseline made from the first, as `make baselines`
    writes it."""
    page = new_page(browser, 1280, bypass_csp=True)  # to plant a <style>
    url = seeded_site["url"] + "/es/eventos/"
    first = Image.open(io.BytesIO(png_bytes(shoot(page, url))))
    assert compare(shoot(page, url), first)[0] <= MAX_DIFF_RATIO
    page.add_style_tag(content=".card-title { letter-spacing: 0.05em }")
    masks = [page.locator(selector) for selector in MASKS]
    planted = Image.open(io.BytesIO(page.screenshot(animations="disabled", mask=masks)))
    page.context.close()
    assert compare(planted, first)[0] > MAX_DIFF_RATIO
