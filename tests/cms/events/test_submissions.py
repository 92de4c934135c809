"""Organizer submissions: each wizard step validates, drafts persist, submitting starts the
moderation workflow, and the moderator's decision comes back to the organizer."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone, translation

from cms.events import services
from cms.events.factories import make_category, make_venue
from cms.events.models import EventPage, EventSubmission, SubmissionStep
from community.accounts.roles import Role
from config.errors import Conflict, NotPermitted, ValidationFailed

pytestmark = pytest.mark.django_db


def _local(days: float, hour: int = 18) -> str:
    day = (timezone.now() + timedelta(days=days)).date()
    return f"{day.isoformat()}T{hour:02d}:00"


def details(**changes) -> dict:
    return {
        "title": "Taller de agentes con LLM",
        "summary": "Construimos un agente paso a paso.",
        "description": "Primera parte.\n\nSegunda parte con <b>HTML</b>.",
        "categories": [],
        "tags": "taller, agentes",
        "language": "es",
        "time_zone": "America/Bogota",
        "start": _local(10, 18),
        "end": _local(10, 21),
        **changes,
    }


def complete(venue, **detail_changes) -> dict:
    return {
        "details": details(**detail_changes),
        "place": {"event_format": "in_person", "venue": venue.pk, "online_url": ""},
        "agenda": {
            "sessions": [
                {
                    "title": "Bienvenida",
                    "start": _local(10, 18),
                    "end": _local(10, 19),
                    "speakers": "Ana Gómez, Luis Pérez",
                },
            ]
        },  # fmt: skip
        "requirements": {
            "capacity": 40,
            "questions": [
                {
                    "label": "¿Qué lenguaje usas?",
                    "kind": "choice",
                    "options": "Python\nJS",
                    "mandatory": True,
                },
            ],
        },  # fmt: skip
    }


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER, first_name="Olga", last_name="Organizadora")


@pytest.fixture
def moderator(make_user):
    return make_user("moderator")


@pytest.fixture
def venue():
    return make_venue(name="Ruta N")


def _submit(indexes, organizer, venue, capture):
    submission = services.submission_create(user=organizer, language="es", data=complete(venue))
    with capture(execute=True):
        return services.submission_submit(submission=submission, user=organizer)


def _decide(page, moderator, action, comment, capture):
    state = page.current_workflow_state
    task_state = state.current_task_state
    with capture(execute=True):
        task_state.task.specific.on_action(task_state, moderator, action, comment=comment)


class TestSteps:
    def test_each_step_refuses_bad_input_and_saves_nothing(self, organizer, venue):
        submission = services.submission_create(user=organizer, data={"details": details()})
        bad = {
            "details": details(title="", end=_local(10, 17)),
            "place": {"event_format": "hybrid", "venue": None, "online_url": "nope"},
            "agenda": {"sessions": [{"title": "Fuera", "start": _local(12, 9),
                                     "end": _local(12, 10)}]},
            "requirements": {"capacity": 0, "questions": [{"label": "Color", "kind": "choice",
                                                           "options": "Rojo"}]},
        }  # fmt: skip
        with translation.override("en"), pytest.raises(ValidationFailed) as caught:
            services.submission_save_sections(submission=submission, user=organizer, data=bad)
        fields = caught.value.fields
        assert set(fields["details"]) == {"title", "end"}
        assert set(fields["place"]) == {"venue", "online_url"}
        assert "between the event's start and end" in fields["agenda"]["sessions"][0]["start"][0]
        assert "capacity" in fields["requirements"]
        assert "options" in fields["requirements"]["questions"][0]
        submission.refresh_from_db()
        assert submission.data == {
            "details": details(description=submission.data["details"]["description"])
        }

    def test_times_need_no_offset_and_the_event_must_be_in_the_future(self, organizer):
        submission = services.submission_create(user=organizer)
        with translation.override("en"), pytest.raises(ValidationFailed) as caught:
            services.submission_save_sections(
                submission=submission,
                user=organizer,
                data={"details": details(start="2020-01-01T10:00", end="2020-01-01T09:00-05:00")},
            )
        assert "future" in caught.value.fields["details"]["start"][0]
        assert "offset" in caught.value.fields["details"]["end"][0]

    def test_a_draft_persists_step_by_step_and_records_the_steps_reached(self, organizer, venue):
        category = make_category("es")
        submission = services.submission_create(user=organizer)
        services.submission_save_sections(
            submission=submission,
            user=organizer,
            data={"details": details(categories=[category.pk])},
        )
        services.submission_save_sections(
            submission=submission,
            user=organizer,
            data={"place": {"event_format": "in_person", "venue": venue.pk}},
        )
        stored = EventSubmission.objects.get(pk=submission.pk)
        assert stored.title == "Taller de agentes con LLM"
        assert stored.data["details"]["categories"] == [category.pk]
        assert stored.data["details"]["tags"] == "taller, agentes"
        assert stored.data["place"] == {
            "event_format": "in_person",
            "venue": venue.pk,
            "online_url": "",
        }
        assert set(SubmissionStep.objects.filter(submission=stored).values_list("step", flat=True)) == {
            "details", "place"
        }  # fmt: skip

    def test_an_unapproved_venue_is_only_for_the_organizer_who_proposed_it(
        self, organizer, make_user
    ):
        other = make_user(Role.ORGANIZER)
        proposed = services.venue_propose(
            user=other, data={"name": "Casa Nueva", "address": "Cra 70 #1-2", "area": "laureles"}
        )
        assert proposed.is_approved is False
        submission = services.submission_create(user=organizer)
        with pytest.raises(ValidationFailed) as caught:
            services.submission_save_sections(
                submission=submission,
                user=organizer,
                data={"place": {"event_format": "in_person", "venue": proposed.pk}},
            )
        assert "venue" in caught.value.fields["place"]
        mine = services.submission_create(user=other)
        services.submission_save_sections(
            submission=mine,
            user=other,
            data={"place": {"event_format": "in_person", "venue": proposed.pk}},
        )

    def test_members_cannot_submit_and_organizers_cannot_touch_others_drafts(
        self, make_user, organizer
    ):
        with pytest.raises(NotPermitted):
            services.submission_create(user=make_user(Role.MEMBER))
        submission = services.submission_create(user=organizer)
        with pytest.raises(NotPermitted):
            services.submission_save_sections(
                submission=submission, user=make_user(Role.ORGANIZER), data={"details": details()}
            )


class TestReview:
    def test_submit_refuses_incomplete_steps(self, organizer):
        submission = services.submission_create(user=organizer, data={"details": details()})
        with pytest.raises(ValidationFailed) as caught:
            services.submission_submit(submission=submission, user=organizer)
        assert set(caught.value.fields) == {"place"}

    def test_submit_creates_a_draft_page_in_the_workflow_and_tells_moderators(
        self, indexes, organizer, moderator, venue, django_capture_on_commit_callbacks
    ):
        submission = _submit(indexes, organizer, venue, django_capture_on_commit_callbacks)
        assert submission.status == "pending"
        page = EventPage.objects.get(pk=submission.page_id)
        assert page.live is False
        assert page.status == "pending"
        assert page.owner == organizer and page.organizer == organizer
        assert page.get_parent().pk == indexes["es"].pk
        assert page.current_workflow_state is not None
        draft = page.get_latest_revision_as_object()
        assert [s.title for s in draft.sessions.all()] == ["Bienvenida"]
        assert [s.name for s in draft.sessions.all()[0].speakers.all()] == [
            "Ana Gómez",
            "Luis Pérez",
        ]
        assert draft.requirements.all()[0].option_list == ["Python", "JS"]
        assert draft.capacity == 40 and draft.start.astimezone(UTC).hour == 23  # 18:00 in Bogotá
        assert "&lt;b&gt;HTML&lt;/b&gt;" in str(draft.body[1].value)
        assert moderator.platform_notifications.filter(type_code="cms.review_requested").exists()
        with pytest.raises(Conflict):
            services.submission_submit(submission=submission, user=organizer)
        with pytest.raises(Conflict):
            services.submission_save_sections(
                submission=submission, user=organizer, data={"details": details()}
            )

    def test_reject_returns_feedback_and_notifies_then_resubmit_and_approve_publishes(
        self, indexes, organizer, moderator, venue, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        submission = _submit(indexes, organizer, venue, capture)
        page = EventPage.objects.get(pk=submission.page_id)
        _decide(page, moderator, "reject", "Falta la agenda completa", capture)
        submission.refresh_from_db()
        assert submission.status == "rejected"
        assert submission.admin_feedback == "Falta la agenda completa"
        assert submission.reviewed_by == moderator
        note = organizer.platform_notifications.get(type_code="events.submission_rejected")
        assert "Falta la agenda completa" in note.body
        assert note.url.endswith(f"/submissions/{submission.pk}/")
        assert not organizer.platform_notifications.filter(type_code="cms.page_rejected").exists()

        services.submission_save_sections(
            submission=submission, user=organizer, data={"details": details(title="Taller v2")}
        )
        with capture(execute=True):
            services.submission_submit(submission=submission, user=organizer)
        page = EventPage.objects.get(pk=submission.page_id)
        _decide(page, moderator, "approve", "", capture)
        page.refresh_from_db()
        submission.refresh_from_db()
        assert page.live and page.status == "published" and page.title == "Taller v2"
        assert submission.status == "approved"
        assert organizer.platform_notifications.filter(
            type_code="events.submission_approved"
        ).exists()
        english = EventPage.objects.get(
            translation_key=page.translation_key, locale__language_code="en"
        )
        assert english.live and english.get_parent().pk == indexes["en"].pk

    def test_withdraw_cancels_the_review(
        self, indexes, organizer, venue, django_capture_on_commit_callbacks
    ):
        submission = _submit(indexes, organizer, venue, django_capture_on_commit_callbacks)
        withdrawn = services.submission_withdraw(submission=submission, user=organizer)
        assert withdrawn.status == "draft"
        page = EventPage.objects.get(pk=submission.page_id)
        assert page.current_workflow_state is None and page.status == "draft"
