import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, transaction
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


@pytest.mark.django_db
def test_with_the_orm_broker_a_task_commits_or_rolls_back_with_its_transaction(
    member, monkeypatch, django_capture_on_commit_callbacks
):
    """Asynchronous tasks (production) on the ORM broker: the task's row is written by the
    transaction that queued it (an outbox), not by a commit of its own afterwards."""
    from django_q.conf import Conf
    from django_q.models import OrmQ
    from django_q.signing import SignedPackage

    monkeypatch.setattr(Conf, "SYNC", False)
    task = "community.accounts.tasks.role_change_notify"
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(task, member.pk)
        assert OrmQ.objects.count() == 1  # in the transaction
        raise RuntimeError("the order failed")
    assert OrmQ.objects.count() == 0  # rolled back with it: no email for an order not placed
    with django_capture_on_commit_callbacks() as after_commit, transaction.atomic():
        enqueue(task, member.pk, group="roles")
    assert after_commit == []  # nothing left to do after the commit
    queued = SignedPackage.loads(OrmQ.objects.get().payload)
    assert (queued["func"], queued["args"], queued["group"]) == (task, (member.pk,), "roles")


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
