import re

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.flatpages.middleware import (
    FlatpageFallbackMiddleware as DjangoFlatpageFallbackMiddleware,
)
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware

# Paths that live outside the /es/ and /en/ trees. A 404 there is a real 404: Django's
# middleware would otherwise redirect it to /es/<path> (the page tree matches any path).
UNPREFIXED = (
    "/api/",
    "/_allauth/",
    "/admin/",
    "/django-admin/",
    "/health/",
    "/documents/",
    "/static/",
    "/media/",
    "/i18n/",
)


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class RejectNullCharactersMiddleware:
    """A NUL character in a query parameter is never meaningful and PostgreSQL refuses it
    in text (a 500 deep in some query). Answer 400 at the door instead; form and API fields
    already reject it in bodies (Django's and DRF's CharField)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return bad_request(request, "Query parameters cannot contain NUL characters.")
        return self.get_response(request)


class RejectTooDeepJSONMiddleware:
    """Bodies nobody can read are the caller's mistake, whatever their content type.

    - Nested deeper than Python's recursion limit (a few kilobytes of "[[[[…"), `json.loads`
      raises RecursionError, which neither DRF's parser (it catches only ValueError) nor
      allauth's headless views (they parse text/plain too) catch: 400 `malformed_request`.
    - Larger than DATA_UPLOAD_MAX_MEMORY_SIZE: Django refuses it only when a view or the
      CSRF check reads it, as a text/plain 400. Answer 413 at the door from Content-Length,
      and for what a view's parser refuses later. Multipart is left to its parser (files do
      not count towards the limit; Django refuses oversized fields itself).
    - allauth's headless views answer an unreadable body with an empty text/html 400:
      given allauth's JSON error shape, which its clients read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            limit is not None
            and not request.content_type.startswith("multipart/")
            and _content_length(request) > limit
        ):
            return too_large(request)
        response = self.get_response(request)
        if (
            request.path_info.startswith("/_allauth/")
            and response.status_code == 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            from django.utils.translation import gettext as _

            return bad_request(request, _("Send the request body as a JSON object."))
        return response

    def process_exception(self, request, exception):
        from django.core.exceptions import RequestDataTooBig

        if isinstance(exception, RequestDataTooBig):
            return too_large(request)
        if not isinstance(exception, RecursionError) or not _content_length(request):
            return None
        from django.utils.translation import gettext as _

        return bad_request(request, _("The request body is nested too deeply to read."))


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request):
    from django.utils.translation import gettext as _

    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    message = _("The request is larger than %(size)d MB; send less at once.") % {"size": megabytes}
    return error_response(request, 413, "request_too_large", message)


def bad_request(request, message: str):
    return error_response(request, 400, "malformed_request", message)


def error_response(request, status: int, code: str, message: str):
    """The error shape of the part of the site that was asked: the API's JSON, allauth's
    headless JSON, Wagtail's content API's JSON, or a line of text."""
    from django.http import HttpResponse, JsonResponse

    from config.api.errors import error_body

    if request.path_info.startswith("/_allauth/"):  # allauth's headless error shape
        body = {"status": status, "errors": [{"code": code, "message": message}]}
        return JsonResponse(body, status=status)
    if request.path_info.startswith("/api/"):
        body = error_body(code, message)
        if request.path_info.startswith("/api/v2/"):
            body = {"message": message}  # Wagtail's content API error shape
        return JsonResponse(body, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp with one strict policy for the public site and API, relaxed only for the
    back-office UIs that ship inline scripts and styles (Wagtail's and Django's admins,
    Oscar's shop and dashboard, the interactive API docs)."""

    RELAXED_PREFIXES = ("/admin/", "/django-admin/", "/api/docs/", "/api/redoc/", "/_allauth/")
    RELAXED_RE = re.compile(r"^/[a-z]{2}/shop/")
    RELAXED = {
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
    }

    # what a view or decorator can set on a response to change or drop its policy
    PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")

    def __init__(self, get_response):
        super().__init__(get_response)
        # The policy of a response without a nonce or a decorator's change depends only on
        # its path's kind: build each once (django-csp builds it anew for every response)
        # unless a report-only policy or excluded prefixes ask for its full treatment.
        self.built = {}
        self.fast = not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) and not (
            settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
        )

    def relaxed(self, path: str) -> bool:
        return path.startswith(self.RELAXED_PREFIXES) or bool(self.RELAXED_RE.match(path))

    def process_response(self, request, response):
        # Browser features: camera for QR check-in, payments; nothing else.
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if (
            not self.fast
            or settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or HEADER in response
            or any(hasattr(response, name) for name in self.PER_RESPONSE)
        ):
            return super().process_response(request, response)
        relaxed = self.relaxed(request.path_info)
        if relaxed not in self.built:
            parts = self.get_policy_parts(request, response)
            self.built[relaxed] = build_policy(
                config=parts.config, update=parts.update, replace=parts.replace
            )
        if self.built[relaxed]:
            response[HEADER] = self.built[relaxed]
        # as django-csp does: a nonce asked for after this point would be in no header
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if self.relaxed(request.path_info):
            parts.replace = {**self.RELAXED, **(parts.replace or {})}
        return parts


class LockTimeoutMiddleware:
    """A row lock not had within DB_LOCK_TIMEOUT_MS means a busy moment, not a broken page:
    503 with Retry-After for any view (the API's handler answers the same for its views).
    The view's transaction has been rolled back by then; nothing was half-written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import logging

        from django.utils.translation import gettext as _

        from config.api.errors import lock_timed_out

        if not lock_timed_out(exception):
            return None
        logging.getLogger(__name__).warning("lock timeout on %s: %s", request.path, exception)
        message = _("Many people are using this right now. Please try again in a moment.")
        response = error_response(request, 503, "busy", message)
        response["Retry-After"] = "2"
        return response


class FlatpageFallbackMiddleware(DjangoFlatpageFallbackMiddleware):
    """Flatpages are pages: the API's own 404 (an unknown hold token, say) is final, without
    a lookup in the flatpages table."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Editors' redirects are for pages: the API's own 404 is final, without a lookup in
    the redirects table."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
