"""Gate 6: the layout holds at a phone's, a tablet's and a laptop's width, on every public
page type and the signed-in pages (docs/design.md, rule 7). At 375, 768 and 1280 px:

- nothing is wider than the screen: the document does not scroll sideways, and no visible
  element ends right of the viewport (except inside a box that scrolls sideways itself,
  like `.table-scroll`, and visually hidden text);
- no image sticks out of its card (`.card`, or the `article` it sits in);
- at 1280 the site header is one row;
- the page's main action (the event page's "Get tickets", the ticket page's "Reserve") is
  in the first screen.

One browser context per width visits every page; each width's problems are reported together.
"""

import pytest

from . import seeded
from .seeded import EVENT_ES, sign_in

# the module's demo site (tests/browser/seeded.py), and the two autouse fixtures it overrides
seeded_site = seeded.seeded_site
_live_server_helper = seeded._live_server_helper
_empty_file_storage = seeded._empty_file_storage

pytestmark = pytest.mark.browser

# width → the height of the first screen (an iPhone X, an iPad, a laptop)
SCREENS = {375: 812, 768: 1024, 1280: 900}
HEADER_ROW_MAX = 96  # px: one row of the header is --header-height (64 px) plus its padding

PROBLEMS_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = (typeof el.className === 'string' ? el.className : '').trim();
    if (cls) s += '.' + cls.split(/\\s+/).slice(0, 3).join('.');
    return s;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(name(e));
    }
    return parts.join(' > ');
  };
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (e.classList.contains('visually-hidden') || e.classList.contains('sr-only')) return true;
      if (s.position === 'absolute' && s.clip !== 'auto' && s.clip.startsWith('rect(0')) return true;
      if (s.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  const scrolls = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && e !== document.body
          && e !== document.documentElement) return true;
    }
    return false;
  };
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) problems.push(`the page scrolls sideways: ${scrollWidth} > ${width} px`);
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right <= width + 1) continue;
    if (hidden(el) || scrolls(el)) continue;
    // report the outermost offender only, not each of its children
    if (wide.some((w) => w.contains(el))) continue;
    wide.push(el);
    problems.push(`${path(el)} ends at ${Math.round(box.right)} px`);
  }
  for (const img of document.querySelectorAll('img')) {
    const card = img.closest('.card, article');
    if (!card || hidden(img)) continue;
    const a = img.getBoundingClientRect(), c = card.getBoundingClientRect();
    if (a.width === 0) continue;
    if (a.left < c.left - 1 || a.right > c.right + 1 || a.top < c.top - 1 || a.bottom > c.bottom + 1) {
      problems.push(`${path(img)} sticks out of ${name(card)}`);
    }
  }
  return problems;
}
"""

HEADER_JS = """
(max) => {
  const header = document.querySelector('.site-header');
  const inner = header.querySelector('.header-inner');
  const height = header.getBoundingClientRect().height;
  const items = [...inner.children].filter((el) => el.getBoundingClientRect().height > 0
    && getComputedStyle(el).display !== 'none');
  const tops = items.map((el) => el.getBoundingClientRect());
  const problems = [];
  if (height > max) problems.push(`the header is ${Math.round(height)} px high (max ${max})`);
  const nav = inner.querySelector('#primary-nav');
  const parts = nav ? [...nav.children].filter((el) => el.getBoundingClientRect().height > 0) : [];
  const all = [...tops, ...parts.map((el) => el.getBoundingClientRect())];
  const middle = (b) => b.top + b.height / 2;
  const first = all.length ? middle(all[0]) : 0;
  for (const box of all) {
    if (box.top > first || box.bottom < first) {
      problems.push(`the header wraps: an item spans ${Math.round(box.top)}–${Math.round(box.bottom)} px`);
      break;
    }
  }
  return problems;
}
"""

CTA_JS = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return `${selector} is missing`;
  const box = el.getBoundingClientRect();
  if (box.height === 0) return `${selector} is not shown`;
  if (box.top < 0 || box.bottom > window.innerHeight) {
    return `${selector} is at ${Math.round(box.top)}–${Math.round(box.bottom)} px, below the first screen (${window.innerHeight} px)`;
  }
  return null;
}
"""


