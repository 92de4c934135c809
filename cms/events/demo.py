# ruff: noqa: E501  (demo data reads best one event per line)
"""Demo events: venues across the metro area, categories and speakers in both languages,
and 16 events (past and upcoming; in person, online and hybrid) with agendas."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import formats, timezone, translation

from cms.demo import demo_avatar, demo_poster, locales

from .models import (
    DEFAULT_TIME_ZONE,
    EventCategory,
    EventFormat,
    EventIndexPage,
    EventPage,
    EventRequirement,
    EventSession,
    EventStatus,
    Speaker,
    Venue,
)

VENUES = [
    # name, address, area, capacity, lat, lon, transit, wheelchair
    (
        "Ruta N",
        "Calle 67 #52-20",
        "centro",
        300,
        "6.265600",
        "-75.565700",
        "Metro: Universidad",
        True,
    ),
    (
        "Parque Explora",
        "Carrera 52 #73-75",
        "centro",
        200,
        "6.270900",
        "-75.565200",
        "Metro: Universidad",
        True,
    ),
    (
        "Universidad EAFIT, Bloque 38",
        "Carrera 49 #7 Sur-50",
        "el-poblado",
        150,
        "6.200500",
        "-75.578300",
        "Metro: Aguacatala",
        True,
    ),
    (
        "Selina Laureles",
        "Circular 73 #39-40",
        "laureles",
        60,
        "6.245300",
        "-75.590400",
        "Metro: Estadio",
        False,
    ),
    (
        "Cowork Envigado",
        "Carrera 43A #38 Sur-35",
        "envigado",
        80,
        "6.171800",
        "-75.586600",
        "Metro: Envigado",
        True,
    ),
    (
        "Tecnoparque SENA",
        "Calle 104 #69-120",
        "robledo",
        120,
        "6.293500",
        "-75.580900",
        "Metrocable: Línea J",
        True,
    ),
]

CATEGORIES = [
    # slug es, name es, slug en, name en, parent slug (es)
    ("talleres", "Talleres", "workshops", "Workshops", None),
    ("encuentros", "Encuentros", "meetups", "Meetups", None),
    ("conferencias", "Conferencias", "conferences", "Conferences", None),
    ("hackatones", "Hackatones", "hackathons", "Hackathons", None),
    (
        "vision-por-computador",
        "Visión por computador",
        "computer-vision",
        "Computer vision",
        "talleres",
    ),
    (
        "lenguaje-natural",
        "Procesamiento de lenguaje",
        "natural-language",
        "Natural language",
        "talleres",
    ),
]

SPEAKERS = [
    ("Valentina Restrepo", "Ingeniera de ML en una fintech de Medellín; enseña MLOps los sábados."),
    ("Andrés Gómez", "Investigador en visión por computador (EAFIT)."),
    ("Laura Ocampo", "Lidera datos en una startup de salud; mentora de Women in AI."),
    ("Santiago Mejía", "Ingeniero de LLMs; mantiene bibliotecas de NLP en español."),
    ("Camila Arango", "Diseñadora de producto con IA responsable."),
    ("Juan Pablo Vélez", "Fundador de una consultora de datos en Envigado."),
]

# days from today, hour, hours long, format, venue index, categories, featured, language,
# es title, en title, es summary, en summary
EVENTS = [
    (-60, 18, 3, "in_person", 0, ["encuentros"], False, "es",
     "Encuentro mensual: IA en Medellín", "Monthly meetup: AI in Medellín",
     "Charlas cortas y networking con la comunidad.", "Lightning talks and networking with the community."),
    (-45, 9, 8, "in_person", 2, ["talleres", "vision-por-computador"], False, "es",
     "Taller de visión por computador con PyTorch", "Computer vision workshop with PyTorch",
     "Un día entero entrenando modelos de detección.", "A full day training detection models."),
    (-30, 19, 2, "online", None, ["encuentros"], False, "es-en",
     "Café virtual: carreras en datos", "Virtual coffee: careers in data",
     "Preguntas y respuestas con profesionales de datos.", "Q&A with data professionals."),
    (-20, 8, 10, "in_person", 0, ["conferencias"], True, "es-en",
     "Medellín AI Summit 2026", "Medellín AI Summit 2026",
     "La conferencia anual de la comunidad.", "The community's yearly conference."),
    (-7, 18, 3, "hybrid", 3, ["lenguaje-natural", "talleres"], False, "es",
     "LLMs en español: ajuste fino práctico", "Spanish LLMs: hands-on fine-tuning",
     "Ajusta un modelo abierto con datos propios.", "Fine-tune an open model on your own data."),
    (3, 18, 3, "in_person", 0, ["encuentros"], True, "es",
     "Encuentro mensual: agentes de IA", "Monthly meetup: AI agents",
     "Tres charlas sobre agentes en producción.", "Three talks on agents in production."),
    (6, 9, 4, "in_person", 2, ["talleres"], False, "es",
     "MLOps desde cero", "MLOps from scratch",
     "Del cuaderno a producción con buenas prácticas.", "From notebook to production, properly."),
    (9, 19, 2, "online", None, ["lenguaje-natural"], False, "en",
     "Evaluating RAG systems", "Evaluating RAG systems",
     "Cómo medir la calidad de un sistema RAG.", "How to measure the quality of a RAG system."),
    (13, 9, 9, "in_person", 5, ["hackatones"], True, "es",
     "Hackatón IA para la movilidad", "AI hackathon for mobility",
     "Equipos resolviendo retos de movilidad del Valle de Aburrá.", "Teams solving mobility challenges in the Aburrá Valley."),
    (17, 18, 2, "in_person", 4, ["encuentros"], False, "es",
     "IA para pymes en Envigado", "AI for small businesses in Envigado",
     "Casos reales de automatización con IA.", "Real cases of automation with AI."),
    (21, 9, 6, "hybrid", 1, ["talleres", "vision-por-computador"], False, "es",
     "Visión por computador para la ciencia", "Computer vision for science",
     "Aplicaciones en biología con Parque Explora.", "Applications in biology with Parque Explora."),
    (28, 18, 3, "in_person", 3, ["encuentros"], False, "es-en",
     "Noche de demos", "Demo night",
     "Muestra lo que estás construyendo en cinco minutos.", "Show what you're building in five minutes."),
    (35, 8, 10, "in_person", 0, ["conferencias"], True, "es-en",
     "Conferencia de IA responsable", "Responsible AI conference",
     "Ética, regulación y diseño de sistemas de IA.", "Ethics, regulation and design of AI systems."),
    (42, 19, 2, "online", None, ["talleres"], False, "es",
     "Introducción a la IA generativa", "Introduction to generative AI",
     "Un primer taller para quien empieza.", "A first workshop for beginners."),
    (50, 9, 4, "in_person", 4, ["talleres", "lenguaje-natural"], False, "es",
     "Chatbots que sí ayudan", "Chatbots that actually help",
     "Diseño conversacional con LLMs.", "Conversational design with LLMs."),
    (60, 9, 9, "in_person", 5, ["hackatones"], False, "es",
     "Hackatón de datos abiertos", "Open data hackathon",
     "Con datos abiertos de la Alcaldía de Medellín.", "With Medellín's open data."),
]  # fmt: skip


def _venues() -> list[Venue]:
    found = []
    for name, address, area, capacity, lat, lon, transit, wheelchair in VENUES:
        venue, _ = Venue.objects.update_or_create(
            name=name,
            defaults={
                "address": address,
                "area": area,
                "capacity": capacity,
                "latitude": lat,
                "longitude": lon,
                "transit_info": transit,
                "wheelchair_accessible": wheelchair,
                "facilities": ["Wi-Fi", "Proyector"],
                "is_approved": True,
            },
        )
        found.append(venue)
    return found


def _categories(loc) -> dict[str, dict[str, EventCategory]]:
    found: dict[str, dict[str, EventCategory]] = {"es": {}, "en": {}}
    for order, (slug_es, name_es, slug_en, name_en, parent) in enumerate(CATEGORIES):
        es, _ = EventCategory.objects.update_or_create(
            locale=loc["es"],
            slug=slug_es,
            defaults={
                "name": name_es,
                "sort_order": order,
                "parent": found["es"].get(parent),
            },
        )
        en = EventCategory.objects.filter(
            locale=loc["en"], translation_key=es.translation_key
        ).first() or es.copy_for_translation(loc["en"])
        en.name, en.slug, en.sort_order = name_en, slug_en, order
        en.parent = found["en"].get(next((c[2] for c in CATEGORIES if c[0] == parent), None))
        en.save()
        found["es"][slug_es], found["en"][slug_es] = es, en
    return found


def _index(homes, loc) -> dict[str, EventIndexPage]:
    index_es = EventIndexPage.objects.child_of(homes["es"]).first()
    if index_es is None:
        index_es = EventIndexPage(
            title="Eventos",
            slug="eventos",
            locale=loc["es"],
            introduction="Talleres, encuentros y conferencias de la comunidad de IA de Medellín.",
        )
        homes["es"].add_child(instance=index_es)
    index_es.show_in_menus = True
    index_es.save_revision().publish()
    index_en = EventIndexPage.objects.filter(
        locale=loc["en"], translation_key=index_es.translation_key
    ).first() or index_es.copy_for_translation(loc["en"])
    index_en.title, index_en.slug, index_en.show_in_menus = "Events", "events", True
    index_en.introduction = "Workshops, meetups and conferences of Medellín's AI community."
    index_en.save_revision().publish()
    return {"es": index_es, "en": index_en}


def _slugify(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:80]


@transaction.atomic
def demo_events(homes) -> int:
    loc = locales()
    venues = _venues()
    categories = _categories(loc)
    speakers = [
        Speaker.objects.update_or_create(name=name, defaults={"bio": bio, "photo": _photo(name)})[0]
        for name, bio in SPEAKERS
    ]
    index = _index(homes, loc)
    organizer = get_user_model().objects.filter(email="organizer@medellin.ai").first()
    tz = timezone.get_default_timezone()
    today = timezone.localdate()
    for number, spec in enumerate(EVENTS):
        days, hour, hours, fmt, venue, cats, featured, language, t_es, t_en, s_es, s_en = spec
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)), tz)
        end = start + timedelta(hours=hours)
        poster = partial(_poster, seed=_slugify(t_es), variant=number, start=start,
                         venue=venues[venue] if venue is not None else None, fmt=fmt)  # fmt: skip
        fields = {
            "start": start,
            "end": end,
            "time_zone": DEFAULT_TIME_ZONE,
            "event_format": fmt,
            "venue": venues[venue] if venue is not None else None,
            "online_url": "https://meet.example.org/medellin-ai" if fmt != "in_person" else "",
            "featured": featured,
            "language": language,
            "capacity": venues[venue].capacity if venue is not None else 500,
            "organizer": organizer,
            "status": EventStatus.COMPLETED if days < 0 else EventStatus.PUBLISHED,
        }
        page_es = EventPage.objects.child_of(index["es"]).filter(slug=_slugify(t_es)).first()
        if page_es is None:
            page_es = EventPage(slug=_slugify(t_es), title=t_es, locale=loc["es"], summary=s_es,
                                **fields)  # fmt: skip
            index["es"].add_child(instance=page_es)
        fields["image"] = poster(t_es, categories["es"][cats[0]], "es")
        _fill(page_es, fields, t_es, s_es, [categories["es"][c] for c in cats], "es")
        _agenda(page_es, start, speakers, number, "es")
        page_en = EventPage.objects.filter(
            locale=loc["en"], translation_key=page_es.translation_key
        ).first() or page_es.copy_for_translation(loc["en"])
        page_en.slug = _slugify(t_en)
        fields["image"] = poster(t_en, categories["en"][cats[0]], "en")
        _fill(page_en, fields, t_en, s_en, [categories["en"][c] for c in cats], "en")
        _agenda(page_en, start, speakers, number, "en")
    return len(EVENTS)


def _photo(name: str):
    return demo_avatar(f"speaker-{_slugify(name)}", person=name)


def _poster(title, category, lang, *, seed, variant, start, venue, fmt):
    """The event's poster in `lang` (its translations share colours and motif): the date
    and place in the language's own formats and words."""
    with translation.override(lang):
        moment = timezone.localtime(start)
        when = " · ".join([f"{formats.date_format(moment, 'l')} "
                           f"{formats.date_format(moment, 'MONTH_DAY_FORMAT')}",
                           formats.time_format(moment)]).upper()  # fmt: skip
        online = str(EventFormat.ONLINE.label)
    if venue is None:
        place = online
    else:
        place = venue.name + (f" + {online.lower()}" if fmt == EventFormat.HYBRID else "")
    return demo_poster(f"event-{seed[:40]}-{lang}", title=title, kicker=category.name,
                       lines=(when, place), size=(1600, 900), seed=seed, variant=variant)  # fmt: skip


