"""Detectors the security gate shares with its planted-defect tests."""

from __future__ import annotations

from bs4 import BeautifulSoup

MARKER = "XSS-"
# Each payload carries MARKER so a detector can tell its code from the page's own.
XSS_PAYLOADS = [
    '<script>alert("XSS-1")</script>',
    '<img src=x onerror=alert("XSS-2")>',
    '"><svg onload=alert("XSS-3")>',
    "'><iframe srcdoc=\"<script>alert('XSS-4')</script>\">",
    "<a href=\"javascript:alert('XSS-5')\">click</a>",
    "javascript:alert('XSS-6')",
    '<body onload=alert("XSS-7")>',
    '<details open ontoggle=alert("XSS-8")>',
    '</textarea><script>alert("XSS-9")</script>',
    '{{ 7*7 }}<style>@import "XSS-10"</style>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("XSS-11")>',
    "<scr<script>ipt>alert('XSS-12')</scr</script>ipt>",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


def executable_injections(html: str) -> list[str]:
    """Where a payload came back as markup a browser would run, rather than as text."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        content = tag.string or ""
        # Data blocks (JSON-LD) are never run; with <, > and & escaped the text cannot close
        # the tag either: a payload there is data. Had it broken out, the new tag is caught.
        is_data = (
            tag.name == "script" and tag.get("type", "").endswith("json") and "<" not in content
        )
        if (
            tag.name in ("script", "style", "iframe")
            and not is_data
            and MARKER in content + str(tag.attrs)
        ):
            found.append(f"<{tag.name}> carrying {MARKER}")
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if MARKER not in text:
                continue
            name = name.lower()
            runs_script = name.startswith("on") or name == "srcdoc"
            is_script_url = name in URL_ATTRIBUTES and text.strip().lower().startswith(
                "javascript:"
            )
            if runs_script or is_script_url:
                found.append(f"{tag.name}[{name}]={text[:80]}")
    return found


REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


def header_problems(response, *, strict_csp: bool) -> list[str]:
    problems = [
        f"{name} is {response.get(name)!r}, expected {value!r}"
        for name, value in REQUIRED_HEADERS.items()
        if response.get(name) != value
    ]
    csp = response.get("Content-Security-Policy", "")
    if "default-src 'self'" not in csp or "object-src 'none'" not in csp:
        problems.append(f"weak or missing Content-Security-Policy: {csp!r}")
    if strict_csp and "'unsafe-inline'" in csp:
        problems.append("public page allows 'unsafe-inline'")
    if "Permissions-Policy" not in response:
        problems.append("missing Permissions-Policy")
    return problems
