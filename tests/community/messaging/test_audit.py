"""A moderator's decision on a reported direct message is an audit entry (config/audit.py),
named by the report's number: the admin's site history never quotes a removed message."""

import pytest

from community.accounts.roles import Role
from community.connections.services import connection_accept, connection_request
from community.messaging.services import message_report, message_send, report_resolve
from config.errors import Conflict
from tests.audit import assert_audited, assert_in_site_history, audit_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def friends(make_user):
    ana, beto = make_user(Role.MEMBER), make_user(Role.MEMBER)
    connection_accept(user=beto, connection_id=connection_request(sender=ana, recipient=beto).pk)
    return ana, beto


def test_resolving_and_dismissing_reports_are_recorded(client, admin_user, friends, make_user):
    ana, beto = friends
    moderator = make_user("moderator")
    spam = message_send(sender=ana, recipient=beto, body="Compra criptomonedas ya")
    joke = message_send(sender=ana, recipient=beto, body="Chiste malo")
    spam_report = message_report(reporter=beto, message=spam, reason="spam")
    joke_report = message_report(reporter=beto, message=joke, reason="other")

    report_resolve(moderator=moderator, report=spam_report, action="resolve")
    with pytest.raises(Conflict):
        report_resolve(moderator=moderator, report=spam_report, action="dismiss")
    removed = assert_audited(
        spam_report,
        "medellin.message_report_resolve",
        user=moderator,
        message=spam.pk,
        report_reason="spam",
        reports_closed=1,
    )
    assert removed.label == f"#{spam_report.pk}" and "cripto" not in removed.label
    assert not audit_entries(spam_report, "medellin.message_report_dismiss").exists()

    report_resolve(moderator=moderator, report=joke_report, action="dismiss")
    assert_audited(joke_report, "medellin.message_report_dismiss", user=moderator, message=joke.pk)
    assert_in_site_history(
        client, admin_user, removed, es="Mensaje reportado eliminado", en="Reported message removed"
    )
