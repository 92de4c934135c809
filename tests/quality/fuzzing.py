"""Shared fuzzing harness: schemathesis over an OpenAPI document served by a WSGI app."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# At least 25 examples per operation and identity in CI; more with FUZZ_EXAMPLES=200.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


@dataclass
class Failure:
    operation: str
    identity: str
    error: str


def fuzz_schema(
    schema,
    *,
    identities: dict[str, dict[str, str]],
    examples: int = EXAMPLES,
    shard: tuple[int, int] = (0, 1),
) -> list[Failure]:
    """Run every operation of `schema` as each identity (name → headers); collect failures.

    `shard=(i, n)` takes every n-th operation from the i-th, so n tests share the schema
    and spread over the test workers."""
    index, count = shard
    failures: list[Failure] = []
    for result in list(schema.get_all_operations())[index::count]:
        operation = result.ok()
        for identity, headers in identities.items():
            try:
                _runner(operation, headers, examples)()
            except (Exception, BaseExceptionGroup) as exc:  # every failure is collected
                failures.append(
                    Failure(operation.label, identity, f"{type(exc).__name__}: {exc}"[:2000])
                )
    return failures


def _runner(operation, headers: dict[str, str], examples: int):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    return run


def load_wsgi_schema(path: str, app):
    return schemathesis.openapi.from_wsgi(path, app)


@contextmanager
def django_wsgi_app():
    """Django's WSGI app for in-process fuzzing, sharing the test's database connection.

    Django closes connections when a request finishes; like its test client, keep them open
    (the test database lives in this connection's transaction)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
