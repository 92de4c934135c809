"""Demo conversations between connected demo members, in Spanish and English (idempotent:
a pair that already has a conversation is left as it is)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from community.connections.models import Connection
from community.connections.selectors import connection_between
from community.connections.services import connection_accept, connection_request

from .selectors import conversation_between
from .services import conversation_mark_read, message_send

# (first member, second member, [(who speaks: 0 or 1, text), ...])
CONVERSATIONS = [
    (
        "member@medellin.ai",
        "organizer@medellin.ai",
        [
            (0, "¡Hola Carlos! ¿Todavía hay cupos para el meetup de visión por computador?"),
            (1, "¡Hola Valentina! Sí, quedan unos 20. Te guardo uno."),
            (0, "Gracias. ¿Puedo llevar una demo corta de segmentación?"),
            (1, "Claro, tienes 10 minutos después de la charla principal."),
        ],
    ),
    (
        "admin@medellin.ai",
        "member@medellin.ai",
        [
            (0, "Hi Valentina, would you like to mentor at the next hackathon?"),
            (1, "I'd love to! NLP track, if possible. Details: https://medellin.ai"),
        ],
    ),
    (
        "attendee@medellin.ai",
        "organizer@medellin.ai",
        [
            (0, "Buenas, ¿las charlas quedan grabadas?"),
        ],
    ),
]


def _connect(a, b) -> None:
    existing = connection_between(a, b)
    if existing is not None and existing.status == Connection.Status.ACCEPTED:
        return
    if existing is not None and existing.status == Connection.Status.BLOCKED:
        return
    if existing is None or existing.status == Connection.Status.DECLINED:
        existing = connection_request(sender=a, recipient=b)
    if existing.status == Connection.Status.PENDING:
        addressee = b if existing.requester_id == a.pk else a
        connection_accept(user=addressee, connection_id=existing.pk)


@transaction.atomic
def demo_conversations() -> int:
    """Returns how many conversations were created."""
    users = {
        user.email: user
        for user in get_user_model().objects.filter(
            email__in={e for first, second, _m in CONVERSATIONS for e in (first, second)}
        )
    }
    created = 0
    for first, second, lines in CONVERSATIONS:
        if first not in users or second not in users:
            continue
        pair = (users[first], users[second])
        _connect(*pair)
        if conversation_between(*pair) is not None:
            continue
        for speaker, text in lines:
            message = message_send(sender=pair[speaker], recipient=pair[1 - speaker], body=text)
        # everything but the last line has been read by its recipient
        conversation_mark_read(user=pair[speaker], conversation=message.conversation)
        created += 1
    return created
