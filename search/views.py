from django.template.response import TemplateResponse
from wagtail.models import Locale

from .selectors import page_search

MAX_QUERY_LENGTH = 200


def site_search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = (
        page_search(query=query, locale=Locale.get_active(), user=request.user) if query else []
    )
    return TemplateResponse(
        request, "search/results.html", {"search_query": query, "results": results}
    )
