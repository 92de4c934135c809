"""Bilingual demo documentation: a docs section with nested pages. Idempotent."""

# ruff: noqa: E501  (demo text reads better on one line)

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from cms.demo import locales

from .models import DocPage, DocsIndexPage

INDEX = {
    "es": {"slug": "documentacion", "title": "Documentación", "introduction": "Todo lo que necesitas para participar en la comunidad: cuentas, eventos y normas."},
    "en": {"slug": "docs", "title": "Documentation", "introduction": "Everything you need to take part in the community: accounts, events and guidelines."},
}  # fmt: skip


def _body(
    lang: str, sections: list[tuple[str, str, list[tuple[str, str]]]], code: str | None = None
):
    body = []
    for heading, text, subsections in sections:
        body.append(("heading", heading))
        html = f"<p>{text}</p>" + "".join(
            f"<h3>{sub}</h3><p>{subtext}</p>" for sub, subtext in subsections
        )
        body.append(("paragraph", html))
    if code:
        body.append(("code", {"language": "bash", "code": code, "caption": ""}))
    return body


# (key, parent key, {lang: (slug, title, summary, sections)}, code)
PAGES = [
    ("start", None, {
        "es": ("primeros-pasos", "Primeros pasos", "Cómo unirte a Medellín AI y aprovechar la plataforma desde el primer día.",
               [("Qué es Medellín AI", "Una comunidad abierta de personas que construyen inteligencia artificial en Medellín.", [("Para quién es", "Para estudiantes, profesionales, empresas e investigadores.")]),
                ("Tu primera semana", "Crea tu cuenta, completa tu perfil y apúntate a un encuentro.", [("Encuentra un evento", "Mira la agenda y reserva tu cupo."), ("Preséntate en los foros", "Cuéntanos en qué trabajas.")])]),
        "en": ("getting-started", "Getting started", "How to join Medellín AI and make the most of the platform from day one.",
               [("What Medellín AI is", "An open community of people building artificial intelligence in Medellín.", [("Who it is for", "Students, professionals, companies and researchers.")]),
                ("Your first week", "Create your account, complete your profile and sign up for a meetup.", [("Find an event", "Check the calendar and book your seat."), ("Introduce yourself in the forums", "Tell us what you work on.")])]),
    }, None),
    ("account", "start", {
        "es": ("crear-tu-cuenta", "Crear tu cuenta", "Regístrate con tu correo o con Google, GitHub o LinkedIn.",
               [("Registro con correo", "Escribe tu correo y una contraseña; te enviaremos un enlace para confirmarlo.", []),
                ("Entrar sin contraseña", "Pide un código de acceso y escríbelo en la página de inicio de sesión.", [])]),
        "en": ("create-your-account", "Create your account", "Sign up with your email or with Google, GitHub or LinkedIn.",
               [("Sign up with email", "Enter your email and a password; we will send you a link to confirm it.", []),
                ("Log in without a password", "Ask for a login code and type it on the login page.", [])]),
    }, None),
    ("profile", "start", {
        "es": ("completar-tu-perfil", "Completar tu perfil", "Un buen perfil ayuda a que otras personas te encuentren.",
               [("Intereses y habilidades", "Elige tus temas de IA para recibir recomendaciones.", []),
                ("Portafolio", "Enlaza tus proyectos, artículos y charlas.", [("Privacidad", "Decide qué campos ven los demás.")])]),
        "en": ("complete-your-profile", "Complete your profile", "A good profile helps other people find you.",
               [("Interests and skills", "Pick your AI topics to get recommendations.", []),
                ("Portfolio", "Link your projects, articles and talks.", [("Privacy", "Decide which fields others can see.")])]),
    }, None),
    ("events", None, {
        "es": ("organizar-eventos", "Organizar eventos", "Guía para proponer y llevar a cabo un evento de la comunidad.",
               [("Antes del evento", "Define el tema, el público y el lugar.", [("Elige la fecha", "Evita coincidir con otros encuentros de la comunidad.")]),
                ("Durante el evento", "Recibe a los asistentes y registra su entrada con el código QR.", [])]),
        "en": ("organizing-events", "Organizing events", "A guide to proposing and running a community event.",
               [("Before the event", "Define the topic, the audience and the venue.", [("Pick the date", "Avoid clashing with other community meetups.")]),
                ("During the event", "Welcome attendees and check them in with their QR code.", [])]),
    }, None),
    ("propose", "events", {
        "es": ("proponer-un-evento", "Proponer un evento", "Envía tu propuesta y el equipo de moderación la revisará.",
               [("El formulario", "Título, descripción, fecha, lugar y cupos.", []),
                ("La revisión", "Un moderador aprueba o pide cambios con un comentario.", [])]),
        "en": ("propose-an-event", "Propose an event", "Send your proposal and the moderation team will review it.",
               [("The form", "Title, description, date, venue and capacity.", []),
                ("The review", "A moderator approves it or asks for changes with a comment.", [])]),
    }, None),
    ("api", "propose", {
        "es": ("publicar-con-la-api", "Publicar con la API", "Los equipos técnicos pueden leer el contenido desde la API.",
               [("Leer las páginas", "La API de contenido responde en /api/v2/pages/.", [])]),
        "en": ("publishing-with-the-api", "Publishing with the API", "Technical teams can read the content through the API.",
               [("Reading pages", "The content API answers at /api/v2/pages/.", [])]),
    }, "curl https://medellin.ai/api/v2/pages/?type=docs.DocPage&fields=toc"),
    ("tickets", "events", {
        "es": ("vender-entradas", "Vender entradas", "Entradas generales, VIP, grupales y códigos promocionales.",
               [("Tipos de entrada", "Crea preventa, general y VIP con precios y cupos.", []),
                ("Reembolsos", "Un reembolso libera el cupo para la lista de espera.", [])]),
        "en": ("selling-tickets", "Selling tickets", "Regular, VIP and group tickets and promo codes.",
               [("Ticket types", "Create early-bird, regular and VIP with prices and capacity.", []),
                ("Refunds", "A refund frees the seat for the waitlist.", [])]),
    }, None),
    ("guidelines", None, {
        "es": ("normas-de-la-comunidad", "Normas de la comunidad", "Cómo cuidamos los espacios de Medellín AI.",
               [("Respeto", "Tratamos a todas las personas con respeto; el acoso no se tolera.", []),
                ("Contenido", "Comparte con generosidad y cita tus fuentes.", [("Recursos para miembros", "Algunos recursos son solo para miembros: no los redistribuyas.")])]),
        "en": ("community-guidelines", "Community guidelines", "How we look after Medellín AI's spaces.",
               [("Respect", "We treat everyone with respect; harassment is not tolerated.", []),
                ("Content", "Share generously and cite your sources.", [("Members-only resources", "Some resources are for members only: do not redistribute them.")])]),
    }, None),
    ("moderation", "guidelines", {
        "es": ("moderacion-de-los-foros", "Moderación de los foros", "Qué hace el equipo de moderación y cómo reportar un mensaje.",
               [("Reportar", "Usa el botón de reportar en cualquier mensaje.", []),
                ("Sanciones", "Ocultar mensajes, suspensiones temporales y expulsiones.", [])]),
        "en": ("forum-moderation", "Forum moderation", "What the moderation team does and how to report a post.",
               [("Reporting", "Use the report button on any post.", []),
                ("Sanctions", "Hidden posts, temporary bans and removals.", [])]),
    }, None),
]  # fmt: skip


