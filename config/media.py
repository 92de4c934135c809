"""Uploaded files in development and tests, read through the default storage (so it works
with the in-memory storage tests use). Production serves media from its storage or a CDN,
never through Django: SERVE_MEDIA is off there."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils._os import safe_join


def serve_media(request, path: str):
    try:
        safe_join("/", path)  # refuses ../ tricks
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise Http404 from exc
    content_type, _encoding = mimetypes.guess_type(path)
    return FileResponse(handle, content_type=content_type or "application/octet-stream")
