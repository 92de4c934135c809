"""Screenshots of the key pages at a phone's and a laptop's width, with the demo content.

    .venv/bin/python scripts/screenshots.py [--out docs/design/after] [--root .]

Builds a throwaway demo site from the checkout at --root: a SQLite database and media folder
in a temporary directory (`manage.py migrate`, `manage.py seed_demo`, dev settings), serves
it with `manage.py runserver` on a free port, and saves the first screen of each page
(375 × 812 and 1280 × 900, light theme) as WebP into --out, named <page>-<width>.webp.
Nothing of the checkout's own database or media is touched. Chromium is Debian's
(CHROMIUM_PATH, default /usr/bin/chromium). `make screenshots` runs it.

The script uses only what any checkout of the project has (manage.py, seed_demo, the demo's
URLs, the demo users), so it can shoot an older commit too: copy it there and pass --root.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PASSWORD = "medellin-demo-2026"  # noqa: S105 (the demo users' documented password)
MEMBER = "member@medellin.ai"
WIDTHS = {375: 812, 1280: 900}
# name → path; "event" and "tickets" are found from the listing, the dashboard signs in
PAGES = {
    "home-es": "/es/",
    "home-en": "/en/",
    "events": "/es/eventos/",
    "event": None,
    "tickets": None,
    "blog": "/es/blog/",
    "docs": "/es/documentacion/",
    "resources": "/es/recursos/",
    "forums": "/es/forums/",
    "members": "/es/members/",
    "login": "/es/auth/login/",
    "dashboard": "/es/dashboard/",
}
SIGNED_IN = {"members", "dashboard"}
# The load event does not wait for lazy images, even those in the first screen: wait for
# them (and the fonts), decoded, so a shot never catches a poster half drawn.
IMAGES_READY = """
async () => {
  await document.fonts.ready;
  const shown = [...document.images].filter((img) => {
    const box = img.getBoundingClientRect();
    return box.width > 0 && box.bottom > 0 && box.top < window.innerHeight;
  });
  await Promise.all(shown.map((img) => img.decode().catch(() => null)));
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the demo server did not answer at {url}")


def manage(root: Path, env: dict, *args: str) -> None:
    print("  manage.py", " ".join(args), flush=True)  # noqa: T201
    subprocess.run([sys.executable, "manage.py", *args], cwd=root, env=env, check=True)  # noqa: S603


def find_links(page, base: str) -> dict[str, str]:
    """The first upcoming event of the listing, and its ticket page."""
    page.goto(base + "/es/eventos/")
    hrefs = page.eval_on_selector_all(
        "main h2 a[href], main h3 a[href]", "links => links.map(a => a.pathname)"
    )
    events = [h for h in hrefs if h.startswith("/es/eventos/") and h.count("/") == 4]
    events = [h for h in events if not any(word in h for word in ("/categor", "/feed"))]
    found = {"event": events[0]} if events else {}
    if events:
        page.goto(base + events[0])
        tickets = page.eval_on_selector_all(
            "main a[href*='/tickets/events/']", "links => links.map(a => a.pathname)"
        )
        if tickets:
            found["tickets"] = tickets[0]
    return found


def shoot(base: str, out: Path) -> list[Path]:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for width, height in WIDTHS.items():
            context = browser.new_context(
                locale="es-CO",
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                color_scheme="light",
                reduced_motion="reduce",
            )
            page = context.new_page()
            paths = {**PAGES, **find_links(page, base)}
            signed_in = False
            for name, path in sorted(paths.items(), key=lambda item: item[0] in SIGNED_IN):
                if path is None:
                    print(f"  {name}: not found, skipped", flush=True)  # noqa: T201
                    continue
                if name in SIGNED_IN and not signed_in:
                    page.goto(base + "/es/auth/login/")
                    page.locator("#id_login").fill(MEMBER)
                    page.locator("#id_password").fill(PASSWORD)
                    page.locator("main form button[type=submit]").click()
                    page.wait_for_load_state("load")
                    signed_in = True
                page.goto(base + path)
                page.wait_for_load_state("load")
                page.evaluate(IMAGES_READY)
                data = page.screenshot(animations="disabled", caret="hide")
                target = out / f"{name}-{width}.webp"
                Image.open(io.BytesIO(data)).save(target, "WEBP", quality=72, method=6)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/design/after", help="the folder for the images")
    parser.add_argument("--root", default=".", help="the checkout to serve (default: here)")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "DEMO_PASSWORD": PASSWORD,
            "DEBUG": "1",
        }
        manage(root, env, "migrate", "--noinput", "-v", "0")
        manage(root, env, "seed_demo", "--password", PASSWORD)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/es/")
            saved = shoot(base, out)
        finally:
            server.terminate()
            server.wait(timeout=20)
    size = sum(path.stat().st_size for path in saved)
    print(f"{len(saved)} screenshots, {size / 1024:.0f} kB, in {out}")  # noqa: T201


if __name__ == "__main__":
    main()
