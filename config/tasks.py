"""Queueing helper: every task takes primary keys and is queued only after the surrounding
transaction commits, so a worker never sees a row that was rolled back."""

import functools

from django.db import transaction
from django_q.brokers import get_broker
from django_q.tasks import async_task


@functools.cache
def _broker():
    """One broker per process: django-q makes a new one (for Redis, a new connection pool
    and connection) for every task it queues otherwise."""
    return get_broker()


def enqueue(func_path: str, *args: int | str, group: str | None = None) -> None:
    for arg in args:
        if not isinstance(arg, (int, str)):
            raise TypeError(f"Tasks take primary keys, not {type(arg).__name__} instances.")
    transaction.on_commit(lambda: async_task(func_path, *args, group=group, broker=_broker()))