def _fill(page, fields, title, summary, categories, lang):
    for key, value in fields.items():
        setattr(page, key, value)
    page.title, page.summary = title, summary
    page.body = [
        (
            "paragraph",
            f"<p>{summary}</p>"
            + (
                "<p>Trae tu portátil y ganas de aprender.</p>"
                if lang == "es"
                else "<p>Bring your laptop and a will to learn.</p>"
            ),
        )
    ]
    page.categories = categories
    page.tags.set(["ia", "medellin"] if lang == "es" else ["ai", "medellin"])
    page.requirements = [
        EventRequirement(
            label="¿Cuál es tu nivel de experiencia?" if lang == "es" else "Your experience level?",
            kind="choice",
            options="Principiante\nIntermedio\nAvanzado"
            if lang == "es"
            else "Beginner\nIntermediate\nAdvanced",
            mandatory=True,
        )
    ]


def _agenda(page, start, speakers, number, lang):
    titles = {
        "es": ["Bienvenida", "Charla principal", "Taller práctico", "Cierre y networking"],
        "en": ["Welcome", "Keynote", "Hands-on session", "Wrap-up and networking"],
    }[lang]
    sessions = []
    moment = start
    for position, title in enumerate(titles):
        length = timedelta(minutes=30 if position in (0, 3) else 60)
        session = EventSession(
            start=moment,
            end=moment + length,
            title=title,
            room="Auditorio" if lang == "es" else "Auditorium",
            track="Principal" if lang == "es" else "Main",
        )
        session.speakers = (
            [speakers[(number + position) % len(speakers)]] if position in (1, 2) else []
        )
        sessions.append(session)
        moment += length
    page.sessions = sessions
    page.save_revision().publish()


