"""Bilingual demo library: categories in two levels, 20 resources of every type (some
members-only, two with uploaded files). Idempotent."""

# ruff: noqa: E501  (demo text reads better on one line)

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.models import Page

from cms.demo import demo_poster, locales

from .models import ResourceCategory, ResourceIndexPage, ResourcePage, ResourceType, Visibility

INDEX = {
    "es": {"slug": "recursos", "title": "Recursos", "introduction": "Artículos, cursos, datos, herramientas y archivos que la comunidad recomienda."},
    "en": {"slug": "resources", "title": "Resources", "introduction": "Articles, courses, data, tools and files the community recommends."},
}  # fmt: skip

# key: (parent key, es name, en name)
CATEGORIES = {
    "ml": (None, "Aprendizaje automático", "Machine learning"),
    "vision": ("ml", "Visión por computador", "Computer vision"),
    "nlp": ("ml", "Lenguaje natural", "Natural language"),
    "data": (None, "Datos", "Data"),
    "open-data": ("data", "Datos abiertos", "Open data"),
    "community": (None, "Comunidad", "Community"),
    "guides": ("community", "Guías", "Guides"),
}

FILES = {
    "guia-rapida": ("Guía rápida de la comunidad", "guia-rapida-medellin-ai.txt",
                    "Medellín AI — guía rápida\n\n1. Crea tu cuenta.\n2. Completa tu perfil.\n3. Ven a un encuentro.\n"),
    "kit-ponentes": ("Kit para ponentes (miembros)", "kit-ponentes-medellin-ai.txt",
                     "Kit para ponentes\n\nPlantilla de diapositivas, lista de verificación y contactos del equipo.\n"),
}  # fmt: skip

# slug, type, categories, tags, featured, members-only, url or file key, es (title, summary), en (title, summary)
RESOURCES = [
    ("intro-ml", "course", ["ml"], ["principiantes", "python"], True, False, "https://www.coursera.org/learn/machine-learning",
     ("Curso de aprendizaje automático", "El curso clásico para empezar, con ejercicios en Python."), ("Machine learning course", "The classic course to get started, with Python exercises.")),
    ("attention-paper", "paper", ["nlp"], ["transformers", "investigacion"], True, False, "https://arxiv.org/abs/1706.03762",
     ("Attention Is All You Need", "El artículo que presentó la arquitectura transformer."), ("Attention Is All You Need", "The paper that introduced the transformer architecture.")),
    ("hugging-face", "tool", ["nlp"], ["transformers", "python"], False, False, "https://huggingface.co/docs/transformers",
     ("Biblioteca Transformers", "Modelos preentrenados para texto, imagen y audio."), ("Transformers library", "Pretrained models for text, images and audio.")),
    ("opencv", "tool", ["vision"], ["python", "vision"], False, False, "https://opencv.org/",
     ("OpenCV", "La biblioteca abierta de visión por computador."), ("OpenCV", "The open computer vision library.")),
    ("datos-abiertos-colombia", "dataset", ["open-data"], ["colombia", "datos-abiertos"], True, False, "https://www.datos.gov.co/",
     ("Datos abiertos de Colombia", "El portal de datos abiertos del Estado colombiano."), ("Colombia open data", "The Colombian government's open data portal.")),
    ("medellin-movilidad", "dataset", ["open-data"], ["medellin", "datos-abiertos"], False, False, "https://medata.gov.co/",
     ("MeData: datos de Medellín", "Movilidad, calidad del aire y más datos de la ciudad."), ("MeData: Medellín's data", "Mobility, air quality and more data about the city.")),
    ("yolo-video", "video", ["vision"], ["vision", "tutorial"], False, False, "https://www.youtube.com/watch?v=ag3DLKsl2vk",
     ("Detección de objetos con YOLO", "Charla del meetup de marzo: detección en tiempo real."), ("Object detection with YOLO", "Talk from the March meetup: real-time detection.")),
    ("llm-spanish", "article", ["nlp"], ["llm", "espanol"], False, False, "https://huggingface.co/blog/spanish-llms",
     ("Modelos de lenguaje en español", "Qué modelos funcionan mejor para textos en español."), ("Language models in Spanish", "Which models work best for Spanish text.")),
    ("fastai", "course", ["ml"], ["principiantes", "deep-learning"], False, False, "https://course.fast.ai/",
     ("Deep learning práctico", "Curso gratuito de fast.ai, de la práctica a la teoría."), ("Practical deep learning", "fast.ai's free course, from practice to theory.")),
    ("scikit-learn", "tool", ["ml"], ["python", "principiantes"], False, False, "https://scikit-learn.org/",
     ("scikit-learn", "Aprendizaje automático clásico en Python."), ("scikit-learn", "Classic machine learning in Python.")),
    ("ethics-article", "article", ["community"], ["etica"], False, False, "https://www.unesco.org/en/artificial-intelligence/recommendation-ethics",
     ("Ética de la IA (UNESCO)", "La recomendación de la UNESCO sobre la ética de la inteligencia artificial."), ("AI ethics (UNESCO)", "UNESCO's recommendation on the ethics of artificial intelligence.")),
    ("mlops-video", "video", ["ml"], ["mlops", "tutorial"], False, True, "https://www.youtube.com/watch?v=9BgIDqAzfuA",
     ("Taller de MLOps (grabación)", "Grabación completa del taller de despliegue de modelos."), ("MLOps workshop (recording)", "Full recording of the model deployment workshop.")),
    ("diffusion-paper", "paper", ["vision"], ["investigacion", "generativa"], False, False, "https://arxiv.org/abs/2006.11239",
     ("Modelos de difusión", "El artículo de los modelos probabilísticos de difusión."), ("Diffusion models", "The denoising diffusion probabilistic models paper.")),
    ("spanish-corpus", "dataset", ["nlp", "open-data"], ["espanol", "datos-abiertos"], False, True, "https://huggingface.co/datasets/PlanTL-GOB-ES/spanish-corpora",
     ("Corpus de español anotado", "Corpus para entrenar modelos en español (miembros)."), ("Annotated Spanish corpus", "A corpus for training Spanish models (members).")),
    ("guia-rapida", "file", ["guides"], ["principiantes", "comunidad"], True, False, "file:guia-rapida",
     ("Guía rápida de la comunidad", "Un archivo de una página con los primeros pasos."), ("Community quick guide", "A one-page file with the first steps.")),
    ("kit-ponentes", "file", ["guides"], ["charlas", "comunidad"], False, True, "file:kit-ponentes",
     ("Kit para ponentes", "Plantilla y lista de verificación para dar una charla (miembros)."), ("Speaker kit", "Template and checklist for giving a talk (members).")),
    ("pytorch-tutorial", "course", ["ml"], ["deep-learning", "python"], False, False, "https://pytorch.org/tutorials/",
     ("Tutoriales de PyTorch", "Los tutoriales oficiales, de tensores a modelos completos."), ("PyTorch tutorials", "The official tutorials, from tensors to full models.")),
    ("label-studio", "tool", ["data"], ["anotacion", "datos-abiertos"], False, False, "https://labelstud.io/",
     ("Label Studio", "Herramienta abierta para etiquetar datos."), ("Label Studio", "An open tool for labelling data.")),
    ("agro-vision-case", "article", ["vision"], ["colombia", "agro"], False, True, "https://medellin.ai/casos/agrovision",
     ("Caso: visión para el agro", "Cómo una startup local detecta plagas en cultivos (miembros)."), ("Case study: vision for farming", "How a local startup detects crop pests (members).")),
    ("meetup-slides", "file", ["community"], ["charlas"], False, False, "https://medellin.ai/charlas/",
     ("Diapositivas de los meetups", "Todas las presentaciones de los encuentros."), ("Meetup slides", "Every presentation from our meetups.")),
]  # fmt: skip


