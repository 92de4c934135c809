"""Domain errors that services raise. The API turns them into
{"error": {"code", "message", "fields"}} with the status below; views show the message."""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = str(message)
        self.code = code or self.default_code
        self.fields = fields or {}


class ValidationFailed(DomainError):
    status_code = 400
    default_code = "invalid"


class NotPermitted(DomainError):
    status_code = 403
    default_code = "permission_denied"


class Conflict(DomainError):
    status_code = 409
    default_code = "conflict"


class RateLimited(DomainError):
    """Too many writes in a window; the message says when to try again."""

    status_code = 429
    default_code = "rate_limited"
