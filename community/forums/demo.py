# ruff: noqa: E501  (demo text reads better on one line)
"""Demo forums: five categories (one with a subcategory) and 40+ topics with replies in
Spanish and English, written by the demo members. Idempotent: topics are found by slug."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.search.index import insert_or_update_object

from community.accounts.roles import MODERATORS_GROUP

from .models import ForumCategory, Post, Subscription, Topic
from .services import post_html

CATEGORIES = [
    # slug, parent, order, es, en, description es, description en
    ("anuncios", None, 1, "Anuncios", "Announcements",
     "Novedades de la comunidad Medellín AI.", "News from the Medellín AI community."),
    ("preguntas", None, 2, "Preguntas y respuestas", "Questions and answers",
     "Pregunta lo que quieras sobre IA; alguien sabrá.", "Ask anything about AI; someone knows."),
    ("llms-rag", "preguntas", 3, "LLMs y RAG", "LLMs and RAG",
     "Modelos de lenguaje, embeddings y recuperación.", "Language models, embeddings, retrieval."),
    ("proyectos", None, 4, "Muestra tu proyecto", "Show your project",
     "Comparte lo que construiste y pide retroalimentación.", "Share what you built, get feedback."),
    ("empleos", None, 5, "Empleos y colaboraciones", "Jobs and collaborations",
     "Ofertas, pasantías y gente buscando equipo.", "Openings, internships, people seeking a team."),
    ("eventos", None, 6, "Eventos y meetups", "Events and meetups",
     "Antes y después de cada encuentro.", "Before and after every meetup."),
]  # fmt: skip

TOPICS_ES = [
    ("anuncios", "Bienvenidos al foro de Medellín AI",
     "Este es el lugar para **preguntar, compartir y aprender**. Lee el código de conducta y preséntate en *Preguntas y respuestas*."),
    ("anuncios", "Nuevo espacio de coworking para la comunidad en Ruta N",
     "Desde diciembre tenemos mesas reservadas los jueves en Ruta N. Trae tu portátil y tus dudas."),
    ("anuncios", "Resultados de la encuesta de la comunidad 2026",
     "Participaron 312 personas. Lo más pedido: talleres prácticos de **MLOps** y más contenido en español."),
    ("preguntas", "¿Por dónde empiezo a aprender machine learning?",
     "Vengo del desarrollo web con Python. ¿Qué curso o libro recomiendan para empezar con ML?"),
    ("preguntas", "¿Vale la pena una maestría en IA en Colombia?",
     "Estoy entre hacer una maestría en la UdeA o aprender por mi cuenta. ¿Experiencias?"),
    ("preguntas", "¿Cómo explicarle a mi jefe qué es un modelo de IA?",
     "Necesito una analogía sencilla para una presentación a gerencia. ¿Ideas?"),
    ("preguntas", "GPU en la nube barata para estudiantes",
     "¿Qué opciones hay con créditos gratuitos o precios bajos para entrenar modelos pequeños?"),
    ("llms-rag", "RAG con documentos en español: ¿qué embeddings usan?",
     "Probé varios modelos de embeddings y la recuperación en español es floja. ¿Qué les ha funcionado?"),
    ("llms-rag", "¿Cómo evalúan las respuestas de su chatbot?",
     "Tenemos un asistente interno con RAG y no sabemos medir si mejora. ¿Métricas o herramientas?"),
    ("llms-rag", "Fine-tuning vs. prompt engineering para atención al cliente",
     "Tenemos 20.000 conversaciones etiquetadas. ¿Ajustar un modelo o mejorar los prompts?"),
    ("llms-rag", "Modelos abiertos que corran en un portátil",
     "Busco un modelo que funcione offline en un portátil con 16 GB de RAM para una demo."),
    ("proyectos", "Detector de deslizamientos con imágenes satelitales del Valle de Aburrá",
     "Entrenamos un modelo de segmentación con imágenes Sentinel-2. Código abierto y feliz de recibir comentarios."),
    ("proyectos", "Chatbot para trámites de la Alcaldía (prototipo)",
     "Un asistente que responde preguntas sobre trámites usando documentos públicos. ¡Pruébenlo!"),
    ("proyectos", "Clasificador de especies de aves de Antioquia",
     "Con fotos de eBird armamos un clasificador de 120 especies. Precisión top-1 del 87 %."),
    ("proyectos", "Dashboard de calidad del aire con predicción a 24 horas",
     "Usamos datos del SIATA y un modelo de series de tiempo. Buscamos ayuda con el frontend."),
    ("empleos", "Fintech en El Poblado busca ingeniero/a de ML (remoto híbrido)",
     "Buscamos alguien con experiencia en modelos de riesgo y MLOps. Escríbeme por mensaje."),
    ("empleos", "Pasantía en visión por computador para estudiantes",
     "Laboratorio universitario ofrece pasantía de 6 meses en visión por computador."),
    ("empleos", "Busco cofundador técnico para startup de agrotech",
     "Tengo tracción con cafeteros de Antioquia; busco alguien fuerte en datos e IA."),
    ("eventos", "Memorias del meetup de noviembre: IA generativa en producción",
     "Aquí dejamos las diapositivas y el video. ¿Qué tema quieren para el próximo?"),
    ("eventos", "¿Quién va al hackathon de IA para el clima?",
     "Armemos equipos aquí. Yo aporto experiencia en datos geoespaciales."),
    ("eventos", "Propuestas de charlas para el primer semestre",
     "Si quieres dar una charla, cuéntanos el tema y el nivel aquí."),
]  # fmt: skip

TOPICS_EN = [
    ("anuncios", "Community guidelines, in English",
     "Welcome! Be kind, share what you know, and **no spam**. Moderators will hide posts that break the code of conduct."),
    ("anuncios", "The platform now has forums and direct messages",
     "You can now follow topics, mention people with @handle, and message your connections."),
    ("preguntas", "Moving to Medellín as a data scientist: tips?",
     "I'm relocating from Toronto next year. What's the AI scene like, and which neighbourhoods do people like?"),
    ("preguntas", "How do you keep up with AI papers?",
     "There's too much to read. What's your filter: newsletters, reading groups, arXiv alerts?"),
    ("preguntas", "Best way to deploy a small PyTorch model",
     "It's a 50 MB model for a side project. Serverless, a tiny VM, or something else?"),
    ("preguntas", "Good datasets in Spanish for NLP",
     "Looking for open Spanish corpora (news, social media, legal) for a classification project."),
    ("llms-rag", "Chunking strategies that actually work",
     "Fixed size, by heading, semantic? Share what improved your retrieval the most."),
    ("llms-rag", "Guardrails for an LLM that talks to customers",
     "How do you stop it from promising refunds it can't give? Looking for practical patterns."),
    ("llms-rag", "Running evals in CI for prompt changes",
     "We want a failing check when a prompt change makes answers worse. Anyone doing this?"),
    ("llms-rag", "Structured output: JSON mode or function calling?",
     "Which is more reliable for extracting fields from invoices?"),
    ("proyectos", "Open-source OCR for handwritten Colombian forms",
     "We fine-tuned a TrOCR model on 5,000 forms. Repo and demo in the first reply."),
    ("proyectos", "Speech-to-text for paisa accents",
     "Whisper struggles with some local expressions; we're collecting a small dataset. Want to help?"),
    ("proyectos", "A recommender for local events (built on this API)",
     "Using the platform's API to recommend meetups from your interests. Feedback welcome."),
    ("empleos", "Remote ML engineer role, US company, Colombia-based",
     "Hiring a senior ML engineer, English required. Salary in USD. Ask me anything here."),
    ("empleos", "Looking for a mentor in MLOps",
     "Junior engineer here; happy to help with a project in exchange for guidance."),
    ("empleos", "Freelance: labelling and data cleaning project",
     "Two-month project, about 20 hours a week. Spanish and English needed."),
    ("eventos", "Slides from the computer vision workshop",
     "Thanks to everyone who came! Slides and notebooks are linked below."),
    ("eventos", "Ideas for an English-language meetup track",
     "Several of us are expats or remote workers; would an English track help?"),
    ("eventos", "Volunteers for the AI ethics panel",
     "We need two moderators and someone to handle questions from the audience."),
    ("eventos", "Carpooling to the Rionegro conference",
     "Leaving from Laureles at 7:00. Two seats left."),
    ("proyectos", "Benchmarking LLMs on Colombian legal questions",
     "We built a 300-question benchmark from public rulings. Results so far in the thread."),
]  # fmt: skip

REPLIES = {
    "es": [
        "¡Gracias por compartir! Me sirvió mucho.",
        "Yo tuve el mismo problema; lo resolví leyendo la documentación oficial con calma.",
        "¿Tienes el enlace al repositorio? Me gustaría probarlo.",
        "Muy buena iniciativa. Cuenta conmigo para el próximo encuentro.",
        "Recomiendo empezar por algo pequeño y medirlo bien antes de escalar.",
        "Interesante. ¿Qué tal funciona con datos reales de Medellín?",
    ],
    "en": [
        "Thanks for sharing, this is really useful.",
        "Same here; what worked for me was measuring before changing anything.",
        "Do you have a link to the code? I'd love to try it.",
        "Great initiative, count me in for the next meetup.",
        "Start small, measure, then scale: that saved us weeks.",
        "Interesting! How does it do on real data from Medellín?",
    ],
}


@transaction.atomic
def demo_forums() -> int:
    """Returns how many topics the forums hold after seeding."""
    User = get_user_model()
    authors = list(
        User.objects.filter(is_active=True, profile__isnull=False)
        .select_related("profile")
        .order_by("pk")[:60]
    )
    if not authors:
        return 0
    moderator = User.objects.filter(email="member@medellin.ai").first()
    if moderator is not None:
        moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))

    categories: dict[str, ForumCategory] = {}
    for slug, parent, order, name_es, name_en, desc_es, desc_en in CATEGORIES:
        categories[slug], _created = ForumCategory.objects.update_or_create(
            slug=slug,
            defaults={
                "parent": categories.get(parent),
                "sort_order": order,
                "name_es": name_es,
                "name_en": name_en,
                "description_es": desc_es,
                "description_en": desc_en,
                "is_active": True,
            },
        )

    now = timezone.now()
    seeds = [(c, "es", t, b) for c, t, b in TOPICS_ES] + [(c, "en", t, b) for c, t, b in TOPICS_EN]
    for number, (category_slug, language, title, body) in enumerate(seeds):
        slug = slugify(title)[:100]
        if Topic.objects.filter(slug=slug).exists():
            continue
        author = authors[number % len(authors)]
        started = now - timedelta(days=45 - number, hours=number % 7)
        topic = Topic.objects.create(
            category=categories[category_slug],
            title=title,
            slug=slug,
            author=author,
            language=language,
            is_pinned=category_slug == "anuncios" and number in (0, 21),
            view_count=17 * (number % 9) + 5,
            last_activity_at=started,
            last_post_author=author,
        )
        opening = Post.objects.create(
            topic=topic, author=author, is_opening=True, body=body, body_html=post_html(body)
        )
        posts = [opening]
        pool = REPLIES[language]
        for i in range(2 + number % 4):
            replier = authors[(number * 3 + i + 1) % len(authors)]
            if replier.pk == author.pk:
                replier = authors[(number * 3 + i + 2) % len(authors)]
            text = pool[(number + i) % len(pool)]
            if i == 1 and replier.profile.handle and author.profile.handle:
                text = f"@{author.profile.handle} {text}"
            parent = posts[-1] if i % 2 else None
            posts.append(
                Post.objects.create(
                    topic=topic, author=replier, parent=parent, body=text, body_html=post_html(text)
                )
            )
        for i, post in enumerate(posts):  # spread the thread over the following days
            when = started + timedelta(hours=5 * i)
            Post.objects.filter(pk=post.pk).update(created_at=when, notified_at=when)
        Topic.objects.filter(pk=topic.pk).update(
            created_at=started,
            reply_count=len(posts) - 1,
            last_activity_at=started + timedelta(hours=5 * (len(posts) - 1)),
            last_post_author=posts[-1].author,
        )
        for user in {p.author for p in posts}:
            Subscription.objects.get_or_create(user=user, topic=topic)
        transaction.on_commit(lambda pk=topic.pk: insert_or_update_object(Topic.objects.get(pk=pk)))
    return Topic.objects.count()
