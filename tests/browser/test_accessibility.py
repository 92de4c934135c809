"""Gate 5: axe-core on every public page type, in both languages: no serious or critical
violation of WCAG 2.1 A/AA."""

from pathlib import Path

import pytest

from community.accounts.factories import DEFAULT_PASSWORD, UserFactory
from community.accounts.roles import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason="axe-core missing (npm install): accessibility gate NOT RUN"
)
PUBLIC = {
    "es": ["/es/", "/es/acerca/", "/es/search/?q=ia", "/es/auth/login/", "/es/auth/register/",
           "/es/auth/reset-password/", "/es/auth/login/code/", "/es/forums/", "/es/forums/c/preguntas/",
           "/es/forums/t/bienvenidos-al-foro-de-medellin-ai/", "/es/forums/search/?q=modelo",
           "/es/eventos/", "/es/eventos/?when=past", "/es/eventos/encuentro-mensual-agentes-de-ia/",
           "/es/blog/", "/es/blog/rag-en-espanol-con-documentos-publicos/", "/es/blog/tag/rag/",
           "/es/blog/category/tutoriales/",
           "/es/documentacion/", "/es/documentacion/primeros-pasos/", "/es/recursos/",
           "/es/recursos/?type=tool", "/es/recursos/intro-ml/"],
    "en": ["/en/", "/en/about/", "/en/search/?q=ai", "/en/auth/login/", "/en/auth/register/",
           "/en/auth/reset-password/", "/en/auth/login/code/", "/en/notifications/unsubscribe/x/",
           "/en/forums/", "/en/forums/t/chunking-strategies-that-actually-work/",
           "/en/events/categories/workshops/", "/en/events/monthly-meetup-ai-agents/",
           "/en/blog/", "/en/blog/spanish-rag-with-public-documents/",
           "/en/docs/organizing-events/propose-an-event/", "/en/resources/", "/en/resources/guia-rapida/"],
}  # fmt: skip
SIGNED_IN = [
    f"/{lang}/{page}"
    for lang in ("es", "en")
    for page in (
        "dashboard/", "dashboard/profile/", "dashboard/notifications/", "dashboard/settings/",
        "dashboard/connections/", "dashboard/messages/", "members/", "members/?interest=nlp",
        "forums/new/", "forums/t/bienvenidos-al-foro-de-medellin-ai/", "members/?query=nadie",
        "auth/password/change/", "auth/email/",
        "dashboard/welcome/account/", "dashboard/welcome/about/",
        "dashboard/welcome/preferences/",
    )
]  # fmt: skip


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(bypass_csp=True)  # to inject axe into our strict-CSP pages
    yield context.new_page()
    context.close()


@pytest.fixture
def site(live_server):
    from django.urls import reverse
    from django.utils import translation

    from cms.blog import demo as blog_demo
    from cms.events import demo as events_demo
    from cms.home import demo
    from community.forums import demo as forums_demo

    with translation.override("es"):
        homes = demo.home_pages(reverse("account_signup"))
        demo.standard_pages(homes)
        events_demo.demo_events(homes)
    UserFactory(email="autora@example.org", role=Role.MEMBER)
    UserFactory(email="autor@example.org", role=Role.MEMBER)
    forums_demo.demo_forums()
    blog_demo.demo_blog(homes)
    from cms.docs.demo import demo_docs

    demo_docs(homes)  # the library is in every test database (tests/conftest.py)
    return live_server.url


@needs_axe
def test_public_pages_in_both_languages(axe_page, site):
    problems = {}
    for paths in PUBLIC.values():
        for path in paths:
            axe_page.goto(site + path)
            if found := serious_violations(axe_page):
                problems[path] = found
    assert problems == {}


@needs_axe
def test_signed_in_pages(axe_page, site):
    from community.accounts.services import portfolio_item_create, profile_update
    from community.connections.services import connection_accept, connection_request
    from community.messaging.services import conversation_mark_read, message_send
    from community.notifications.services import notify

    ana = UserFactory(email="ana@example.org", role=Role.MEMBER)
    notify(recipient=ana, type_code="account.role_changed", context={"role": "Miembro"})
    # a finished profile (so login lands on the dashboard), a portfolio and some history
    profile_update(
        profile=ana.profile,
        actor=ana,
        data={"ai_interests": ["NLP"], "experience_level": "advanced", "location": "Laureles"},
    )
    item = portfolio_item_create(
        profile=ana.profile,
        actor=ana,
        data={"title": "Asistente", "url": "https://example.com/a", "description": "RAG"},
    )
    beto = UserFactory(email="beto@example.org", role=Role.MEMBER)
    connection_accept(user=beto, connection_id=connection_request(sender=ana, recipient=beto).pk)
    sent = message_send(sender=ana, recipient=beto, body="Hola Beto, ¿vienes al meetup?")
    conversation_mark_read(user=beto, conversation=sent.conversation)  # "Seen" is shown
    message_send(sender=beto, recipient=ana, body="¡Claro! https://medellin.ai\nNos vemos.")
    from community.forums.models import Post, Topic
    from community.forums.services import post_create, post_edit

    topic = Topic.objects.get(slug="bienvenidos-al-foro-de-medellin-ai")
    theirs = Post.objects.filter(topic=topic, status="visible").first()
    mine = post_create(author=ana, topic=topic, body="Hola a todos.")
    post_edit(post=mine, editor=ana, body="Hola a todos, soy Ana.")  # a history to show
    pages = [
        *SIGNED_IN,
        *(f"/{lang}/members/{user.pk}/" for lang in ("es", "en") for user in (ana, beto)),
        *(f"/{lang}/dashboard/profile/portfolio/{item.pk}/" for lang in ("es", "en")),
        *(f"/{lang}/dashboard/messages/{sent.conversation_id}/" for lang in ("es", "en")),
        *(
            f"/{lang}/forums/p/{mine.pk}/{page}/"
            for lang in ("es", "en")
            for page in ("edit", "history")
        ),
        *(f"/{lang}/forums/p/{theirs.pk}/report/" for lang in ("es", "en")),
        "/es/blog/rag-en-espanol-con-documentos-publicos/",  # with the comment form
        "/en/blog/spanish-rag-with-public-documents/",
        "/es/recursos/",
        "/es/recursos/kit-ponentes/",
        "/en/resources/kit-ponentes/",
    ]
    axe_page.goto(site + "/es/auth/login/")
    axe_page.locator("#id_login").fill("ana@example.org")
    axe_page.locator("#id_password").fill(DEFAULT_PASSWORD)
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_url(site + "/es/dashboard/")
    problems = {}
    for path in pages:
        axe_page.goto(site + path)
        if found := serious_violations(axe_page):
            problems[path] = found
    assert problems == {}


