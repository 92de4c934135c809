from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

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
