from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse

from config.api.serializers import ErrorSerializer

# Every operation can answer these (authentication, permission, lookup, validation,
# throttling), always in the one error shape; documenting them once keeps the schema true.
STANDARD_ERRORS = {
    "400": "Invalid input: `error.fields` names each problem.",
    "401": "Not signed in.",
    "403": "Signed in, but not allowed.",
    "404": "No such object, or not yours; also a page past the end of a list.",
    "429": "Too many requests; retry after the `Retry-After` header.",
}


WRITE_ERRORS = {"409": "The request conflicts with the current state; the message says why."}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(STANDARD_ERRORS)
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            errors |= WRITE_ERRORS
        for status, description in errors.items():
            if status not in responses:
                responses[status] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), status
                )
        return responses
