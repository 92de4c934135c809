"""What the content apps' demo modules share: the two locales and generated images (the
demo ships no files). The demo app's seed_demo command runs each app's demo module.

The images are drawn here with Pillow at seed time, without the network: posters for events,
blog posts and resources (a title in large type on a gradient with a geometric motif, the
community's mark), avatars (initials on a coloured disc) and partner logos. Drawing is
deterministic: the same words and seed give the same bytes with the same Pillow and fonts,
so tests and visual baselines stay stable. A stored image is found again by a key of what
it shows, so a second run draws nothing, and one whose words changed (an event's date moves
with the day the demo is seeded) is redrawn in place.
"""

from __future__ import annotations

import hashlib
import io
import random
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

# Bump when the drawing changes (the palettes are part of every key already), so stored
# images are redrawn on the next seed.
DRAWING_VERSION = 1

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def locales() -> dict[str, Locale]:
    es, _ = Locale.objects.get_or_create(language_code="es")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"es": es, "en": en}


# ---- drawing (Pillow only) ----------------------------------------------------------------


@dataclass(frozen=True)
class Palette:
    """White and the accent both keep a contrast of at least 4.5 on either end."""

    start: str  # the gradient, top left
    end: str  # the gradient, bottom right
    accent: str  # the kicker, the date line and the mark


PALETTES = (
    Palette("#0b3d91", "#5b16b8", "#ffd166"),
    Palette("#004e4a", "#066150", "#f6c945"),
    Palette("#7a0c2e", "#b3122f", "#ffe066"),
    Palette("#1b1b3a", "#5e2f5d", "#ff9f5a"),
    Palette("#0f2027", "#2c5364", "#7ee8fa"),
    Palette("#3a0ca3", "#9d1487", "#ffc8dd"),
    Palette("#123b22", "#3f6212", "#d9f99d"),
    Palette("#6b230c", "#b0390a", "#fde68a"),
    Palette("#111827", "#374151", "#34d399"),
    Palette("#1e3a8a", "#0a5161", "#fca5a5"),
)

MOTIFS = ("rings", "dots", "stripes", "blocks", "arcs")


