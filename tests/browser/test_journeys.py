"""Gate 4: what people do, in a real browser."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from cms.home.models import StandardPage
from community.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server):
    from django.urls import reverse
    from django.utils import translation

    from cms.home import demo

    with translation.override("es"):
        homes = demo.home_pages(reverse("account_signup"))
    demo.standard_pages(homes)
    return live_server.url


def test_visitor_switches_language_and_browses(page, site):
    page.goto(site + "/")
    expect(page).to_have_url(site + "/es/")
    expect(page.locator("h1")).to_have_text("La comunidad de inteligencia artificial de Medellín")
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(site + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#primary-nav ul.menu").get_by_role("link", name="About Medellín AI").click()
    expect(page).to_have_url(site + "/en/about/")
    expect(page.locator("h1")).to_have_text("About Medellín AI")
    page.locator(".language-switcher").get_by_role("link", name="Español").click()
    expect(page).to_have_url(site + "/es/acerca/")
    expect(page.locator("h1")).to_have_text("Acerca de Medellín AI")
    page.get_by_label("Buscar").fill("conducta")
    page.get_by_label("Buscar").press("Enter")
    expect(page).to_have_url(re.compile(r"/es/search/\?q=conducta"))
    assert page.console_errors == []


def test_member_signs_up_confirms_email_and_logs_in(page, site, mailoutbox):
    page.goto(site + "/es/")
    page.get_by_role("link", name="Únete", exact=True).click()
    expect(page).to_have_url(site + "/es/auth/register/")
    page.get_by_label("Correo electrónico").fill("laura@example.org")
    page.locator("#id_password1").fill("una-clave-muy-larga-2026")
    page.locator("#id_password2").fill("una-clave-muy-larga-2026")
    page.locator("main form").get_by_role("button", name="Registrarse").click()
    expect(page.locator("h1")).to_contain_text("Verifique")
    link = re.search(r"https?://\S+/auth/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(site + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Confirmar").click()
    # a new member is offered onboarding first; skipping it leads where they were going
    expect(page).to_have_url(re.compile(r"/es/dashboard/welcome/account/\?next="))
    page.get_by_role("link", name="Saltar por ahora").click()
    expect(page).to_have_url(site + "/es/dashboard/")
    expect(page.locator("[data-role]")).to_have_attribute("data-role", "member")
    page.locator(".user-dropdown > summary").click()  # the account menu holds the logout
    page.get_by_role("button", name="Cerrar sesión").click()
    page.goto(site + "/es/auth/login/")
    page.locator("#id_login").fill("laura@example.org")
    page.locator("#id_password").fill("una-clave-muy-larga-2026")
    page.locator("form").get_by_role("button", name="Iniciar sesión").click()
    # still not set up: offered again in this new session, once
    expect(page).to_have_url(re.compile(r"/es/dashboard/welcome/account/"))
    page.goto(site + "/es/dashboard/")
    expect(page).to_have_url(site + "/es/dashboard/")
    assert page.console_errors == []


def test_new_member_completes_onboarding_and_sees_the_dashboard(page, site, mailoutbox):
    from community.accounts.models import Profile

    page.goto(site + "/es/auth/register/")
    page.get_by_label("Correo electrónico").fill("camila@example.org")
    page.locator("#id_password1").fill("una-clave-muy-larga-2026")
    page.locator("#id_password2").fill("una-clave-muy-larga-2026")
    page.locator("main form").get_by_role("button", name="Registrarse").click()
    link = re.search(r"https?://\S+/auth/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(site + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Confirmar").click()
    expect(page).to_have_url(re.compile(r"/es/dashboard/welcome/account/"))
    expect(page.locator(".step-count")).to_have_text("Paso 1 de 3")
    # step 1: continuing without a name is refused on the page
    page.get_by_role("button", name="Guardar y continuar").click()
    expect(page.locator(".errorlist")).to_be_visible()
    page.get_by_label("Personal").check()
    page.locator("#id_first_name").fill("Camila")
    page.locator("#id_last_name").fill("Zapata")
    page.get_by_role("button", name="Guardar y continuar").click()
    # step 2, then back to step 1 and forward again: what was saved is still there
    expect(page.locator(".step-count")).to_have_text("Paso 2 de 3")
    page.get_by_role("link", name="Paso anterior").click()
    expect(page.locator("#id_first_name")).to_have_value("Camila")
    page.get_by_role("button", name="Guardar y continuar").click()
    page.locator("#id_bio").fill("Detecto plagas en cultivos de café.")
    page.locator("#id_location").fill("Envigado")
    page.locator("#id_ai_interests").fill("Visión por computador, AgriTech")
    page.locator("#id_skills").fill("Python, OpenCV")
    page.locator("#id_experience_level").select_option("intermediate")
    page.get_by_role("button", name="Guardar y continuar").click()
    # step 3: privacy and notifications, then finish
    expect(page.locator(".step-count")).to_have_text("Paso 3 de 3")
    page.locator("#id_preferred_language").select_option("es")
    page.get_by_role("button", name="Terminar configuración").click()
    expect(page).to_have_url(site + "/es/dashboard/")
    expect(page.locator("h1")).to_have_text("Hola, Camila Zapata")
    # five of six parts filled in (no photo yet): 83 %
    expect(page.locator("progress")).to_have_attribute("value", "83")
    profile = Profile.objects.get(user__email="camila@example.org")
    assert profile.signup_completed and profile.signup_completed_at is not None
    assert profile.ai_interests == ["Visión por computador", "AgriTech"]
    assert page.console_errors == []


def test_editor_creates_a_page_and_submits_it_for_moderation(page, site):
    editor = UserFactory(email="editor@example.org", role=None)
    editor.groups.add(Group.objects.get(name="Editors"))
    home = StandardPage.objects.get(slug="acerca").get_parent()
    page.goto(site + "/admin/login/")
    page.locator("#id_username").fill(editor.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("button[type=submit]").click()
    page.goto(site + f"/admin/pages/add/home/standardpage/{home.pk}/")
    page.locator("#id_title").fill("Hackatón de IA 2027")
    page.locator("#id_introduction").fill("Dos días construyendo con IA en Medellín.")
    page.get_by_role("tab", name="Promocionar").click()
    page.locator("#id_slug").fill("hackaton-2027")
    page.locator("button[name=action-submit]").dispatch_event("click")
    expect(page.locator(".messages")).to_be_visible()
    created = StandardPage.objects.get(title="Hackatón de IA 2027")
    assert created.live is False
    state = created.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.workflow.name == "Moderators approval"


def test_a_new_message_appears_in_the_open_conversation_without_reloading(page, site):
    from community.accounts.roles import Role
    from community.connections.services import connection_accept, connection_request
    from community.messaging.models import Message
    from community.messaging.services import conversation_mark_read, message_send

    ana = UserFactory(email="ana@example.org", role=Role.MEMBER, first_name="Ana")
    beto = UserFactory(email="beto@example.org", role=Role.MEMBER, first_name="Beto")
    connection_accept(user=beto, connection_id=connection_request(sender=ana, recipient=beto).pk)
    ana.profile.signup_completed = True  # onboarding done: login lands on the dashboard
    ana.profile.save(update_fields=["signup_completed"])
    page.goto(site + "/es/auth/login/")
    page.locator("#id_login").fill(ana.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(site + "/es/dashboard/")
    page.goto(site + f"/es/members/{beto.pk}/")
    page.get_by_role("link", name="Enviar un mensaje").click()
    page.get_by_label("Tu mensaje").fill("Hola Beto, ¿vienes al meetup?")
    page.get_by_role("button", name="Enviar mensaje").click()
    expect(page.locator("#chat-thread")).to_contain_text("Hola Beto, ¿vienes al meetup?")
    opened_at = page.evaluate("performance.timeOrigin")  # changes only when the page reloads

    reply = message_send(sender=beto, recipient=ana, body="¡Claro! Detalles: https://medellin.ai")
    item = page.locator(f"#message-{reply.pk}")
    expect(item).to_contain_text("¡Claro!", timeout=12_000)  # polling every 5 s
    expect(item.get_by_role("link", name="https://medellin.ai")).to_have_attribute(
        "rel", "nofollow ugc noopener"
    )
    expect(item.locator("summary")).to_have_text("Denunciar este mensaje")
    assert page.evaluate("performance.timeOrigin") == opened_at  # no reload
    # the page told the server Ana saw it: Beto gets his read receipt
    for _ in range(50):
        if Message.objects.get(pk=reply.pk).read_at is not None:
            break
        page.wait_for_timeout(100)
    assert Message.objects.get(pk=reply.pk).read_at is not None
    # and when Beto reads Ana's message, her page shows "Visto" under it
    conversation_mark_read(user=beto, conversation=reply.conversation)
    expect(page.locator("li[data-mine] [data-receipt]")).to_have_text("Visto", timeout=12_000)
    assert page.evaluate("performance.timeOrigin") == opened_at
    assert page.console_errors == []


def test_a_journey_fails_on_a_planted_script_error(page):
    page.set_content(
        "<html lang='en'><body><script>throw new Error('planted')</script></body></html>"
    )
    assert any("planted" in error for error in page.console_errors)