def public_pages(site) -> list[str]:
    event = site["event"]
    return [
        "/es/",
        "/en/",
        "/es/eventos/",
        "/es/eventos/?view=calendar",
        EVENT_ES,
        f"/es/tickets/events/{event.pk}/",
        "/es/blog/",
        "/es/blog/rag-en-espanol-con-documentos-publicos/",
        "/es/documentacion/primeros-pasos/",
        "/es/recursos/",
        "/es/recursos/intro-ml/",
        "/es/forums/",
        "/es/forums/t/bienvenidos-al-foro-de-medellin-ai/",
        "/es/acerca/",
        "/es/search/?q=ia",
        "/es/auth/login/",
        "/es/auth/register/",
    ]


def signed_in_pages(site) -> list[str]:
    return [
        "/es/dashboard/",
        "/es/dashboard/billing/",
        f"/es/dashboard/billing/{site['order'].number}/",
        f"/es/tickets/reservations/{site['hold'].token}/",
        "/es/dashboard/profile/",
        "/es/dashboard/notifications/",
        "/es/dashboard/messages/",
        f"/es/dashboard/messages/{site['conversation']}/",
        "/es/members/",
        f"/es/members/{site['beto'].pk}/",
    ]


CTAS = {EVENT_ES: '[data-cta="tickets"]', "/tickets/events/": '[data-cta="reserve"]'}


def layout_problems(page, width: int, path: str) -> list[str]:
    problems = page.evaluate(PROBLEMS_JS)
    if width == 1280:
        problems += page.evaluate(HEADER_JS, HEADER_ROW_MAX)
    for key, selector in CTAS.items():
        if key in path and (problem := page.evaluate(CTA_JS, selector)):
            problems.append(problem)
    return problems


def visit_all(browser, site, width: int) -> dict[str, list[str]]:
    context = browser.new_context(
        locale="es-CO",
        viewport={"width": width, "height": SCREENS[width]},
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    found = {}
    base = site["url"]
    pages = [(path, False) for path in public_pages(site)]
    pages += [(path, True) for path in signed_in_pages(site)]
    signed_in = False
    for path, needs_login in pages:
        if needs_login and not signed_in:
            sign_in(page, base)
            signed_in = True
        response = page.goto(base + path)
        if response is None or response.status >= 400:
            found[path] = [f"answered {response and response.status}"]
            continue
        if problems := layout_problems(page, width, path):
            found[path] = problems
    context.close()
    return found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{path}:\n  " + "\n  ".join(problems[:8]) + ("\n  …" if len(problems) > 8 else "")
        for path, problems in found.items()
    )


@pytest.mark.parametrize("width", list(SCREENS))
def test_no_page_is_wider_than_the_screen(browser, seeded_site, width):
    found = visit_all(browser, seeded_site, width)
    assert not found, f"layout problems at {width} px:\n{report(found)}"


def test_the_gate_catches_a_planted_overflow(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_content(
        "<html><body style='margin:0'><header class='site-header'><div class='header-inner'>"
        "<a>x</a></div></header><main><article class='card' style='width:200px;height:100px'>"
        "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' style='width:300px;height:10px'>"
        "</article><div class='wide' style='width:600px;height:10px'></div>"
        "<span class='visually-hidden' style='position:absolute;left:500px'>ok</span>"
        "<div style='overflow-x:auto'><table style='width:900px'><tr><td>ok</td></tr></table>"
        "</div></main></body></html>"
    )
    problems = " ".join(page.evaluate(PROBLEMS_JS))
    context.close()
    assert "scrolls sideways" in problems
    assert "div.wide ends at 600 px" in problems
    assert "sticks out of article.card" in problems
    assert "visually-hidden" not in problems and "table" not in problems
