from django.utils.functional import SimpleLazyObject

from .selectors import unread_message_count


def unread_messages(request):
    """The Messages badge's count; one COUNT query, only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": SimpleLazyObject(lambda: unread_message_count(user))}