def _digest(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()  # a cache key


def _key(*parts: object) -> str:
    """What a stored image shows, as a key: its words, and how it is drawn."""
    return _digest(DRAWING_VERSION, PALETTES, settings.WAGTAIL_SITE_NAME, *parts)


def palette_for(seed: str) -> Palette:
    return PALETTES[int(_digest(seed)[:8], 16) % len(PALETTES)]


@lru_cache(maxsize=32)
def _font(size: int, *, bold: bool = True):
    from PIL import ImageFont

    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:  # no DejaVu on this machine: Pillow's own scalable font
        return ImageFont.load_default(size=size)


@lru_cache(maxsize=16)
def _background(size: tuple[int, int], palette: Palette, motif: str, seed: str):
    """The gradient and motif (the slow part): es and en versions of a poster share it."""
    from PIL import Image, ImageChops, ImageDraw

    width, height = size
    # a diagonal gradient, made at a tenth of the size and scaled up (four times faster,
    # and a linear ramp scales up without banding)
    small = (max(2, width // 10), max(2, height // 10))
    ramp = Image.linear_gradient("L")  # 256×256, black at the top
    across = ImageChops.invert(ramp.rotate(90).resize(small))  # black on the left
    mask = ImageChops.add(across, ramp.resize(small), scale=2)
    canvas = Image.composite(
        Image.new("RGB", small, palette.end), Image.new("RGB", small, palette.start), mask
    ).resize(size, Image.Resampling.BILINEAR)
    if motif not in MOTIFS:
        return canvas
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    light, accent = (255, 255, 255), _rgb(palette.accent)
    unit = height / 9
    if motif == "rings":
        cx, cy = width * rng.uniform(0.78, 0.9), height * rng.uniform(0.2, 0.8)
        for step in range(6, 0, -1):
            radius = unit * step * 0.95
            draw.ellipse(
                (cx - radius, cy - radius, cx + radius, cy + radius),
                outline=(*light, 26 + step * 4),
                width=max(2, int(unit * 0.18)),
            )
        radius = unit * 1.2
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*accent, 235))
    elif motif == "dots":
        gap = unit * 0.62
        columns, rows = int(width * 0.42 / gap), int(height / gap) + 1
        for column in range(columns):
            for row in range(rows):
                x, y = width - gap * (column + 0.5), gap * (row + 0.5)
                alpha = int(120 * (1 - column / columns))
                radius = unit * 0.09 * (1 + ((row * 7 + column * 3) % 5) / 4)
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*light, alpha))
    elif motif == "stripes":
        band = unit * rng.uniform(0.55, 0.8)
        for number in range(9):
            x = width * 0.55 + number * band * 1.9
            colour = accent if number % 4 == 1 else light
            alpha = 225 if colour is accent else 28
            draw.polygon(
                [(x, height), (x + band, height), (x + band + height, 0), (x + height, 0)],
                fill=(*colour, alpha),
            )
    elif motif == "blocks":
        for number in range(7):
            colour = accent if number == 3 else light
            side = unit * rng.uniform(1.2, 2.8)
            x = width * rng.uniform(0.84 if colour is accent else 0.74, 0.96) - side / 2
            y = height * rng.uniform(0.0, 1.0) - side / 2
            draw.rounded_rectangle(
                (x, y, x + side, y + side),
                radius=side * 0.18,
                fill=(*colour, 235 if colour is accent else 30 + number * 6),
            )
    elif motif == "arcs":
        cx, cy = width * 1.02, height * 1.05
        for step in range(9, 1, -1):
            radius = unit * step * 1.05
            colour = accent if step == 4 else light
            draw.arc(
                (cx - radius, cy - radius, cx + radius, cy + radius),
                start=180,
                end=270,
                fill=(*colour, 230 if colour is accent else 34),
                width=max(3, int(unit * 0.34)),
            )
    canvas.paste(overlay, (0, 0), overlay)
    return canvas


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _wrap(text: str, font, max_width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(text: str, max_width: float, max_lines: int, largest: int, smallest: int):
    """The largest bold size at which `text` wraps into `max_lines` lines of `max_width`."""
    size = largest
    while True:
        font = _font(size)
        lines = _wrap(text, font, max_width)
        widest = max(font.getlength(line) for line in lines)
        if (len(lines) <= max_lines and widest <= max_width) or size <= smallest:
            break
        size -= 4
    if len(lines) > max_lines:  # still too long at the smallest size: cut the last line
        lines = [*lines[: max_lines - 1], textwrap.shorten(" ".join(lines[max_lines - 1 :]),
                                                            width=40, placeholder="…")]  # fmt: skip
    return font, lines


def _mark(draw, x: float, y: float, height: float, palette: Palette) -> None:
    """The community's mark: three connected nodes in a rounded square, then the name."""
    box = (x, y, x + height, y + height)
    draw.rounded_rectangle(box, radius=height * 0.24, fill=palette.accent)
    ink = palette.start
    nodes = [(0.3, 0.68), (0.5, 0.3), (0.72, 0.66)]
    points = [(x + nx * height, y + ny * height) for nx, ny in nodes]
    draw.line([*points, points[0]], fill=ink, width=max(2, int(height * 0.07)))
    radius = height * 0.1
    for px, py in points:
        draw.ellipse((px - radius, py - radius, px + radius, py + radius), fill=ink)
    font = _font(int(height * 0.62))
    draw.text((x + height * 1.28, y + height / 2), settings.WAGTAIL_SITE_NAME, font=font,
              fill="white", anchor="lm")  # fmt: skip


def fit_title(title: str, *, width: int, height: int):
    """A poster's title: bold, at most 3 lines in the left 70 % of the poster, as large as
    fits between 11.5 % and 6 % of its height (readable on a 480 px wide card)."""
    margin = round(height * 0.1)
    return _fit(title, width * 0.7 - margin, 3, round(height * 0.115), round(height * 0.06))


def draw_poster(
    *,
    title: str,
    kicker: str = "",
    lines: tuple[str, ...] = (),
    size: tuple[int, int] = (1600, 900),
    seed: str = "",
    variant: int | None = None,
):
    """A poster: the mark at the top, a kicker (a category) in the accent colour, the title
    in large type wrapped to the width, and up to two lines (date, place) at the bottom."""
    from PIL import ImageDraw

    seed = seed or title
    palette = palette_for(seed) if variant is None else PALETTES[variant % len(PALETTES)]
    motif = MOTIFS[int(_digest(seed, "motif")[:8], 16) % len(MOTIFS)]
    canvas = _background(size, palette, motif, seed).copy()
    draw = ImageDraw.Draw(canvas)
    width, height = size
    margin = round(height * 0.1)
    # the mark at the top
    _mark(draw, margin, margin, round(height * 0.065), palette)
    # the lines at the bottom, bottom up
    bottom = height - margin
    line_size = round(height * 0.045)
    for number, text in enumerate(reversed(lines[:2])):
        is_first = number == len(lines[:2]) - 1
        font = _font(line_size, bold=is_first)
        draw.text((margin, bottom), text, font=font, fill=palette.accent if is_first else "white",
                  anchor="ld")  # fmt: skip
        bottom -= round(line_size * 1.45)
    # the title and its kicker, centred in the space left
    font, title_lines = fit_title(title, width=width, height=height)
    leading = round(font.size * 1.12)
    kicker_font = _font(round(height * 0.036))
    kicker_height = round(height * 0.036 * 2.1) if kicker else 0
    block = kicker_height + leading * len(title_lines)
    top_limit = margin + round(height * 0.065) + round(height * 0.05)
    bottom_limit = bottom - round(height * 0.03)
    y = max(top_limit, top_limit + (bottom_limit - top_limit - block) / 2)
    if kicker:
        draw.text((margin, y), kicker.upper(), font=kicker_font, fill=palette.accent)
        y += kicker_height
    for line in title_lines:
        draw.text((margin, y), line, font=font, fill="white")
        y += leading
    return canvas


def initials(name: str) -> str:
    words = [word for word in name.replace("-", " ").split() if word[:1].isalpha()]
    if not words:
        return "?"
    first, last = words[0], words[-1] if len(words) > 1 else ""
    return (first[0] + (last[0] if last else first[1:2])).upper()


def draw_avatar(name: str, size: int = 512):
    """Initials on a coloured disc (the disc fills the square, so it reads as a disc where
    avatars are shown round, and the square keeps no transparent corners to go black)."""
    from PIL import ImageDraw

    palette = palette_for(name)
    canvas = _background((size, size), palette, "none", name).copy()
    draw = ImageDraw.Draw(canvas)
    font = _font(round(size * 0.36))
    draw.text((size / 2, size / 2), initials(name), font=font, fill="white", anchor="mm")
    return canvas


def draw_logo(name: str, size: tuple[int, int] = (600, 300)):
    """A partner's wordmark: a symbol in its colour and its name, on white."""
    from PIL import Image, ImageDraw

    palette = palette_for(name)
    canvas = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(canvas)
    width, height = size
    symbol = height * 0.34
    x, y = width * 0.08, (height - symbol) / 2
    draw.ellipse((x, y, x + symbol, y + symbol), fill=palette.start)
    inner = symbol * 0.42
    draw.rounded_rectangle(
        (x + symbol - inner * 0.8, y - inner * 0.2, x + symbol + inner * 0.2, y + inner * 0.8),
        radius=inner * 0.25,
        fill=palette.end,
    )
    left = x + symbol * 1.45
    font, lines = _fit(name, width - left - width * 0.06, 2, round(height * 0.2), 18)
    leading = font.size * 1.1
    y = height / 2 - leading * len(lines) / 2 + leading / 2
    for line in lines:
        draw.text((left, y), line, font=font, fill="#1f2937", anchor="lm")
        y += leading
    return canvas


def encode(canvas, image_format: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    if image_format == "JPEG":
        canvas.save(buffer, "JPEG", quality=86, optimize=False, progressive=False)
    else:
        canvas.save(buffer, image_format)
    return buffer.getvalue()


# ---- stored images ------------------------------------------------------------------------


def _stored(name: str, title: str, alt: str, key: str, draw, image_format: str = "JPEG"):
    """The Wagtail image `name` (a stable file name) showing `key`; drawn only when missing
    or when what it shows changed, and then replaced in place (pages keep pointing at it)."""
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image

    extension = "jpg" if image_format == "JPEG" else image_format.lower()
    stem = f"{name[:50]}-{key[:10]}"
    existing = Image.objects.filter(file__startswith=f"original_images/{name[:50]}-").first()
    if existing is not None and stem in existing.file.name:
        if (existing.title, existing.description) != (title[:255], alt[:255]):
            existing.title, existing.description = title[:255], alt[:255]
            existing.save(update_fields=["title", "description"])
        return existing
    canvas = draw()
    content = ImageFile(io.BytesIO(encode(canvas, image_format)), name=f"{stem}.{extension}")
    width, height = canvas.size  # given, so Wagtail need not open the file again to read them
    if existing is None:
        return Image.objects.create(
            title=title[:255], description=alt[:255], file=content, width=width, height=height
        )
    existing.renditions.all().delete()
    old_name, storage = existing.file.name, existing.file.storage
    transaction.on_commit(lambda: storage.delete(old_name))  # kept if the seed rolls back
    existing.file = content
    existing.width, existing.height = width, height
    existing.title, existing.description = title[:255], alt[:255]
    existing.file_size, existing.file_hash = None, ""  # worked out again when asked
    existing.focal_point_x = existing.focal_point_y = None
    existing.focal_point_width = existing.focal_point_height = None
    existing.save()
    return existing


def demo_poster(
    name: str,
    *,
    title: str,
    kicker: str = "",
    lines: tuple[str, ...] = (),
    size: tuple[int, int] = (1600, 900),
    seed: str = "",
    variant: int | None = None,
    alt: str = "",
):
    """A stored poster image (see draw_poster); `name` identifies it across runs. `seed`
    picks the motif, and the palette unless `variant` (a position in a list) does, so that
    neighbours differ; give a page's translations the same seed and variant."""
    lines = tuple(lines)
    key = _key(title, kicker, lines, size, seed, variant)
    return _stored(
        name,
        title,
        alt or title,
        key,
        lambda: draw_poster(
            title=title, kicker=kicker, lines=lines, size=size, seed=seed, variant=variant
        ),
    )


def demo_avatar(name: str, *, person: str, size: int = 512):
    """A stored avatar of `person` (initials on a coloured disc), for Wagtail image fields."""
    key = _key(person, size)
    return _stored(name, person, person, key, lambda: draw_avatar(person, size))


def demo_avatar_file(person: str, size: int = 512):
    """An avatar of `person` as an upload, for services that take one (profile photos)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = encode(draw_avatar(person, size))  # a JPEG: the service re-encodes it anyway
    return SimpleUploadedFile("avatar.jpg", content, content_type="image/jpeg")


def demo_logo(name: str, *, organisation: str):
    """A stored wordmark of a partner organisation."""
    key = _key(organisation)
    return _stored(name, organisation, organisation, key, lambda: draw_logo(organisation), "PNG")
