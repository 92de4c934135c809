"""Direct messages under concurrency (PostgreSQL: real row locks, several connections)."""

import threading

import pytest
from django.db import connection

from community.accounts.roles import Role
from community.connections.services import connection_accept, connection_request
from community.messaging.models import Conversation, Message
from community.messaging.services import message_send
from config.errors import RateLimited

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _together(calls) -> list:
    """Run each call in its own thread (own database connection), all released at once."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def pair(make_user):
    ana, beto = make_user(Role.MEMBER), make_user(Role.MEMBER)
    connection_accept(user=beto, connection_id=connection_request(sender=ana, recipient=beto).pk)
    return ana, beto


def test_both_members_starting_at_once_share_one_conversation(pair):
    ana, beto = pair
    results = _together(
        [
            lambda: message_send(sender=ana, recipient=beto, body="Hola"),
            lambda: message_send(sender=beto, recipient=ana, body="¡Hola!"),
        ]
    )
    assert all(isinstance(r, Message) for r in results), results
    assert Conversation.objects.count() == 1
    assert {m.conversation_id for m in results} == {Conversation.objects.get().pk}


def test_the_per_minute_limit_is_exact_under_a_burst(pair, settings):
    settings.MESSAGES_PER_MINUTE = 3
    ana, beto = pair
    results = _together(
        [lambda n=n: message_send(sender=ana, recipient=beto, body=f"#{n}") for n in range(6)]
    )
    assert sum(isinstance(r, Message) for r in results) == 3
    assert sum(isinstance(r, RateLimited) for r in results) == 3, results
    assert Message.objects.filter(sender=ana).count() == 3
