"""Previews for headless frontends (wagtail-headless-preview).

Editors always get the server-rendered preview. When FRONTEND_URL is set, a second preview
mode, "Headless frontend", stores the unsaved page under a signed token and sends the
preview pane to the frontend (`<FRONTEND_URL>/?content_type=…&token=…`), which reads the
draft from /api/v2/page_preview/ with the same token. Tokens expire after a day, as the
library's stored previews do.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signing import BadSignature
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

HEADLESS = "headless"
TOKEN_MAX_AGE = 60 * 60 * 24


class HeadlessPreviewable(HeadlessPreviewMixin):
    """Page mixin: the site preview stays the default; headless is offered beside it."""

    @property
    def preview_modes(self):
        modes = list(Page.DEFAULT_PREVIEW_MODES)
        if settings.FRONTEND_URL:
            modes.append((HEADLESS, _("Headless frontend")))
        return modes

    def serve_preview(self, request, preview_mode):
        if preview_mode == HEADLESS and settings.FRONTEND_URL:
            return super().serve_preview(request, preview_mode)
        return Page.serve_preview(self, request, preview_mode)


def page_from_preview_token(content_type: str, token: str) -> Page | None:
    """The previewed (unsaved) page for a frontend holding a valid, unexpired token."""
    from django.contrib.contenttypes.models import ContentType

    app_label, _dot, model = content_type.lower().partition(".")
    try:
        HeadlessPreviewMixin.get_preview_signer().unsign(token, max_age=TOKEN_MAX_AGE)
        ct = ContentType.objects.get_by_natural_key(app_label, model)
        preview = PagePreview.objects.get(content_type=ct, token=token)
    except (BadSignature, ContentType.DoesNotExist, PagePreview.DoesNotExist):
        return None
    page = preview.as_page()
    if not isinstance(page, HeadlessPreviewable):
        return None
    if page.pk is None:  # a page being created has no id yet; the frontend still needs one
        page.pk = 0
    return page
