"""Bilingual demo content for a first run. Every function is idempotent."""

# ruff: noqa: E501  (demo text reads better on one line)

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from cms.demo import demo_avatar, demo_logo, locales

from .models import HomePage, StandardPage

HOME = {
    "es": {
        "title": "Inicio",
        "hero_title": "La comunidad de inteligencia artificial de Medellín",
        "hero_text": "Eventos, talleres, recursos y personas que construyen IA desde Medellín "
        "para el mundo.",
        "hero_cta_label": "Únete a la comunidad",
        "intro": "Cada mes nos reunimos para aprender, compartir proyectos y conectar con "
        "quienes hacen IA en la ciudad.",
    },
    "en": {
        "title": "Home",
        "hero_title": "Medellín's artificial intelligence community",
        "hero_text": "Events, workshops, resources and people building AI from Medellín for "
        "the world.",
        "hero_cta_label": "Join the community",
        "intro": "Every month we meet to learn, share projects and connect with the people "
        "doing AI in the city.",
    },
}

PAGES = [
    {
        "es": {
            "slug": "acerca",
            "title": "Acerca de Medellín AI",
            "introduction": "Somos una comunidad abierta de investigadores, estudiantes, "
            "empresas y entusiastas de la IA en Medellín.",
            "body": "Organizamos meetups, talleres y hackatones, y publicamos recursos en "
            "español e inglés.",
        },
        "en": {
            "slug": "about",
            "title": "About Medellín AI",
            "introduction": "We are an open community of researchers, students, companies "
            "and AI enthusiasts in Medellín.",
            "body": "We run meetups, workshops and hackathons, and publish resources in "
            "Spanish and English.",
        },
    },
    {
        "es": {
            "slug": "codigo-de-conducta",
            "menu": False,
            "title": "Código de conducta",
            "introduction": "Queremos que todas las personas se sientan bienvenidas.",
            "body": "Tratamos a los demás con respeto; el acoso no se tolera en ningún espacio "
            "de la comunidad.",
        },
        "en": {
            "slug": "code-of-conduct",
            "menu": False,
            "title": "Code of conduct",
            "introduction": "We want everyone to feel welcome.",
            "body": "We treat each other with respect; harassment is not tolerated in any "
            "community space.",
        },
    },
]


@transaction.atomic
def home_pages(signup_url: str) -> dict[str, HomePage]:
    """The Spanish home page is the site root; the English one is its translation."""
    loc = locales()
    root = Page.get_first_root_node()
    home_es = HomePage.objects.filter(locale=loc["es"]).first()
    if home_es is None:
        # Wagtail's migration leaves a placeholder "Welcome" page: replace it.
        for placeholder in (
            root.get_children().filter(locale=loc["es"]).exclude(content_type__model="homepage")
        ):
            if placeholder.get_children_count() == 0:
                Site.objects.filter(root_page=placeholder).update(root_page=root)
                placeholder.delete()
        home_es = HomePage(slug="inicio", locale=loc["es"], **_home_fields("es", signup_url))
        root.add_child(instance=home_es)
        home_es.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    # the site answers where SITE_URL says, so full URLs (canonical, sitemap, feeds) are right
    address = urlsplit(settings.SITE_URL)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.site_name = "Medellín AI"
    site.root_page = home_es
    site.save()

    home_en = HomePage.objects.filter(locale=loc["en"], translation_key=home_es.translation_key)
    home_en = home_en.first()
    if home_en is None:
        home_en = home_es.copy_for_translation(loc["en"])
    for key, value in _home_fields("en", signup_url).items():
        setattr(home_en, key, value)
    home_en.slug = "home"
    home_en.save_revision().publish()
    return {"es": home_es, "en": home_en}


def _home_fields(lang: str, signup_url: str) -> dict:
    text = HOME[lang]
    return {
        "title": text["title"],
        "hero_title": text["hero_title"],
        "hero_text": text["hero_text"],
        "hero_cta_label": text["hero_cta_label"],
        "hero_cta_url": signup_url.replace("/es/", f"/{lang}/"),
        "body": _home_body(lang, text),
    }


