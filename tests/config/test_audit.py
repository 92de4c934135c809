"""The audit trail's mechanism (config/audit.py): one declared, bilingual label per action,
named `medellin.<entity>_<action>`, known to Wagtail, and `record()` as the one way to write
an entry. Each app's tests check that its services write their entries."""

import pytest
from django.utils import translation
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from cms.blog.services import ACTIONS as COMMENT_ACTIONS
from community.forums.services import POST_ACTIONS, TOPIC_ACTIONS
from config import audit

# What the ticketing services will record (issue #20, round 2): declared now.
TICKETING = {
    "medellin.ticket_type_create", "medellin.ticket_type_update", "medellin.ticket_type_delete",
    "medellin.promo_code_create", "medellin.promo_code_update", "medellin.promo_code_delete",
    "medellin.group_discount_create", "medellin.order_refund", "medellin.order_cancel",
    "medellin.ticket_transfer", "medellin.ticket_check_in",
}  # fmt: skip


def test_every_action_is_named_entity_action_and_known_to_wagtail():
    for name, action in audit.ACTIONS.items():
        assert action.name == name
        assert audit.NAME_FORMAT.match(name), name
        assert registry.action_exists(name), name
        assert registry.get_action_label(name) == action.label


def test_the_actions_the_services_build_by_name_are_declared():
    built = {f"medellin.forum_post_{a}" for a in POST_ACTIONS}
    built |= {f"medellin.forum_topic_{a}" for a in TOPIC_ACTIONS}
    built |= {f"medellin.blog_comment_{a}" for a in COMMENT_ACTIONS}
    built |= {f"medellin.message_report_{a}" for a in ("resolve", "dismiss")}
    assert built | TICKETING <= set(audit.ACTIONS)


def test_every_label_and_message_reads_in_spanish_and_english():
    for action in audit.ACTIONS.values():
        for text in filter(None, (action.label, action.message)):
            with translation.override("en"):
                english = str(text)
            with translation.override("es"):
                spanish = str(text)
            assert spanish != english, f"no Spanish for {english!r}"


def test_an_undeclared_action_is_refused_before_anything_is_written(admin_user):
    with pytest.raises(ValueError, match="declare it in config/audit.py"):
        audit.record(admin_user, "medellin.user_teleport", user=admin_user)
    assert not ModelLogEntry.objects.filter(action="medellin.user_teleport").exists()


def test_messages_show_choices_and_per_language_values_in_the_readers_language(admin_user, member):
    role = audit.record(
        member,
        "medellin.role_change",
        user=admin_user,
        data={"old_role": "", "new_role": "organizer", "reason": "meetups"},
    )
    moved = audit.record(
        member,  # any object will do: the message only reads the data
        "medellin.forum_topic_move",
        user=None,
        data={"from_category": {"es": "Preguntas", "en": ""}, "to_category": {"es": "Noticias",
              "en": "News"}},
    )  # fmt: skip
    bare = audit.record(member, "medellin.order_refund", user=admin_user, data={})
    with translation.override("es"):
        assert role.formatter.format_message(role) == "Rol cambiado de – a Organizador"
        assert moved.formatter.format_message(moved) == "Tema movido de Preguntas a Noticias"
        assert bare.formatter.format_message(bare) == "Pedido reembolsado"  # older data: label
    with translation.override("en"):
        assert role.formatter.format_message(role) == "Role changed from – to Organizer"
        assert moved.formatter.format_message(moved) == "Topic moved from Preguntas to News"
    assert role.comment == "meetups" and role.user_id == admin_user.pk
    assert moved.user_id is None  # the system
