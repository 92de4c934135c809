"""Queued work is named by a dotted path (config.tasks.enqueue, django-q's schedule): a
moved or renamed function would only fail in the worker. Every path ticketing queues, and
the one its schedule runs, must name a function."""

import re
from pathlib import Path

import pytest
from django.utils.module_loading import import_string

import commerce.ticketing

ROOT = Path(commerce.ticketing.__file__).parent
QUEUED = re.compile(r"""enqueue\(\s*["']([\w.]+)["']""")
SCHEDULED = re.compile(r""""func":\s*["']([\w.]+)["']""")


def paths() -> list[str]:
    found = set()
    for source in ROOT.rglob("*.py"):
        text = source.read_text()
        found |= set(QUEUED.findall(text)) | set(SCHEDULED.findall(text))
    return sorted(found)


def test_ticketing_queues_something():
    assert "commerce.ticketing.tasks.sweep" in paths()  # the minute schedule (migration 0004)
    assert len(paths()) > 5


@pytest.mark.parametrize("path", paths())
def test_every_queued_path_names_a_function(path):
    assert callable(import_string(path))