HOME_BLOCKS = {
    "es": {
        # members, events held and forum topics are counted live in the hero
        "stats": ("La comunidad en cifras", [("40", "charlas al año"), ("12", "aliados"),
                  ("6", "sedes en el Valle de Aburrá"), ("2", "idiomas: español e inglés")]),
        "features": ("Qué encuentras aquí", [
            ("Eventos", "Meetups, talleres y hackatones cada mes en Medellín y en línea.", "/es/forums/c/eventos/"),
            ("Foros", "Pregunta, responde y comparte proyectos con la comunidad.", "/es/forums/"),
            ("Miembros", "Conecta con quienes hacen IA en la ciudad.", "/es/members/"),
        ]),
        "testimonials": ("Lo que dicen", [
            ("Aquí encontré a mi equipo para el hackatón y terminamos fundando una startup.",
             "Laura Montoya", "Cofundadora, AgroVision"),
            ("Las charlas son prácticas y en español: justo lo que necesitaba para empezar.",
             "Andrés Villa", "Desarrollador, Bancolombia"),
        ]),
        "faq": ("Preguntas frecuentes", [
            ("¿Cuánto cuesta unirse?", "Nada: la membresía es gratuita. Algunos talleres tienen costo."),
            ("¿Necesito saber programar?", "No. Hay eventos para todos los niveles, desde introducción hasta investigación."),
            ("¿Puedo dar una charla?", "¡Sí! Propón tu tema en el foro de eventos."),
        ]),
        "sponsors": "Aliados",
        "blog": "Lo último del blog",
        "cta": ("¿Organizas algo sobre IA?", "Publica tu evento y llega a toda la comunidad.",
                "Proponer un evento"),
    },
    "en": {
        "stats": ("The community in numbers", [("40", "talks a year"), ("12", "partners"),
                  ("6", "venues across the Aburrá Valley"), ("2", "languages: Spanish and English")]),
        "features": ("What you'll find here", [
            ("Events", "Meetups, workshops and hackathons every month in Medellín and online.", "/en/forums/c/eventos/"),
            ("Forums", "Ask, answer and share projects with the community.", "/en/forums/"),
            ("Members", "Connect with the people doing AI in the city.", "/en/members/"),
        ]),
        "testimonials": ("What people say", [
            ("I found my hackathon team here and we ended up founding a startup.",
             "Laura Montoya", "Co-founder, AgroVision"),
            ("The talks are hands-on and friendly: exactly what I needed to get started.",
             "Andrés Villa", "Developer, Bancolombia"),
        ]),
        "faq": ("Frequently asked questions", [
            ("How much does it cost to join?", "Nothing: membership is free. Some workshops are paid."),
            ("Do I need to code?", "No. There are events for every level, from introductions to research."),
            ("Can I give a talk?", "Yes! Suggest your topic in the events forum."),
        ]),
        "sponsors": "Partners",
        "blog": "Latest from the blog",
        "cta": ("Organising something about AI?", "Publish your event and reach the whole community.",
                "Propose an event"),
    },
}  # fmt: skip

SPONSORS = ["Ruta N", "Universidad de Antioquia", "EAFIT"]


def _photo(name: str):
    """A testimonial's photo: initials, decorative (the name is written beside it)."""
    photo = demo_avatar(f"person-{slugify(name)}", person=name)
    photo.decorative = True
    return photo


