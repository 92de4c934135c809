"""Queueing helper: every task takes primary keys, and a worker never sees a task whose
transaction rolled back.

With the ORM broker (the default) a task queued inside a transaction is written by that
transaction: the task and the rows it reads commit together or not at all (an outbox), so a
process that dies just after the commit still leaves its emails queued, and the request
saves a commit of its own. Any other broker (Redis), and synchronous tasks (tests), are
queued when the transaction commits."""

import functools

from django.db import DEFAULT_DB_ALIAS, transaction
from django_q.brokers import get_broker
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.tasks import async_task


@functools.cache
def _broker():
    """One broker per process: django-q makes a new one (for Redis, a new connection pool
    and connection) for every task it queues otherwise."""
    return get_broker()


def _in_outbox() -> bool:
    """The task's row would join the caller's open transaction (asynchronous tasks, the
    ORM broker on the default database)."""
    return (
        not Conf.SYNC
        and Conf.ORM == DEFAULT_DB_ALIAS
        and isinstance(_broker(), ORM)
        and transaction.get_connection().in_atomic_block
    )


def enqueue(func_path: str, *args: int | str, group: str | None = None) -> None:
    for arg in args:
        if not isinstance(arg, (int, str)):
            raise TypeError(f"Tasks take primary keys, not {type(arg).__name__} instances.")
    if _in_outbox():
        async_task(func_path, *args, group=group, broker=_broker())
    else:
        transaction.on_commit(lambda: async_task(func_path, *args, group=group, broker=_broker()))