def _publish(page, slug: str, title: str, **fields) -> None:
    page.slug, page.title = slug, title
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@transaction.atomic
def demo_docs(homes: dict[str, Page]) -> dict[str, DocsIndexPage]:
    loc = locales()
    index_es = DocsIndexPage.objects.child_of(homes["es"]).first()
    if index_es is None:
        index_es = DocsIndexPage(locale=loc["es"], **INDEX["es"])
        homes["es"].add_child(instance=index_es)
    _publish(index_es, **INDEX["es"])
    index_en = DocsIndexPage.objects.filter(
        locale=loc["en"], translation_key=index_es.translation_key
    ).first() or index_es.copy_for_translation(loc["en"])
    _publish(index_en, **INDEX["en"])

    pages_es: dict[str, DocPage] = {}
    for key, parent_key, text, code in PAGES:
        parent = pages_es[parent_key] if parent_key else index_es
        slug, title, summary, sections = text["es"]
        page_es = DocPage.objects.child_of(parent).filter(slug=slug).first()
        if page_es is None:
            page_es = DocPage(slug=slug, title=title, locale=loc["es"])
            parent.add_child(instance=page_es)
        _publish(page_es, slug, title, summary=summary, body=_body("es", sections, code))
        pages_es[key] = page_es
        slug, title, summary, sections = text["en"]
        page_en = DocPage.objects.filter(
            locale=loc["en"], translation_key=page_es.translation_key
        ).first() or page_es.copy_for_translation(loc["en"])
        _publish(page_en, slug, title, summary=summary, body=_body("en", sections, code))
    return {"es": index_es, "en": index_en}