def _home_body(lang: str, text: dict) -> list:
    blocks = HOME_BLOCKS[lang]
    stats_heading, stats = blocks["stats"]
    features_heading, features = blocks["features"]
    testimonials_heading, testimonials = blocks["testimonials"]
    faq_heading, faq = blocks["faq"]
    cta_title, cta_text, cta_label = blocks["cta"]
    logos = [demo_logo(f"partner-{slugify(name)}", organisation=name) for name in SPONSORS]
    return [
        ("paragraph", f"<p>{text['intro']}</p>"),
        ("featured_events", {"heading": "Próximos eventos" if lang == "es" else "Upcoming events",
                             "count": 3, "featured_only": False}),
        ("statistics", {"heading": stats_heading,
                        "items": [{"value": v, "label": label} for v, label in stats]}),
        ("feature_grid", {"heading": features_heading, "features": [
            {"title": title, "text": body, "link": {"label": title, "page": None, "url": url}}
            for title, body, url in features]}),
        ("testimonials", {"heading": testimonials_heading, "testimonials": [
            {"quote": quote, "name": name, "role": role, "photo": _photo(name)}
            for quote, name, role in testimonials]}),
        ("latest_blog_posts", {"heading": blocks["blog"], "count": 3, "category": None}),
        ("sponsors", {"heading": blocks["sponsors"], "sponsors": [
            {"name": name, "logo": logo, "url": None} for name, logo in zip(SPONSORS, logos, strict=True)]}),
        ("faq", {"heading": faq_heading, "questions": [
            {"question": q, "answer": f"<p>{a}</p>"} for q, a in faq]}),
        ("call_to_action", {"title": cta_title, "text": cta_text, "button_label": cta_label,
                            "button_url": f"/{lang}/forums/c/eventos/"}),
    ]  # fmt: skip


@transaction.atomic
def standard_pages(homes: dict[str, HomePage]) -> list[StandardPage]:
    created = []
    loc = locales()
    for spec in PAGES:
        es = spec["es"]
        page_es = StandardPage.objects.child_of(homes["es"]).filter(slug=es["slug"]).first()
        if page_es is None:
            page_es = StandardPage(slug=es["slug"], title=es["title"], locale=loc["es"])
            homes["es"].add_child(instance=page_es)
        _fill(page_es, es)
        en = spec["en"]
        page_en = StandardPage.objects.filter(
            locale=loc["en"], translation_key=page_es.translation_key
        ).first() or page_es.copy_for_translation(loc["en"])
        _fill(page_en, en)
        created += [page_es, page_en]
    return created


def _fill(page: StandardPage, text: dict) -> None:
    page.title, page.slug = text["title"], text["slug"]
    page.show_in_menus = text.get("menu", True)
    page.introduction = text["introduction"]
    page.body = [("paragraph", f"<p>{text['body']}</p>")]
    page.save_revision().publish()


@transaction.atomic
def navigation(homes: dict[str, HomePage]) -> None:
    """The menu and footer editors would set up: pages by translation, links by path."""
    from .navigation import NavigationSettings

    site = Site.objects.get(is_default_site=True)
    nav = NavigationSettings.for_site(site)
    about = StandardPage.objects.child_of(homes["es"]).filter(slug="acerca").first()
    conduct = StandardPage.objects.child_of(homes["es"]).filter(slug="codigo-de-conducta").first()
    menu = []
    for index_type in (
        "events.EventIndexPage",
        "resources.ResourceIndexPage",
        "blog.BlogIndexPage",
        "docs.DocsIndexPage",
    ):
        app_label, model = index_type.lower().split(".")
        index = (
            Page.objects.child_of(homes["es"])
            .filter(content_type__app_label=app_label, content_type__model=model)
            .first()
        )
        if index is not None:
            menu.append(("page", {"page": index, "label_es": "", "label_en": ""}))
    menu.append(("link", {"url": "/forums/", "label_es": "Foros", "label_en": "Forums"}))
    if about is not None:
        menu.append(("page", {"page": about, "label_es": "Nosotros", "label_en": "About"}))
    nav.main_menu = menu
    community = [
        ("link", {"url": "/forums/", "label_es": "Foros", "label_en": "Forums"}),
        ("link", {"url": "/members/", "label_es": "Miembros", "label_en": "Members"}),
    ]
    if conduct is not None:
        community.append(("page", {"page": conduct, "label_es": "", "label_en": ""}))
    nav.footer_columns = [
        ("column", {"heading_es": "Comunidad", "heading_en": "Community", "items": community}),
        ("column", {"heading_es": "Plataforma", "heading_en": "Platform", "items": [
            ("link", {"url": "/api/docs/", "label_es": "API", "label_en": "API"}),
            ("link", {"url": "/sitemap.xml", "label_es": "Mapa del sitio", "label_en": "Sitemap"}),
        ]}),
    ]  # fmt: skip
    nav.footer_text_es = "El punto de encuentro de la comunidad de IA de Medellín"
    nav.footer_text_en = "The hub of Medellín's AI community"
    nav.save()
