"""Uploaded files, read through the default storage (so it works with the in-memory storage
tests use), in every settings module (SERVE_MEDIA): a proxy in front passes /media/ here
instead of serving MEDIA_ROOT from disk, so private files stay private.

Wagtail's images (originals and renditions) and documents are served only to callers who
may see them (cms/media_privacy.py): one of a draft submission, an unpublished or private
page, a members-only resource or a restricted collection answers 404 to everyone else, as
a file that no image or document owns does. Other uploads (avatars) are public."""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils._os import safe_join

from .media_privacy import may_open_file


def serve_media(request, path: str):
    try:
        name = safe_join("/", path)[1:]  # refuses ../ tricks; the name as stored
        if not may_open_file(request, name):
            raise Http404
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, ValueError, OSError, SuspiciousFileOperation) as exc:
        raise Http404 from exc
    content_type, _encoding = mimetypes.guess_type(path)
    return FileResponse(handle, content_type=content_type or "application/octet-stream")
