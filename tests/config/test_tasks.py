import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_q.models import Success
from django_q.tasks import async_task, result

from community.accounts.roles import Role
from community.accounts.services import user_set_role
from community.notifications.models import Delivery
from config.tasks import enqueue

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_queued_task_runs(admin_user, member, mailoutbox, django_capture_on_commit_callbacks):
    change = user_set_role(user=member, role=Role.ORGANIZER, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        task_id = async_task("community.accounts.tasks.role_change_notify", change.pk)
    assert result(task_id) is None  # ran (synchronously in tests) and returned
    assert Success.objects.filter(id=task_id).exists()
    # the task notified the member, whose email went out through a second task
    assert member.platform_notifications.get().type_code == "account.role_changed"
    assert [m.to for m in mailoutbox] == [[member.email]]


def test_tasks_take_primary_keys_not_instances(db, member):
    with pytest.raises(TypeError, match="primary keys"):
        enqueue("community.accounts.tasks.role_change_notify", member)


@pytest.mark.django_db
def test_tasks_are_queued_only_when_the_transaction_commits(
    admin_user, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user_set_role(user=member, role=Role.ORGANIZER, actor=admin_user)
    assert mailoutbox == []  # nothing sent before commit
    assert not member.platform_notifications.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert len(mailoutbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_process_runs_a_task_from_the_orm_broker(admin_user, member, settings):
    """The real path: the web process enqueues into the ORM broker; a separate qcluster
    process (another connection to the same PostgreSQL database) takes and runs it."""
    from django_q.conf import Conf
    from django_q.models import OrmQ

    change = user_set_role(user=member, role=Role.ORGANIZER, actor=None)
    old_sync = Conf.SYNC
    Conf.SYNC = False
    try:
        task_id = async_task("community.accounts.tasks.role_change_notify", change.pk)
    finally:
        Conf.SYNC = old_sync
    assert OrmQ.objects.count() == 1
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "Q_SYNC": "0",
    }
    # The role task queues the email delivery as a second task: let the worker drain both.
    for _ in range(3):
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "qcluster", "--run-once"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
        )
        if not OrmQ.objects.exists():
            break
    assert Success.objects.filter(id=task_id).exists()
    assert OrmQ.objects.count() == 0
    delivery = Delivery.objects.get(notification__recipient=member, channel="email")
    assert (delivery.status, delivery.attempts) == ("sent", 1)