DARK = ["/es/", "/es/eventos/", "/es/eventos/encuentro-mensual-agentes-de-ia/", "/en/blog/",
        "/es/forums/", "/es/recursos/", "/es/documentacion/primeros-pasos/", "/es/auth/login/",
        "/es/auth/register/"]  # fmt: skip


@needs_axe
@pytest.mark.parametrize("width", [375, 1280])
def test_dark_theme_keeps_contrast(browser, site, width):
    """The dark theme (prefers-color-scheme) at a phone's and a laptop's width."""
    context = browser.new_context(
        bypass_csp=True, color_scheme="dark", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    problems = {}
    for path in DARK:
        page.goto(site + path)
        if found := serious_violations(page):
            problems[path] = found
    context.close()
    assert problems == {}


@needs_axe
def test_axe_catches_a_planted_inaccessible_page(axe_page):
    axe_page.set_content(
        '<html><body><img src="x.png"><button></button>'
        '<p style="color:#eee;background:#fff">faint</p></body></html>'
    )
    found = " ".join(serious_violations(axe_page))
    assert "image-alt" in found and "button-name" in found and "color-contrast" in found


def _registered_event(organizer):
    """A published demo event the organizer runs, with a ticket type, an attendee question
    and one order (so the registrations pages show a full table)."""
    from django.utils import timezone

    from cms.events.models import EventPage, EventRequirement
    from commerce.ticketing.services.holds import hold_create
    from commerce.ticketing.services.orders import order_place
    from commerce.ticketing.services.ticket_types import ticket_type_save

    upcoming = EventPage.objects.live().filter(status="published", start__gt=timezone.now())
    event = upcoming.filter(locale__language_code="es").order_by("start").first()
    event.organizer = organizer
    event.save()
    EventRequirement.objects.create(event=event, label="Dieta", mandatory=False)
    answers = {  # every question the demo event asks, answered
        str(q.pk): q.option_list[0] if q.kind == "choice" else (q.kind == "checkbox" or "Sí")
        for q in event.requirements.all()
    }
    ticket_type = ticket_type_save(event=event, user=organizer, data={"name_es": "General"})
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    order_place(hold_token=hold.token, email="ana@example.org",
                attendees=[{"name": "Ana", "email": "ana@example.org", "answers": answers}])  # fmt: skip
    return event


@needs_axe
def test_organizer_pages(axe_page, site):
    from cms.events.models import Venue
    from cms.events.services import submission_create
    from community.accounts.services import profile_update

    from ..cms.events.test_submissions import details

    olga = UserFactory(email="olga@example.org", role=Role.ORGANIZER)
    profile_update(
        profile=olga.profile,
        actor=olga,
        data={"ai_interests": ["NLP"], "experience_level": "advanced", "location": "Laureles"},
    )
    venue = Venue.objects.filter(is_approved=True).first()
    submission = submission_create(
        user=olga,
        data={"details": details(), "place": {"event_format": "in_person", "venue": venue.pk}},
    )
    steps = ("details", "place", "media", "agenda", "requirements", "review")
    registered = _registered_event(olga)
    pages = [
        *(f"/{lang}/dashboard/events/" for lang in ("es", "en")),
        *(f"/{lang}/dashboard/events/registrations/" for lang in ("es", "en")),
        *(f"/{lang}/dashboard/events/registrations/{registered.pk}/" for lang in ("es", "en")),
        *(f"/{lang}/dashboard/events/submissions/" for lang in ("es", "en")),
        "/es/dashboard/events/submissions/new/",
        "/es/dashboard/events/venues/new/",
        *(f"/es/dashboard/events/submissions/{submission.pk}/{step}/" for step in steps),
        f"/en/dashboard/events/submissions/{submission.pk}/agenda/",
        "/es/styleguide/",  # every shared component (staff only)
        "/en/styleguide/",
    ]
    axe_page.goto(site + "/es/auth/login/")
    axe_page.locator("#id_login").fill("olga@example.org")
    axe_page.locator("#id_password").fill(DEFAULT_PASSWORD)
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_url(site + "/es/dashboard/")
    problems = {}
    for path in pages:
        axe_page.goto(site + path)
        if found := serious_violations(axe_page):
            problems[path] = found
    assert problems == {}
