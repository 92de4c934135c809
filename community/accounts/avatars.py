"""Avatar uploads: checked to be a real image, cropped square and resized to 512 px, stored
as WebP. The original upload is never kept (it may carry GPS data in its EXIF)."""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from config.errors import ValidationFailed

MAX_BYTES = 5 * 1024 * 1024
SIZE = 512
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def avatar_process(upload) -> ContentFile:
    if upload.size > MAX_BYTES:
        raise ValidationFailed(
            _("The image is larger than 5 MB; choose a smaller one."),
            code="avatar_too_large",
            fields={"avatar": [_("At most 5 MB.")]},
        )
    try:
        image = Image.open(upload)  # reads the header only
        image_format = image.format
        if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise ValidationFailed(
                _("The image has too many pixels; use one under 40 megapixels."),
                code="avatar_too_many_pixels",
                fields={"avatar": [_("At most 40 megapixels.")]},
            )
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationFailed(
            _("That file is not an image we can read; use JPEG, PNG, WebP or GIF."),
            code="avatar_not_an_image",
            fields={"avatar": [_("Not a readable image.")]},
        ) from exc
    if image_format not in ALLOWED_FORMATS:
        raise ValidationFailed(
            _("Use a JPEG, PNG, WebP or GIF image."),
            code="avatar_format",
            fields={"avatar": [_("Unsupported format.")]},
        )
    image = ImageOps.exif_transpose(image).convert("RGB")
    image = ImageOps.fit(image, (SIZE, SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=85)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.webp")
