"""What the content apps' demo modules share: the two locales and generated images (the
demo ships no files). The demo app's seed_demo command runs each app's demo module."""

from __future__ import annotations

from wagtail.models import Locale


def locales() -> dict[str, Locale]:
    es, _ = Locale.objects.get_or_create(language_code="es")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"es": es, "en": en}


def demo_image(title: str, color: str, size=(480, 240)):
    """A generated logo-like image (no files shipped with the demo)."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", size, color)
    ImageDraw.Draw(canvas).text((24, size[1] // 2 - 8), title, fill="white")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    name = "".join(ch for ch in title.lower() if ch.isalnum()) or "image"
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{name}.png"))
