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


class NotFound(DomainError):
    """What was asked for does not exist, or is not the caller's to see."""

    status_code = 404
    default_code = "not_found"


class Conflict(DomainError):
    status_code = 409
    default_code = "conflict"


class RateLimited(DomainError):
    """Too many actions in a short time (anti-spam limits that services enforce, so the site
    and the API share them). `retry_after` (seconds) becomes the API's Retry-After header."""

    status_code = 429
    default_code = "rate_limited"

    def __init__(self, message: str, *, code: str | None = None, retry_after: int | None = None):
        super().__init__(message, code=code)
        self.retry_after = retry_after


class Busy(DomainError):
    """A lock could not be taken in time (many buyers at once): try again in a moment."""

    status_code = 503
    default_code = "busy"

    def __init__(self, message: str, *, code: str | None = None, retry_after: int = 1):
        super().__init__(message, code=code)
        self.retry_after = retry_after
