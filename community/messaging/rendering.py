"""How a message's plain text becomes HTML: escaped first, then web addresses linked
(http, https and www. only, with rel="nofollow ugc noopener") and newlines kept. The site's
templates and the API's `body_html` use this one function, so the polling script inserts
exactly what the server would have rendered."""

from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

MAX_URL_TEXT = 60


def message_html(text: str) -> SafeString:
    # urlize(autoescape=True) escapes every piece of text and every address it links;
    # only <a> and <br> written here are markup.
    linked = urlize(text, trim_url_limit=MAX_URL_TEXT, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return mark_safe(linked.replace("\n", "<br>"))  # noqa: S308  # nosec B308 B703
