"""Spanish for cms/ strings outside the blog, docs and resources apps."""

ES = {
    "Headless frontend": "Frontend headless",
    "Alt text": "Texto alternativo",
    "Describe the image for people who cannot see it (screen readers, slow connections). Say what matters in this picture, not “image of”.": "Describe la imagen para quien no puede verla (lectores de pantalla, conexiones lentas). Di lo que importa en esta foto, no “imagen de”.",
}