SUBMISSION_TITLE = "Meetup de visión por computador en Bello"
DRAFT_TITLE = "Clínica de datos abiertos para periodistas"


def demo_submissions() -> int:
    """An organizer's submission waiting for review (in the moderators' workflow) and a
    draft they have not finished, so both sides of the flow have something to show."""
    from .models import EventSubmission
    from .services import submission_create, submission_submit

    organizer = get_user_model().objects.filter(email="organizer@medellin.ai").first()
    if organizer is None:
        return 0
    existing = {s.title for s in EventSubmission.objects.filter(organizer=organizer)}
    venue = Venue.objects.filter(is_approved=True, area="bello").first() or Venue.objects.first()
    start = timezone.localdate() + timedelta(days=24)
    categories = list(
        EventCategory.objects.filter(locale__language_code="es").values_list("pk", flat=True)[:1]
    )
    details = {
        "title": SUBMISSION_TITLE,
        "summary": "Detección de objetos con cámaras de bajo costo: charla y taller práctico.",
        "description": "Veremos YOLO y modelos livianos en una Raspberry Pi.\n\n"
        "Trae tu portátil; prestamos cámaras.",
        "categories": categories,
        "tags": "visión, taller",
        "language": "es",
        "time_zone": DEFAULT_TIME_ZONE,
        "start": f"{start.isoformat()}T18:00",
        "end": f"{start.isoformat()}T21:00",
    }
    made = 0
    with transaction.atomic():
        if SUBMISSION_TITLE not in existing:
            submission = submission_create(
                user=organizer,
                language="es",
                data={
                    "details": details,
                    "place": {"event_format": "in_person", "venue": venue.pk},
                    "agenda": {
                        "sessions": [
                            {
                                "title": "Charla: visión en el borde",
                                "start": details["start"],
                                "end": f"{start.isoformat()}T19:00",
                                "speakers": "Carlos Gómez",
                            },
                            {
                                "title": "Taller práctico",
                                "start": f"{start.isoformat()}T19:00",
                                "end": details["end"],
                            },
                        ]
                    },  # fmt: skip
                    "requirements": {
                        "capacity": 40,
                        "questions": [
                            {"label": "¿Traes portátil?", "kind": "checkbox", "mandatory": False},
                        ],
                    },  # fmt: skip
                },
            )
            submission_submit(submission=submission, user=organizer)
            made += 1
        if DRAFT_TITLE not in existing:
            submission_create(
                user=organizer,
                language="es",
                data={"details": {**details, "title": DRAFT_TITLE, "categories": [],
                                  "summary": "Cómo limpiar y publicar datos abiertos."}},
            )  # fmt: skip
            made += 1
    return made
