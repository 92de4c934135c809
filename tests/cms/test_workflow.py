"""Editorial workflow: submit → moderators are told; reject with a comment → the editor is
told why; approve → live and the editor is told. Through the notification service only."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Locale

from cms.home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    user = make_user(None, first_name="Eva", last_name="Editora")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _types(user):
    return list(user.platform_notifications.order_by("pk").values_list("type_code", flat=True))


def _draft(demo_site, editor):
    home = demo_site["homes"]["es"]
    page = StandardPage(
        title="Hackatón 2027",
        slug="hackaton-2027",
        locale=Locale.objects.get(language_code="es"),
        live=False,
    )
    home.add_child(instance=page)
    page.save_revision(user=editor)
    return page


def test_reject_with_comment_then_approve(
    demo_site, editor, make_user, django_capture_on_commit_callbacks
):
    moderator = make_user("moderator")
    page = _draft(demo_site, editor)
    with django_capture_on_commit_callbacks(execute=True):
        state = page.get_workflow().start(page, editor)
    assert _types(moderator) == ["cms.review_requested"]
    assert _types(editor) == []

    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(
            task_state, moderator, "reject", comment="Falta la fecha"
        )
    rejected = editor.platform_notifications.get(type_code="cms.page_rejected")
    assert "Falta la fecha" in rejected.body and "Hackatón 2027" in rejected.title
    page.refresh_from_db()
    assert page.live is False

    page.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        state.resume(user=editor)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve", comment="")
    page.refresh_from_db()
    assert page.live is True
    assert "cms.page_approved" in _types(editor)
    # every email came from our notification service (it adds List-Unsubscribe); Wagtail's
    # own workflow emails are off, so nobody hears twice
    assert mail.outbox
    assert [m.subject for m in mail.outbox if "List-Unsubscribe" not in m.extra_headers] == []


def test_scheduled_publishing_goes_live_when_due(demo_site, editor):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Revision

    page = _draft(demo_site, editor)
    page.title = "Hackatón 2027 (programado)"
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision(user=editor).publish()  # approved, waiting for its time
    page.refresh_from_db()
    assert page.live is False
    call_command("publish_scheduled", verbosity=0)
    assert StandardPage.objects.get(pk=page.pk).live is False  # not yet
    # the hour passes (without sleeping through it): the revision was due a second ago
    (scheduled,) = Revision.page_revisions.filter(object_id=str(page.pk)).exclude(
        approved_go_live_at=None
    )
    scheduled.approved_go_live_at = timezone.now() - timedelta(seconds=1)
    scheduled.content["go_live_at"] = scheduled.approved_go_live_at.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live is True and page.title == "Hackatón 2027 (programado)"


def test_scheduled_publishing_runs_every_minute_in_the_task_queue():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="cms-publish-scheduled")
    assert schedule.func == "django.core.management.call_command"
    assert schedule.args == "'publish_scheduled'"
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 1
