"""Gate 3: security headers on every page type, cookies, bandit, and an XSS corpus through
every field that accepts user text."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from community.accounts.roles import Role

from .security import XSS_PAYLOADS, executable_injections, header_problems

ROOT = Path(__file__).resolve().parents[2]
OUR_CODE = ["config", "cms", "commerce", "community", "search", "demo"]

PUBLIC_PAGES = [
    "/es/",
    "/en/",
    "/es/acerca/",
    "/en/about/",
    "/es/search/?q=ia",
    "/es/auth/login/",
    "/en/auth/register/",
    "/es/auth/reset-password/",
    "/health/",
    "/api/v1/me/",
    "/api/v2/pages/",
    "/api/schema/",
]
EVENT_PAGES = [
    "/es/eventos/",
    "/en/events/?when=past&area=laureles",
    "/es/eventos/categories/talleres/",
    "/es/eventos/taller-de-agentes/",
]
# the docs section and the resource library, seeded by their demo steps
LIBRARY_PAGES = [
    "/es/documentacion/",
    "/en/docs/getting-started/",
    "/es/documentacion/organizar-eventos/proponer-un-evento/",
    "/es/recursos/",
    "/en/resources/?type=tool&tag=python",
    "/es/recursos/intro-ml/",
    "/es/recursos/kit-ponentes/",  # members-only: a redirect to log in
    "/api/v2/pages/?type=resources.ResourcePage&fields=*",
    "/api/v2/pages/?type=docs.DocPage&fields=toc",
]
BACK_OFFICE_PAGES = ["/admin/login/", "/django-admin/login/", "/es/shop/dashboard/login/",
                     "/api/docs/"]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_strict_security_headers(client, demo_site, path):
    response = client.get(path)
    assert response.status_code < 500
    assert header_problems(response, strict_csp=True) == []


@pytest.fixture
def event_site(demo_site):
    from cms.events.factories import event_indexes, make_category, make_event

    index = event_indexes(demo_site["homes"])["es"]
    workshops = make_category(name="Talleres", slug="talleres")
    make_event(index, title="Taller de agentes", slug="taller-de-agentes", categories=[workshops])


@pytest.mark.django_db
@pytest.mark.parametrize("path", EVENT_PAGES)
def test_event_pages_send_strict_security_headers(client, event_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert header_problems(response, strict_csp=True) == []


BLOG_PAGES = [
    "/es/blog/",
    "/en/blog/",
    "/es/blog/tag/rag/",
    "/es/blog/feed/",
    "/en/blog/feed/atom/",
]


@pytest.mark.django_db
def test_blog_pages_send_strict_security_headers(client, demo_site, member):
    from cms.blog.factories import blog_indexes, blog_post

    indexes = blog_indexes(demo_site["homes"])
    post = blog_post(indexes["es"], tags=["rag"])
    for path in [*BLOG_PAGES, post.url]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert header_problems(response, strict_csp=True) == [], path
    client.force_login(member)  # the page with the comment form
    assert header_problems(client.get(post.url), strict_csp=True) == []


@pytest.mark.django_db
def test_docs_and_library_pages_send_strict_security_headers(client, demo_site, library):
    from cms.docs.demo import demo_docs

    demo_docs(demo_site["homes"])
    for path in LIBRARY_PAGES:
        response = client.get(path)
        assert response.status_code < 400, path
        assert header_problems(response, strict_csp=True) == [], path


@pytest.mark.django_db
@pytest.mark.parametrize("path", BACK_OFFICE_PAGES)
def test_back_office_pages_send_security_headers(client, demo_site, path):
    response = client.get(path)
    assert response.status_code < 500
    assert header_problems(response, strict_csp=False) == []


@pytest.mark.django_db
def test_signed_in_pages_send_strict_headers(client, member, demo_site):
    client.force_login(member)
    for path in ("/es/dashboard/", "/es/dashboard/profile/", "/es/dashboard/messages/"):
        assert header_problems(client.get(path), strict_csp=True) == [], path


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_SSL_REDIRECT=True)
def test_https_sends_hsts_and_plain_http_is_redirected(client, demo_site):
    assert client.get("/es/").status_code == 301
    response = client.get("/es/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_httponly_and_samesite(client, member, password):
    client.get("/es/auth/login/", secure=True)
    response = client.post(
        "/es/auth/login/", {"login": member.email, "password": password}, secure=True
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    # readable by scripts on purpose (Oscar's dashboard sends it with AJAX); Django's advice
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def _bandit(*targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed tool, our own paths
        [sys.executable, "-m", "bandit", "-r", "-q", "-ll", "-x", "*/migrations/*", *targets],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_bandit_finds_no_medium_or_high_issue_in_our_code():
    done = _bandit(*OUR_CODE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_bandit_gate_catches_a_planted_shell_injection(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n")
    done = _bandit(str(planted))
    assert done.returncode != 0
    assert "B602" in done.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_profiles_never_come_back_executable(
    client, api_client, make_user, demo_site, payload
):
    member = make_user(Role.MEMBER)
    api_client.force_authenticate(member)
    response = api_client.patch(
        "/api/v1/me/",
        {
            "first_name": payload[:255],
            "last_name": payload[:255],
            "organization_name": payload[:200],
            "profile_type": "organization",
            "bio": payload,
            "location": payload[:100],
            "ai_interests": [payload[:50]],
            "skills": [payload[:50]],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    client.force_login(member)
    pages = ["/es/dashboard/", "/es/dashboard/profile/"]
    admin = make_user(Role.ADMIN)
    for path in pages:
        assert executable_injections(client.get(path).content.decode()) == [], path
    # where other members see the name: connection requests and their notification
    from community.connections.services import connection_request

    victim = make_user(Role.MEMBER)
    connection_request(sender=member, recipient=victim)
    client.force_login(victim)
    for path in [
        "/es/dashboard/connections/",
        "/es/dashboard/notifications/",
        "/es/members/",
        f"/es/members/{member.pk}/",
    ]:
        assert executable_injections(client.get(path).content.decode()) == [], path
    client.force_login(admin)
    for path in ["/admin/profiles/", f"/admin/profiles/inspect/{member.profile.pk}/",
                 f"/admin/profiles/edit/{member.profile.pk}/", "/admin/users/"]:  # fmt: skip
        assert executable_injections(client.get(path).content.decode()) == [], path


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_portfolios_never_come_back_executable(
    client, api_client, make_user, payload
):
    member = make_user(Role.MEMBER)
    api_client.force_authenticate(member)
    # no payload is an http(s) address: as a link each one is refused
    response = api_client.post("/api/v1/me/portfolio/", {"title": "x", "url": payload})
    assert response.status_code == 400, response.content
    assert set(response.json()["error"]["fields"]) == {"url"}
    # as text they are stored, and a link that breaks out of its attribute is kept as text
    response = api_client.post(
        "/api/v1/me/portfolio/",
        {
            "title": payload[:200],
            "description": payload,
            "url": 'https://example.com/"onmouseover="alert(\'XSS-13\')"',
        },
    )
    assert response.status_code == 201, response.content
    item_id = response.json()["id"]
    client.force_login(member)
    for path in ["/es/dashboard/profile/", f"/es/dashboard/profile/portfolio/{item_id}/"]:
        assert executable_injections(client.get(path).content.decode()) == [], path
    client.force_login(make_user(Role.MEMBER))
    html = client.get(f"/es/members/{member.pk}/").content.decode()
    assert "XSS-" in html  # the work is shown (as text)
    assert executable_injections(html) == []
    client.force_login(make_user(Role.ADMIN))
    html = client.get(f"/admin/profiles/edit/{member.profile.pk}/").content.decode()
    assert executable_injections(html) == []


@pytest.mark.django_db
def test_script_links_are_refused_everywhere_a_portfolio_is_edited(client, make_user):
    member = make_user(Role.MEMBER)
    client.force_login(member)
    response = client.post(
        "/es/dashboard/profile/portfolio/",
        {"new-title": "Obra", "new-url": "javascript:alert('XSS-6')"},
    )
    assert response.status_code == 200  # the form again, with the error
    from community.accounts.models import PortfolioItem

    assert not PortfolioItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_notifications_never_come_back_executable(client, make_user, payload):
    from community.notifications.services import notify

    member = make_user(Role.MEMBER)
    notify(
        recipient=member,
        type_code="account.role_changed",
        context={"role": payload, "reason": payload},
    )
    client.force_login(member)
    html = client.get("/es/dashboard/notifications/").content.decode()
    assert executable_injections(html) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_forum_posts_never_come_back_executable(
    client, api_client, make_user, settings, payload
):
    from community.forums.models import ForumCategory

    settings.FORUM_HOLD_FIRST_POSTS = 0
    category = ForumCategory.objects.create(name_es=payload[:100], name_en="x", slug="xss")
    author, moderator = make_user(Role.MEMBER), make_user("moderator")
    api_client.force_authenticate(author)
    created = api_client.post(
        "/api/v1/forums/topics/",
        {"category": category.pk, "title": f"Tema {payload}"[:200], "body": payload},
        format="json",
    )
    assert created.status_code == 201, created.content
    topic = created.json()
    reply = api_client.post(
        f"/api/v1/forums/topics/{topic['id']}/posts/", {"body": f"[x]({payload}) {payload}"}
    ).json()
    api_client.patch(f"/api/v1/forums/posts/{reply['id']}/", {"body": f"> {payload}"})
    api_client.force_authenticate(make_user(Role.MEMBER))
    api_client.post(
        f"/api/v1/forums/posts/{reply['id']}/report/", {"reason": "other", "note": payload}
    )
    pages = [
        "/es/forums/",
        "/es/forums/c/xss/",
        topic["url"],
        f"/es/forums/p/{reply['id']}/history/",
        "/es/forums/search/?q=tema",
    ]
    for path in pages:
        assert executable_injections(client.get(path).content.decode()) == [], path
    client.force_login(moderator)
    for path in [topic["url"], "/admin/forums/moderation/", "/es/dashboard/notifications/"]:
        assert executable_injections(client.get(path).content.decode()) == [], path


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_blog_comments_never_come_back_executable(
    client, api_client, demo_site, make_user, payload
):
    from django_q.conf import Conf

    from cms.blog.factories import blog_indexes, blog_post
    from cms.blog.models import BlogComment
    from cms.blog.services import comment_moderate

    post = blog_post(blog_indexes(demo_site["homes"])["es"], author=make_user(Role.MEMBER))
    author, moderator = make_user(Role.MEMBER), make_user("moderator")
    api_client.force_authenticate(author)
    for body in (payload, f"[x]({payload}) {payload}", f"> {payload}"):
        response = api_client.post(f"/api/v1/blog/posts/{post.pk}/comments/", {"body": body})
        assert response.status_code in (201, 429), response.content
    client.force_login(moderator)
    queue = client.get("/admin/blog/comments/").content.decode()
    assert executable_injections(queue) == []
    assert Conf.SYNC  # notifications are rendered inline below
    for comment in BlogComment.objects.filter(status="pending"):
        comment_moderate(moderator=moderator, comment=comment, action="approve")
    assert BlogComment.objects.filter(status="approved").exists()
    for path in (post.url, f"/api/v1/blog/posts/{post.pk}/comments/"):
        assert executable_injections(client.get(path).content.decode()) == [], path
    client.logout()
    assert executable_injections(client.get(post.url).content.decode()) == []
    client.force_login(author)
    assert executable_injections(client.get("/es/dashboard/notifications/").content.decode()) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_messages_never_come_back_executable(
    client, api_client, make_user, payload
):
    from community.connections.services import connection_accept, connection_request
    from community.messaging.models import MessageReport
    from community.messaging.services import message_report, message_send

    sender = make_user(Role.MEMBER, first_name=payload[:150], last_name=payload[:150])
    victim = make_user(Role.MEMBER)
    connection_accept(
        user=victim, connection_id=connection_request(sender=sender, recipient=victim).pk
    )
    body = f"{payload} https://example.org/?q={payload}\n{payload}"
    message = message_send(sender=sender, recipient=victim, body=body)
    pk = message.conversation_id
    client.force_login(victim)
    for path in [
        "/es/dashboard/messages/",
        f"/es/dashboard/messages/{pk}/",
        "/es/dashboard/notifications/",
        "/es/dashboard/",
    ]:
        assert executable_injections(client.get(path).content.decode()) == [], path
    # what the polling script inserts into the page
    api_client.force_authenticate(victim)
    for item in api_client.get(f"/api/v1/conversations/{pk}/messages/").json()["results"]:
        assert executable_injections(item["body_html"]) == []
    # and where moderators read it
    message_report(reporter=victim, message=message, reason="spam", note=payload)
    client.force_login(make_user("moderator"))
    report = MessageReport.objects.get()
    for path in ["/admin/message_reports/", f"/admin/message_reports/review/{report.pk}/"]:
        assert executable_injections(client.get(path).content.decode()) == [], path


def test_xss_detector_catches_a_planted_unescaped_value():
    from django.template import Context, Template

    unsafe = Template("<p>{{ bio|safe }}</p>").render(Context({"bio": XSS_PAYLOADS[1]}))
    safe = Template("<p>{{ bio }}</p>").render(Context({"bio": XSS_PAYLOADS[1]}))
    assert executable_injections(unsafe) != []
    assert executable_injections(safe) == []


def test_header_check_catches_a_page_without_protection():
    from django.http import HttpResponse

    problems = header_problems(HttpResponse("bare"), strict_csp=True)
    assert any("Content-Security-Policy" in p for p in problems)
    assert any("X-Content-Type-Options" in p for p in problems)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_events_never_come_back_executable(client, demo_site, payload):
    """Organizers write event text (and will, through the submission wizard): title, summary,
    venue, speakers and agenda reach the page, the listing and the JSON-LD script."""
    from cms.events.factories import event_indexes, make_category, make_event, make_venue
    from cms.events.models import EventSession, Speaker

    index = event_indexes(demo_site["homes"])["es"]
    category = make_category(name=payload[:80], slug="xss")
    venue = make_venue(name=payload[:120], address=payload[:255], transit_info=payload[:255])
    event = make_event(index, title=payload[:255], summary=payload[:300], venue=venue,
                       categories=[category], sessions=1, slug="xss-event")  # fmt: skip
    session = EventSession.objects.get(event=event)
    session.title, session.room, session.track = payload[:160], payload[:80], payload[:80]
    session.speakers.add(Speaker.objects.create(name=payload[:120], bio=payload[:1000]))
    session.save()
    for path in [event.url, "/es/eventos/", "/es/eventos/categories/xss/", "/es/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert executable_injections(response.content.decode()) == [], path


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_event_submissions_never_come_back_executable(
    client, demo_site, make_user, payload
):
    """Everything an organizer types in the wizard comes back on the dashboard, the review
    step and the wizard's own forms; then in the page written from it."""
    from datetime import timedelta

    from django.utils import timezone

    from cms.events.factories import event_indexes, make_venue
    from cms.events.services import submission_create, submission_submit

    event_indexes(demo_site["homes"])
    day = (timezone.now() + timedelta(days=9)).date().isoformat()
    organizer = make_user(Role.ORGANIZER)
    venue = make_venue(name=payload[:120])
    submission = submission_create(
        user=organizer,
        data={
            "details": {"title": payload[:120], "summary": payload[:300],
                        "description": payload, "tags": "", "language": "es",
                        "time_zone": "America/Bogota", "start": f"{day}T18:00",
                        "end": f"{day}T20:00"},
            "place": {"event_format": "in_person", "venue": venue.pk},
            "agenda": {"sessions": [{"title": payload[:160], "room": payload[:80],
                                     "start": f"{day}T18:00", "end": f"{day}T19:00"}]},
            "requirements": {"questions": [{"label": payload[:200], "kind": "text"}]},
        },
    )  # fmt: skip
    client.force_login(organizer)
    base = f"/es/dashboard/events/submissions/{submission.pk}"
    paths = ["/es/dashboard/events/submissions/", *(f"{base}/{step}/" for step in
             ("details", "place", "agenda", "requirements", "review"))]  # fmt: skip
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert executable_injections(response.content.decode()) == [], path
    submission = submission_submit(submission=submission, user=organizer)
    response = client.get("/es/dashboard/events/")
    assert executable_injections(response.content.decode()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_docs_and_resources_never_come_back_executable(
    client, make_user, demo_site, payload
):
    """Editors' text (titles, summaries, headings, code, tags, category names) on the
    docs and library pages, for visitors and members. JSON-LD blocks are data (their
    <, > and & escaped) and are checked apart."""
    import re

    from cms.docs.models import DocPage, DocsIndexPage
    from cms.resources.models import ResourceCategory, ResourceIndexPage, ResourcePage

    home = demo_site["homes"]["es"]
    category = ResourceCategory.objects.create(locale=home.locale, name=payload[:80], slug="xss")
    library = ResourceIndexPage.objects.child_of(home).get()  # the demo's (tests/conftest.py)
    resource = ResourcePage(
        title=f"R {payload}"[:255],
        summary=payload,
        locale=home.locale,
        external_url="https://example.org/",
        visibility="members",
    )
    library.add_child(instance=resource)
    resource.categories = [category]
    resource.tags.add(payload[:100])
    resource.save_revision().publish()
    docs = DocsIndexPage(title="Docs", slug="docs", locale=home.locale, introduction=payload)
    home.add_child(instance=docs)
    doc = DocPage(
        title=f"D {payload}"[:255],
        locale=home.locale,
        summary=payload[:300],
        body=[
            ("heading", payload[:120]),
            ("code", {"language": "html", "code": payload, "caption": payload[:200]}),
        ],
    )
    docs.add_child(instance=doc)
    doc.save_revision().publish()
    ld_json = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

    def check(path):
        html = client.get(path).content.decode()
        assert all("<" not in block for block in ld_json.findall(html)), path
        assert executable_injections(ld_json.sub("", html)) == [], path

    for path in ["/es/recursos/", "/es/docs/", doc.url]:  # the API answers JSON, not HTML
        check(path)
    client.force_login(make_user(Role.MEMBER))
    for path in ["/es/recursos/", resource.url, f"/es/recursos/?tag={resource.tags.first().slug}"]:
        check(path)


@pytest.mark.parametrize(
    "path", ["/es/", "/api/v1/holds/", "/admin/", "/api/docs/", "/es/shop/dashboard/"]
)
def test_the_policy_built_once_per_kind_of_path_is_the_one_django_csp_builds(rf, path):
    from django.http import HttpResponse

    from config.middleware import CSPMiddleware

    built_once = CSPMiddleware(lambda r: HttpResponse())
    every_time = CSPMiddleware(lambda r: HttpResponse())
    every_time.fast = False  # django-csp's process_response for every response
    headers = []
    for middleware in (built_once, built_once, every_time):  # built, reused, django-csp's
        request = rf.get(path)
        middleware.process_request(request)
        headers.append(middleware.process_response(request, HttpResponse()))
    assert len({h["Content-Security-Policy"] for h in headers}) == 1
    relaxed = path in ("/admin/", "/api/docs/", "/es/shop/dashboard/")  # back-office UIs
    assert ("'unsafe-inline'" in headers[0]["Content-Security-Policy"]) == relaxed
    assert headers[0]["Permissions-Policy"] == headers[2]["Permissions-Policy"]


def test_a_views_own_policy_still_reaches_the_header(rf):
    from django.http import HttpResponse

    from config.middleware import CSPMiddleware

    middleware = CSPMiddleware(lambda r: HttpResponse())
    plain = rf.get("/es/")
    middleware.process_request(plain)
    middleware.process_response(plain, HttpResponse())
    updated = rf.get("/es/")
    middleware.process_request(updated)
    response = HttpResponse()
    response._csp_update = {"img-src": ["https://images.example.org"]}
    header = middleware.process_response(updated, response)["Content-Security-Policy"]
    assert "https://images.example.org" in header
    exempt = rf.get("/es/")
    middleware.process_request(exempt)
    response = HttpResponse()
    response._csp_exempt = True
    assert "Content-Security-Policy" not in middleware.process_response(exempt, response)
    # after the header is written, asking for a nonce is an error, as with django-csp
    with pytest.raises(Exception, match="csp_nonce"):
        str(plain.csp_nonce)
