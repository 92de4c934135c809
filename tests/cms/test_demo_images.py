"""The demo's generated images (cms/demo.py): posters with readable words, drawn the same way
every time, stored once, redrawn in place when their words change."""

import io

import pytest
from PIL import Image as PILImage

from cms import demo


def _pixels(canvas) -> bytes:
    return canvas.tobytes()


def test_a_poster_is_drawn_the_same_way_every_time():
    words = {"title": "Taller de visión por computador", "kicker": "Talleres",
             "lines": ("JUEVES 10 DE DICIEMBRE · 18:00", "Ruta N"), "seed": "taller"}  # fmt: skip
    first, second = demo.draw_poster(**words), demo.draw_poster(**words)
    assert first.size == (1600, 900)
    assert _pixels(first) == _pixels(second)
    assert demo.encode(first) == demo.encode(second)
    assert _pixels(demo.draw_poster(**{**words, "title": "Otro título"})) != _pixels(first)


def test_posters_in_a_list_take_different_palettes():
    palettes = {demo.draw_poster(title="Mismo", variant=n).getpixel((2, 2)) for n in range(4)}
    assert len(palettes) == 4


def _contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", demo.PALETTES)
def test_words_on_a_poster_keep_aa_contrast(palette):
    for ink in ("#ffffff", palette.accent):
        assert min(_contrast(ink, palette.start), _contrast(ink, palette.end)) >= 4.5


def test_a_long_title_wraps_into_three_lines_of_large_type():
    title = "Hackatón de IA para el agro: tres días construyendo soluciones con datos abiertos"
    font, lines = demo.fit_title(title, width=1600, height=900)
    assert 2 <= len(lines) <= 3 and " ".join(lines) == title
    assert font.size >= 54  # a tenth of the height at most, never under 6 %
    assert all(font.getlength(line) <= 1600 * 0.7 for line in lines)


def test_a_poster_is_not_a_flat_rectangle():
    canvas = demo.draw_poster(title="Noche de demos", size=(1200, 630))
    colours = canvas.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 500  # gradient, motif and type
    white = sum(count for count, colour in colours if min(colour) > 235)
    assert white > 1200 * 630 * 0.01  # the title is there, in white


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Carlos Gómez", "CG"), ("Juan Pablo Vélez", "JV"), ("Ana", "AN"), ("Café & Código", "CC")],
)
def test_an_avatar_shows_the_initials(name, expected):
    assert demo.initials(name) == expected


def test_an_avatar_upload_is_an_image_the_avatar_service_takes():
    upload = demo.demo_avatar_file("Valentina Ospina")
    image = PILImage.open(io.BytesIO(upload.read()))
    assert image.format == "JPEG" and image.size == (512, 512)


@pytest.mark.django_db
def test_a_stored_poster_carries_alt_text_and_is_drawn_only_once(django_assert_max_num_queries):

    poster = demo.demo_poster("event-noche", title="Noche de demos", lines=("Ruta N",))
    assert poster.description == "Noche de demos" and poster.default_alt_text == "Noche de demos"
    assert (poster.width, poster.height) == (1600, 900)
    with django_assert_max_num_queries(1):  # found again, nothing drawn or written
        again = demo.demo_poster("event-noche", title="Noche de demos", lines=("Ruta N",))
    assert again.pk == poster.pk and again.file.name == poster.file.name


@pytest.mark.django_db
def test_a_poster_whose_words_change_is_redrawn_in_place(django_capture_on_commit_callbacks):
    """An event's date moves with the day the demo is seeded: its poster follows (the old
    file goes once the seed commits)."""
    from wagtail.images.models import Image

    poster = demo.demo_poster("event-noche", title="Noche de demos", lines=("JUEVES 10",))
    old_name = poster.file.name
    storage = poster.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        redrawn = demo.demo_poster("event-noche", title="Noche de demos", lines=("VIERNES 11",))
        assert storage.exists(old_name)
    assert redrawn.pk == poster.pk and redrawn.file.name != old_name
    assert Image.objects.filter(file__startswith="original_images/event-noche-").count() == 1
    assert not storage.exists(old_name) and storage.exists(redrawn.file.name)
    assert redrawn.get_file_hash() and redrawn.get_file_size()
