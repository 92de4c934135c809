"""Compiled-once statements for the seat hold, `holds.hold_create`: its only user.

A rush for tickets is a rush of holds, and there building a statement's SQL in Python
costs more than PostgreSQL running it. So the hold's two statements are compiled once per
process and afterwards only sent: the lookup of the ticket type with its event's counters
and registration facts (`Prepared`), and on PostgreSQL the hold written by one statement
that also raises the counters if they show room (`insert` with a `source` clause). Every
other write of ticketing uses the ORM. docs/performance.md has the measurements that keep
this module (and would let it go); tests/commerce/ticketing/test_statements.py fails when
the Django internals it relies on change.

- `Prepared`: a queryset compiled once by the ORM (so joins, quoting and the backend's SQL
  are Django's), run again with other parameters, its values passed through the same
  converters the ORM applies. Relies on `SQLCompiler.as_sql`, `.select`, `.col_count` and
  `.get_converters`.
- `instances`: model instances from a row of several models' concrete fields, as the ORM
  builds them (`Model.from_db`).
- `insert`: one model instance, its columns and values prepared as `Model.save()` prepares
  them (`pre_save`, `get_db_prep_save`), RETURNING its id, sending `pre_save`/`post_save`
  as `save()` does; with a `source` (a WITH clause and its parameters) written only if the
  clause yields a row.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Field, Model, QuerySet, UUIDField, signals


def _marker(field, n: int):
    """A value compiled in place of a parameter, then found again among the query's
    parameters: unlikely to be real, and distinct from any constant a query holds."""
    if isinstance(field, UUIDField):
        return uuid.UUID(int=987_654_321 + n)
    if isinstance(field, CharField):
        return f"~prepared-parameter-{n}~"
    return -987_654_321 - n


class Prepared:
    """`build(*markers)` returns a values_list queryset. `rows(*values)` runs it with the
    values in the markers' places: each parameter is an integer id, or a value of the model
    field given for it in `fields` (prepared for the database as the ORM prepares it).
    Compiled on first use in each process."""

    def __init__(self, build: Callable[..., QuerySet], *fields: Field | None, params: int = 1):
        self._build = build
        self._fields = fields or (None,) * params
        self._compiled: tuple | None = None
        self._lock = threading.Lock()

    def _prep(self, position: int, value, connection):
        field = self._fields[position]
        return value if field is None else field.get_db_prep_value(value, connection)

    def _compile(self) -> tuple:
        with self._lock:
            if self._compiled is None:
                connection = connections[DEFAULT_DB_ALIAS]
                markers = [_marker(field, n) for n, field in enumerate(self._fields)]
                compiler = self._build(*markers).query.get_compiler(DEFAULT_DB_ALIAS)
                sql, params = compiler.as_sql()
                prepped = [self._prep(n, marker, connection) for n, marker in enumerate(markers)]
                # a marker's place takes the caller's value; anything else is the query's own
                places = [
                    prepped.index(value) if value in prepped else ("constant", value)
                    for value in params
                ]
                missing = set(range(len(markers))) - {p for p in places if isinstance(p, int)}
                if missing:  # e.g. a LIKE pattern: the ORM changed the value; exact lookups only
                    raise ValueError(f"Parameters {sorted(missing)} are not in the query as given.")
                columns = [select[0] for select in compiler.select[: compiler.col_count]]
                converters = [
                    (position, functions, expression)
                    for position, (functions, expression) in compiler.get_converters(
                        columns
                    ).items()
                ]
                self._compiled = (sql, places, converters)
        return self._compiled

    def rows(self, *values) -> list[tuple]:
        sql, places, converters = self._compiled or self._compile()
        connection = connections[DEFAULT_DB_ALIAS]
        prepped = [self._prep(n, value, connection) for n, value in enumerate(values)]
        params = [prepped[p] if isinstance(p, int) else p[1] for p in places]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, functions, expression in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted


def attnames(model: type[Model]) -> list[str]:
    """The model's concrete field attributes, in the order `Model.from_db` takes them."""
    return [field.attname for field in model._meta.concrete_fields]


def instance(model: type[Model], values: Sequence[Any]) -> Model:
    """A model instance from its concrete fields' values, as the ORM builds one from a row."""
    return model.from_db(DEFAULT_DB_ALIAS, attnames(model), values)


def instances(row: Sequence[Any], *models: type[Model]) -> list[Model]:
    """Split a row of several models' concrete fields (in `attnames` order, one model after
    another) into their instances."""
    if len(row) != sum(len(model._meta.concrete_fields) for model in models):
        raise ValueError("The row does not hold exactly these models' fields.")
    built, start = [], 0
    for model in models:
        end = start + len(model._meta.concrete_fields)
        built.append(instance(model, row[start:end]))
        start = end
    return built


def insert(obj: Model, *, source: tuple[str, list] | None = None) -> Model | None:
    """INSERT one instance as `save()` would (defaults, auto_now_add, prepared values) and
    set its id, without the compiler. With `source` = (a WITH clause and its parameters),
    the row is written as `WITH … INSERT … SELECT … FROM source`: once if the clause's
    `source` yields a row, not at all (None returned) if it yields none."""
    connection = connections[DEFAULT_DB_ALIAS]
    meta = obj._meta
    _send(signals.pre_save, obj, update_fields=None)
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    values = ", ".join(["%s"] * len(fields))
    rows = f"SELECT {values} FROM source" if source else f"VALUES ({values})"  # noqa: S608  # nosec B608
    # identifiers from the model's own meta, quoted by the backend; values are parameters
    sql = "INSERT INTO {} ({}) {} RETURNING {}".format(  # noqa: S608  # nosec B608
        quote(meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        rows,
        quote(meta.pk.column),
    )
    params = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
    if source:
        sql, params = f"{source[0]} {sql}", [*source[1], *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.fetchone()
    if written is None:
        return None
    obj.pk = written[0]
    obj._state.adding = False
    obj._state.db = DEFAULT_DB_ALIAS
    _send(signals.post_save, obj, update_fields=None, created=True)
    return obj


def _send(signal, obj: Model, **kwargs) -> None:
    """The model signal as `Model.save_base` sends it."""
    if not obj._meta.auto_created:
        signal.send(sender=obj.__class__, instance=obj, raw=False, using=DEFAULT_DB_ALIAS,
                    **kwargs)  # fmt: skip
