"""One error shape for the whole API:

    {"error": {"code": "not_found", "message": "A sentence a person can act on.", "fields": {}}}

`code` is stable and machine-readable; `message` is translated; `fields` maps input fields
to their problems (validation errors only).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from config.errors import Busy, DomainError


def lock_timed_out(exc: BaseException) -> bool:
    """PostgreSQL gave up waiting for a row lock (DB_LOCK_TIMEOUT_MS): busy, not broken."""
    return isinstance(exc, OperationalError) and (
        getattr(exc.__cause__, "sqlstate", None) == "55P03"
    )


_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ParseError: "malformed_request",
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def exception_handler(exc, context):
    if lock_timed_out(exc):
        exc = Busy(_("Many people are doing this right now. Please try again in a moment."))
    if isinstance(exc, DomainError):
        response = Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code)
        if getattr(exc, "retry_after", None):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django log it and answer 500

    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {
            key: [str(m) for m in (v if isinstance(v, list) else [v])] for key, v in detail.items()
        }
        response.data = error_body("invalid", _("Some fields are not valid."), fields)
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response

    code = next((c for cls, c in _CODES.items() if isinstance(exc, cls)), None)
    if code is None:
        code = getattr(exc, "default_code", "error")
    message = str(exc.detail) if hasattr(exc, "detail") else str(exc)
    response.data = error_body(code, message)
    return response