def _categories(loc) -> dict[str, dict[str, ResourceCategory]]:
    found: dict[str, dict[str, ResourceCategory]] = {"es": {}, "en": {}}
    for key, (parent_key, name_es, name_en) in CATEGORIES.items():
        es = ResourceCategory.objects.filter(locale=loc["es"], slug=key).first()
        if es is None:
            es = ResourceCategory(locale=loc["es"], slug=key)
        es.name = name_es
        es.parent = found["es"][parent_key] if parent_key else None
        es.save()
        en = ResourceCategory.objects.filter(
            locale=loc["en"], translation_key=es.translation_key
        ).first() or es.copy_for_translation(loc["en"])
        en.name, en.slug = name_en, key
        en.parent = found["en"][parent_key] if parent_key else None
        en.save()
        found["es"][key], found["en"][key] = es, en
    return found


def _document(key: str) -> Document:
    title, filename, text = FILES[key]
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(text.encode()), save=False)
        document.save()
    return document


def _fill(page: ResourcePage, spec, number: int, lang: str, categories) -> None:
    slug, kind, cats, tags, featured, members, target, es, en = spec
    page.title, page.summary = es if lang == "es" else en
    page.slug = slug
    page.resource_type, page.featured = kind, featured
    page.visibility = Visibility.MEMBERS if members else Visibility.PUBLIC
    if target.startswith("file:"):
        page.document, page.external_url = _document(target[5:]), ""
    else:
        page.document, page.external_url = None, target
    page.body = [("paragraph", f"<p>{page.summary}</p>")]
    page.categories = [categories[lang][key] for key in cats]
    with translation.override(lang):
        kind_label = str(ResourceType(kind).label)
    page.image = demo_poster(f"resource-{slug}-{lang}", title=page.title, kicker=kind_label,
                             lines=(categories[lang][cats[0]].name,), size=(1200, 630), seed=slug, variant=number)  # fmt: skip
    page.tags.set(tags, clear=True)
    page.save_revision().publish()


@transaction.atomic
def demo_resources(homes: dict[str, Page]) -> dict[str, ResourceIndexPage]:
    loc = locales()
    categories = _categories(loc)
    index_es = ResourceIndexPage.objects.child_of(homes["es"]).first()
    if index_es is None:
        index_es = ResourceIndexPage(locale=loc["es"], **INDEX["es"])
        homes["es"].add_child(instance=index_es)
    for lang, index in (("es", index_es),):
        index.slug, index.title = INDEX[lang]["slug"], INDEX[lang]["title"]
        index.introduction = INDEX[lang]["introduction"]
        index.save_revision().publish()
    index_en = ResourceIndexPage.objects.filter(
        locale=loc["en"], translation_key=index_es.translation_key
    ).first() or index_es.copy_for_translation(loc["en"])
    index_en.slug, index_en.title = INDEX["en"]["slug"], INDEX["en"]["title"]
    index_en.introduction = INDEX["en"]["introduction"]
    index_en.save_revision().publish()

    for number, spec in enumerate(RESOURCES):
        page_es = ResourcePage.objects.child_of(index_es).filter(slug=spec[0]).first()
        if page_es is None:
            page_es = ResourcePage(slug=spec[0], title=spec[7][0], summary="…", locale=loc["es"],
                                   external_url="https://medellin.ai/")  # fmt: skip
            index_es.add_child(instance=page_es)
        _fill(page_es, spec, number, "es", categories)
        page_en = ResourcePage.objects.filter(
            locale=loc["en"], translation_key=page_es.translation_key
        ).first() or page_es.copy_for_translation(loc["en"])
        _fill(page_en, spec, number, "en", categories)
    return {"es": index_es, "en": index_en}
